import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { LiveCoverage } from '@/lib/content';
import type { ArticleMeta } from '@/lib/content/load';
import { articleJsonLd } from '@/lib/seo';

/** The first JSON-LD object's fields, to read without knowing which schema.org type it is. */
const first = (ld: readonly object[]): Record<string, unknown> => Object.fromEntries(Object.entries(ld[0] ?? {}));

const article = (live: ArticleMeta['live']): ArticleMeta => ({
  slug: 'summit-live',
  title: 'القمة مباشرة',
  description: 'تغطية مباشرة',
  date: '2026-12-02T08:00:00+03:00',
  publishedAt: Date.parse('2026-12-02T08:00:00+03:00'),
  category: 'world',
  author: 'a',
  tags: [],
  draft: false,
  file: '/x/summit-live.md',
  live,
});

const coverage = (count: number, ended = false): LiveCoverage => ({
  ended,
  entries: [],
  keyEvents: [],
  page: 1,
  totalPages: 1,
  updates: Array.from({ length: count }, (_, i) => ({
    id: `e${count - i}`,
    time: `2026-12-02T${String(9 + Math.floor((count - i) / 60)).padStart(2, '0')}:${String((count - i) % 60).padStart(2, '0')}:00+03:00`,
    ...(i === 0 ? { title: 'وصول الوفود' } : {}),
    text: `نص التحديث ${count - i}`,
    url: `http://localhost:3000/articles/summit-live#entry-e${count - i}`,
  })),
});

describe('LiveBlogPosting JSON-LD', () => {
  test('a live page is a LiveBlogPosting with its start, its updates and no end while live', () => {
    const posting = first(articleJsonLd(article({}), undefined, undefined, coverage(3)));
    assert.equal(posting['@type'], 'LiveBlogPosting');
    assert.equal(posting.coverageStartTime, '2026-12-02T08:00:00+03:00');
    assert.equal(posting.coverageEndTime, undefined);
    assert.equal(posting.dateModified, '2026-12-02T09:03:00+03:00');
    const updates = posting.liveBlogUpdate as Record<string, unknown>[];
    assert.deepEqual(
      updates.map((u) => [u['@type'], u.headline, u.datePublished]),
      [
        ['BlogPosting', 'وصول الوفود', '2026-12-02T09:03:00+03:00'],
        ['BlogPosting', 'نص التحديث 2', '2026-12-02T09:02:00+03:00'],
        ['BlogPosting', 'نص التحديث 1', '2026-12-02T09:01:00+03:00'],
      ],
    );
  });

  test('an ended page says when coverage ended', () => {
    const ended = '2026-12-02T18:00:00+03:00';
    const posting = first(articleJsonLd(article({ ended, endedAt: Date.parse(ended) }), undefined, undefined, coverage(1, true)));
    assert.equal(posting.coverageEndTime, ended);
  });

  test('an ordinary article stays a NewsArticle', () => {
    const news = first(articleJsonLd(article(undefined)));
    assert.equal(news['@type'], 'NewsArticle');
    assert.equal(news.liveBlogUpdate, undefined);
  });
});
