/** lib/auth-throttle.ts: the limit on guesses at a secret, as a pure table with its own clock. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createThrottle } from '@/lib/auth-throttle';

describe('createThrottle', () => {
  test('ten failures in the window lock the client out, the right secret included, with the time left', () => {
    let clock = 0;
    const throttle = createThrottle({ limit: 10, windowMs: 15 * 60_000, now: () => clock });
    for (let i = 0; i < 10; i++) {
      const a = throttle.admit('198.51.100.1');
      assert.ok(a.admitted, `attempt ${i + 1} is admitted`);
      a.settle(false);
    }
    clock = 60_000;
    const locked = throttle.admit('198.51.100.1');
    assert.deepEqual(locked, { admitted: false, retryAfterSeconds: 14 * 60 });
    assert.ok(throttle.admit('198.51.100.2').admitted, 'another client is not affected');
    clock = 15 * 60_000;
    assert.ok(throttle.admit('198.51.100.1').admitted, 'admitted again once the window has passed');
  });

  test('attempts count from the moment they arrive: parallel attempts beyond the limit are refused before any is judged', () => {
    const throttle = createThrottle({ limit: 10, now: () => 0 });
    const results = Array.from({ length: 40 }, () => throttle.admit('c'));
    assert.equal(results.filter((r) => r.admitted).length, 10);
    assert.equal(results.filter((r) => !r.admitted).length, 30);
  });

  test('a right secret gives its attempt back; a failure does not; settling twice counts once', () => {
    const throttle = createThrottle({ limit: 3, now: () => 0 });
    for (let i = 0; i < 5; i++) {
      const a = throttle.admit('c');
      assert.ok(a.admitted);
      a.settle(true);
      a.settle(true);
    }
    const wrong = [throttle.admit('c'), throttle.admit('c'), throttle.admit('c')];
    for (const a of wrong) if (a.admitted) a.settle(false);
    assert.equal(throttle.admit('c').admitted, false);
  });

  test('the table is bounded: the oldest windows go first, one at a time, never all at once', () => {
    let clock = 0;
    const throttle = createThrottle({ limit: 2, maxClients: 100, now: () => clock });
    const fail = (client: string) => {
      const a = throttle.admit(client);
      if (a.admitted) a.settle(false);
      return a.admitted;
    };
    fail('victim-of-age');
    fail('victim-of-age');
    for (let i = 0; i < 99; i++) {
      clock += 1;
      fail(`attacker-${i}`);
      fail(`attacker-${i}`);
    }
    assert.equal(throttle.size, 100);
    assert.equal(fail('attacker-50'), false, 'a locked client is still locked while the table is full');
    clock += 1;
    fail('one-more');
    assert.equal(throttle.size, 100, 'one window made room for one more');
    assert.equal(fail('attacker-1'), false, 'the others are kept');
  });
});
