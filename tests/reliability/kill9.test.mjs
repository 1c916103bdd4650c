// kill -9 during a posting loop, 20 times: no comment answered 201 may be lost.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { failures, killNine } from './scenarios.mjs';

test('20 × kill -9 while 4 connections post: every acknowledged comment is stored as sent', { timeout: 300_000 }, async (t) => {
  const { figures, checks } = await killNine({ runs: 20 });
  t.diagnostic(JSON.stringify(figures));
  assert.deepEqual(failures(checks), []);
});
