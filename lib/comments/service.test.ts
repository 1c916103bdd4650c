/**
 * The posting policy: decide() on its own (pure), then submitComment() with a
 * controlled clock against a temporary DATA_DIR, including a reopened store.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { closeStoreSingleton, releaseContent, slugs, setupTempSite } from '@/testing/fixtures/comments/site';
import { arabicLetter } from '@/testing/fixtures/comments/api';
import { commentLimits } from '@/lib/comments/schema';

const site = setupTempSite('khabar-service-');
after(async () => {
  closeStoreSingleton();
  await releaseContent();
  site.cleanup();
});

const load = () => import('@/lib/comments/service');
const now = Date.UTC(2026, 10, 20, 9, 30);

describe('decide (pure)', () => {
  test('no activity: accepted', async () => {
    const { decide } = await load();
    assert.equal(decide({ recent: [], duplicate: false }, now), undefined);
  });

  test('15 seconds between posts; Retry-After rounds up to whole seconds', async () => {
    const { decide } = await load();
    for (const [ago, retry] of [[0, 15], [1, 15], [1_000, 14], [14_001, 1], [14_999, 1]] as const) {
      const r = decide({ recent: [now - ago], duplicate: false }, now);
      assert.equal(r?.status, 429, `${ago} ms ago`);
      assert.equal(r?.code, 'rate_limited');
      assert.equal(r?.retryAfter, retry, `${ago} ms ago`);
      assert.match(r!.message, arabicLetter);
    }
    assert.equal(decide({ recent: [now - 15_000], duplicate: false }, now), undefined, 'exactly 15 s');
  });

  test('five posts per ten minutes: the sixth waits until the oldest leaves the window', async () => {
    const { decide } = await load();
    const five = [now - 590_000, now - 400_000, now - 300_000, now - 200_000, now - 100_000];
    const r = decide({ recent: five, duplicate: false }, now);
    assert.equal(r?.status, 429);
    assert.equal(r?.retryAfter, 10);
    assert.equal(decide({ recent: five.slice(1), duplicate: false }, now), undefined, 'four in the window');
    // More than five in the window (older rows): the fifth-newest decides.
    const seven = [now - 599_000, now - 598_000, ...five];
    assert.equal(decide({ recent: seven, duplicate: false }, now)?.retryAfter, 10);
  });

  test('the same body again → 409; the rate limits are checked first', async () => {
    const { decide } = await load();
    const dup = decide({ recent: [now - 60_000], duplicate: true }, now);
    assert.equal(dup?.status, 409);
    assert.equal(dup?.code, 'duplicate');
    assert.equal(dup?.retryAfter, undefined);
    assert.match(dup!.message, arabicLetter);
    assert.equal(decide({ recent: [now - 1_000], duplicate: true }, now)?.status, 429);
  });

  test('property: Retry-After is a whole number of seconds, ≥ 1, and waiting it out is enough', async () => {
    const { decide } = await load();
    const ages = fc.uniqueArray(fc.integer({ min: 0, max: commentLimits.windowMs - 1 }), { maxLength: 12 });
    fc.assert(
      fc.property(ages, (agesMs) => {
        let t = now;
        const times = agesMs.map((a) => now - a).sort((a, b) => a - b);
        // A reader who always waits exactly Retry-After is let through within two waits.
        for (let attempt = 0; attempt < 3; attempt++) {
          const recent = times.filter((c) => c > t - commentLimits.windowMs);
          const r = decide({ recent, duplicate: false }, t);
          if (r === undefined) return;
          assert.equal(r.status, 429);
          assert.ok(Number.isInteger(r.retryAfter) && r.retryAfter! >= 1 && r.retryAfter! <= 600, `${r.retryAfter}`);
          const last = recent.at(-1)!;
          if (t - last < commentLimits.minIntervalMs) assert.ok(r.retryAfter! <= 15);
          t += r.retryAfter! * 1000;
        }
        assert.fail(`still refused after two waits: ${JSON.stringify(times.map((c) => c - now))}`);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('submitComment with a controlled clock', () => {
  const payload = (body: string) => ({ article: slugs.published, name: 'يوسف ناصر', body });

  test('15 s, 5 per 10 minutes, duplicates; the counters are in the database', async () => {
    const { submitComment } = await load();
    const client = '203.0.113.10';
    const t0 = Date.now();
    const status = async (offset: number, body: string) => {
      const r = await submitComment(payload(body), client, t0 + offset);
      return r.ok ? r.status : r.error.status;
    };
    assert.equal(await status(0, 'التعليق الأول'), 201);
    const early = await submitComment(payload('التعليق الثاني'), client, t0 + 5_000);
    assert.equal(early.ok, false);
    assert.deepEqual(!early.ok && [early.error.status, early.error.retryAfter], [429, 10]);
    assert.equal(await status(16_000, 'التعليق الثاني'), 201);
    assert.equal(await status(32_000, 'التعليق الأول'), 409, 'same body, same client, within 10 minutes');
    assert.equal(await status(48_000, 'التعليق الثالث'), 201);
    assert.equal(await status(64_000, 'التعليق الرابع'), 201);
    assert.equal(await status(80_000, 'التعليق الخامس'), 201);
    const sixth = await submitComment(payload('التعليق السادس'), client, t0 + 96_000);
    assert.equal(!sixth.ok && sixth.error.status, 429);
    assert.equal(!sixth.ok && sixth.error.retryAfter, 504, 'until the post at t0 leaves the window');

    // Reopen the store: nothing about the limits was kept in memory.
    closeStoreSingleton();
    const again = await submitComment(payload('التعليق السادس'), client, t0 + 96_000);
    assert.equal(!again.ok && again.error.retryAfter, 504);
    assert.equal(await status(600_000, 'التعليق السادس'), 201, 'the window has passed');
    closeStoreSingleton();
    assert.equal(await status(601_000, 'التعليق السابع'), 429, 'and the 15-second rule after a reopen');
    assert.equal(await status(620_000, 'التعليق الأول'), 201, 'the duplicate window has passed too');
  });

  test('two posts from one client at the same instant: exactly one gets through', async () => {
    const { submitComment } = await load();
    const t0 = Date.now() + 3_600_000;
    const results = await Promise.all([
      submitComment(payload('متزامن أ'), '203.0.113.20', t0),
      submitComment(payload('متزامن ب'), '203.0.113.20', t0),
    ]);
    assert.deepEqual(results.map((r) => (r.ok ? r.status : r.error.status)).sort(), [201, 429]);
  });

  test('another client is not held back by the first one', async () => {
    const { submitComment } = await load();
    const t0 = Date.now() + 7_200_000;
    assert.equal((await submitComment(payload('من القارئ الأول'), '203.0.113.30', t0)).ok, true);
    assert.equal((await submitComment(payload('من القارئ الأول'), '203.0.113.31', t0 + 1)).ok, true);
  });

  test('invisible characters: zero-width-only name and body refused, a ZWSP does not make a duplicate new, RLO stripped from the stored name', async () => {
    const { submitComment, getCommentStore } = await load();
    const client = '203.0.113.40';
    const t0 = Date.now() + 14_400_000;
    const empty = await submitComment({ article: slugs.published, name: '\u200b'.repeat(8), body: '\u200b\u200c\u200d'.repeat(10) }, client, t0);
    assert.equal(!empty.ok && empty.error.status, 400);
    assert.deepEqual(!empty.ok && Object.keys(empty.error.fields ?? {}).sort(), ['body', 'name']);

    const first = await submitComment({ article: slugs.published, name: '\u202eىليل', body: 'نص نُشر قبل لحظة' }, client, t0);
    assert.ok(first.ok);
    assert.equal(first.comment.name, 'ىليل', 'no override character is stored');
    assert.equal((await getCommentStore().get(first.comment.id))?.name, 'ىليل');
    const again = await submitComment({ article: slugs.published, name: 'ليلى', body: 'نص \u200bنُشر قبل لحظة' }, client, t0 + 20_000);
    assert.equal(!again.ok && again.error.status, 409, 'the same text with one zero-width space added');
  });

  test('the client address is never stored, only its salted hash', async () => {
    const { submitComment, getCommentStore } = await load();
    const address = '198.51.100.77';
    const r = await submitComment(payload('تعليق للتحقق من البصمة'), address, Date.now() + 10_800_000);
    assert.ok(r.ok);
    const stored = await getCommentStore().get(r.comment.id);
    assert.ok(stored);
    assert.equal(stored.clientHash.includes(address), false);
    assert.match(stored.clientHash, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(JSON.stringify(r.comment).includes(address), false);
  });
});
