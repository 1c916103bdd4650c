import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rankMostRead } from '@/lib/views/ranking';

const entries = (...pairs: [string, number][]) => pairs.map(([article, views]) => ({ article, views }));
const all = () => true;

describe('«الأكثر قراءة»: ranking and the 7-day fill', () => {
  test('the last 24 hours come first, in their order, up to the limit', () => {
    const day = entries(['a', 9], ['b', 5], ['c', 2]);
    const week = entries(['z', 100], ['a', 50]);
    assert.deepEqual(rankMostRead(day, week, all, 2).map((e) => e.article), ['a', 'b']);
  });

  test('fewer than the limit in 24 hours: filled from the 7 days, no article twice', () => {
    const day = entries(['a', 3], ['b', 1]);
    const week = entries(['b', 40], ['c', 30], ['a', 20], ['d', 10]);
    const ranked = rankMostRead(day, week, all, 4);
    assert.deepEqual(ranked.map((e) => e.article), ['a', 'b', 'c', 'd']);
    assert.deepEqual(ranked.map((e) => e.views), [3, 1, 30, 10], '24-hour entries keep their 24-hour counts');
  });

  test('nothing read in 24 hours: the 7 days alone; nothing at all: an empty list (the section is hidden)', () => {
    assert.deepEqual(rankMostRead([], entries(['c', 2], ['d', 1]), all, 10).map((e) => e.article), ['c', 'd']);
    assert.deepEqual(rankMostRead([], [], all, 10), []);
  });

  test('articles `keep` refuses (drafts, the page’s own article) never appear, and the next ones move up', () => {
    const day = entries(['draft', 99], ['a', 5], ['self', 4], ['b', 3]);
    const week = entries(['draft', 200], ['c', 50]);
    const keep = (slug: string) => slug !== 'draft' && slug !== 'self';
    assert.deepEqual(rankMostRead(day, week, keep, 3).map((e) => e.article), ['a', 'b', 'c']);
  });

  test('entries with no views are not listed', () => {
    assert.deepEqual(rankMostRead(entries(['a', 0]), entries(['b', 0]), all, 10), []);
  });
});
