/** lib/editor/session-age.ts: when a stored editor session is still alive (2 h idle, 12 h in all). */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sessionAbsoluteMs, sessionAlive, sessionIdleMs } from '@/lib/editor/session-age';

const hour = 3_600_000;
const t0 = Date.UTC(2026, 11, 2, 8);

describe('sessionAlive', () => {
  test('the limits are 2 hours idle and 12 hours in all', () => {
    assert.equal(sessionIdleMs, 2 * hour);
    assert.equal(sessionAbsoluteMs, 12 * hour);
  });

  test('idle: alive until 2 hours after the last use, not at 2 hours', () => {
    const session = { idHash: 'h', createdAt: t0, lastSeenAt: t0 };
    assert.equal(sessionAlive(session, t0 + 2 * hour - 1), true);
    assert.equal(sessionAlive(session, t0 + 2 * hour), false);
  });

  test('absolute: used every hour, it still ends 12 hours after sign-in', () => {
    assert.equal(sessionAlive({ idHash: 'h', createdAt: t0, lastSeenAt: t0 + 11.5 * hour }, t0 + 12 * hour - 1), true);
    assert.equal(sessionAlive({ idHash: 'h', createdAt: t0, lastSeenAt: t0 + 11.5 * hour }, t0 + 12 * hour), false);
  });
});
