import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ArticleMeta, PublishedList } from '@/lib/content/load';
import { publishedIn } from '@/lib/content/published';

const article = (slug: string, publishedAt: number, draft = false) => ({ slug, publishedAt, draft }) as ArticleMeta;

describe('publishedIn', () => {
  const now = Date.UTC(2026, 10, 29, 12);
  const list = [article('scheduled', now + 60_000), article('draft', now - 500, true), article('new', now - 1000), article('old', now - 5000)];
  const slugs = (items: ArticleMeta[]) => items.map((a) => a.slug);

  test('published articles only, in the order given', () => {
    assert.deepEqual(slugs(publishedIn(new Map(), 'all', list, now)), ['new', 'old']);
  });

  test('a second question while nothing comes due is answered from the memo', () => {
    const lists = new Map<string, PublishedList>();
    const first = publishedIn(lists, 'all', list, now);
    assert.equal(publishedIn(lists, 'all', list, now + 59_999), first);
    // The memo is the answer: a list given the second time is not looked at.
    assert.equal(publishedIn(lists, 'all', [], now + 1), first);
  });

  test('a scheduled article coming due starts a new answer; drafts never end one', () => {
    const lists = new Map<string, PublishedList>();
    publishedIn(lists, 'all', list, now);
    assert.equal(lists.get('all')?.until, now + 60_000);
    assert.deepEqual(slugs(publishedIn(lists, 'all', list, now + 60_000)), ['scheduled', 'new', 'old']);
    assert.equal(lists.get('all')?.until, Infinity);
  });

  test('an earlier clock than the newest article it holds is not answered from the memo', () => {
    const lists = new Map<string, PublishedList>();
    publishedIn(lists, 'all', list, now);
    assert.deepEqual(slugs(publishedIn(lists, 'all', list, now - 2000)), ['old']);
  });

  test('lists are remembered by key', () => {
    const lists = new Map<string, PublishedList>();
    publishedIn(lists, 'tag:a', list.slice(2, 3), now);
    assert.deepEqual(slugs(publishedIn(lists, 'tag:b', list.slice(3), now)), ['old']);
    assert.deepEqual([...lists.keys()], ['tag:a', 'tag:b']);
  });
});
