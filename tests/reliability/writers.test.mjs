// 8 writers × 250 comments at once through the production server's HTTP API.
// Needs the production build (`npm run build`); `npm test` runs it after the build step.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { concurrentWriters, failures } from './scenarios.mjs';

test('8 connections post 250 comments each at once: 2,000 stored, none lost or duplicated, integrity ok', { timeout: 300_000 }, async (t) => {
  const { figures, checks } = await concurrentWriters({ writers: 8, perWriter: 250 });
  t.diagnostic(JSON.stringify(figures));
  assert.deepEqual(failures(checks), []);
});
