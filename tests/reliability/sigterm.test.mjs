// Graceful shutdown (server/serve.mjs): SIGTERM with 100 comment posts in flight.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { failures, sigtermInFlight } from './scenarios.mjs';

test('SIGTERM with 100 posts in flight: all answered 201, connections closed, database closed, exit 0 within 30 s', { timeout: 90_000 }, async (t) => {
  const { figures, checks, log } = await sigtermInFlight({ requests: 100, idle: 5 });
  t.diagnostic(JSON.stringify(figures));
  assert.deepEqual(failures(checks), [], `server log:\n${log}`);
});
