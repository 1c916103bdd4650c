import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { breakingUntil, currentBreaking } from '@/lib/content/breaking';
import { articlesOf, fixture, md } from '@/testing/fixtures/content-folder';

const hour = 3600_000;

describe('breaking expiry', () => {
  test('six hours after date by default, after updated when later, or breakingUntil as written', () => {
    assert.equal(breakingUntil({ date: '2026-12-02T09:00:00+03:00' }), Date.parse('2026-12-02T15:00:00+03:00'));
    assert.equal(breakingUntil({ date: '2026-12-02T09:00:00+03:00', updated: '2026-12-02T11:30:00+03:00' }), Date.parse('2026-12-02T17:30:00+03:00'));
    assert.equal(
      breakingUntil({ date: '2026-12-02T09:00:00+03:00', updated: '2026-12-02T11:30:00+03:00', breakingUntil: '2026-12-02T10:00:00+03:00' }),
      Date.parse('2026-12-02T10:00:00+03:00'),
    );
  });

  test('the banner shows the newest breaking article that is published and not expired', async () => {
    const at = (ms: number) => `"${new Date(ms).toISOString().replace(/\.\d+Z$/, '+00:00')}"`;
    const now = Date.parse('2026-12-02T12:00:00Z');
    const { loader } = fixture({
      'content/articles/older.md': md({ date: at(now - 2 * hour), breaking: 'true' }),
      'content/articles/newer.md': md({ date: at(now - hour), breaking: 'true' }),
      'content/articles/expired.md': md({ date: at(now - 30 * 60_000), breaking: 'true', breakingUntil: at(now - 60_000) }),
      'content/articles/draft.md': md({ date: at(now - 10 * 60_000), breaking: 'true', draft: 'true' }),
      'content/articles/scheduled.md': md({ date: at(now + 10 * 60_000), breaking: 'true' }),
      'content/articles/plain.md': md({ date: at(now - 60_000) }),
      'content/articles/live-page.md': md({ date: at(now - 3 * hour), live: 'true', liveEnded: at(now + 2 * hour) }),
    });
    const index = await loader.scan();
    const articles = articlesOf(index);
    assert.deepEqual(index.problems, []);
    assert.equal(index.archive.breaking(now)?.slug, 'newer');
    assert.equal(currentBreaking(articles, now)?.slug, 'newer');
    // Once "newer" expires (5 h later) the older one has expired too; the scheduled one, published at +10 min, is then the only one left.
    assert.equal(currentBreaking(articles, now + 10 * 60_000)?.slug, 'scheduled');
    assert.equal(currentBreaking(articles, now + 5 * hour + 1)?.slug, 'scheduled');
    assert.equal(currentBreaking(articles, now + 6 * hour + 10 * 60_000), undefined);
    assert.equal(currentBreaking([], now), undefined);
    assert.equal(index.archive.breaking(now + 10 * 60_000)?.slug, 'scheduled');
    // The scheduled article falling due, each expiry and the end of the live page are moments the cached pages are refreshed.
    const moments: number[] = [];
    for (let at = index.archive.nextChange(now); at !== Infinity; at = index.archive.nextChange(at)) moments.push(at);
    assert.deepEqual(moments, [now + 10 * 60_000, now + 2 * hour, now + 4 * hour, now + 5 * hour, now + 5 * hour + 50 * 60_000, now + 6 * hour + 10 * 60_000]);
  });

  test('content:check names bad breaking and live fields', async () => {
    const { loader } = fixture({
      'content/articles/a.md': md({ breaking: '"yes"', breakingUntil: 'soon', liveEnded: '2026-12-02' }),
    });
    const { problems } = await loader.scan();
    assert.deepEqual(
      problems.map((p) => `${p.field}: ${p.message}`),
      [
        'breaking: expected true or false',
        'breakingUntil: expected an ISO 8601 date-time with offset, e.g. 2026-11-20T09:30:00+03:00',
        'liveEnded: expected an ISO 8601 date-time with offset, e.g. 2026-11-20T09:30:00+03:00',
      ],
    );
  });
});
