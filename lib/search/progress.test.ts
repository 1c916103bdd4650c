import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseQuery } from '@/lib/search/query';
import { indexingNotice } from '@/lib/search/progress';
import { openSqliteSearch } from '@/lib/search/sqlite-search';
import { date, day, now } from '@/lib/search/search-fixture';
import { fixture, md } from '@/testing/fixtures/content-folder';

describe('the notice while the index is being built', () => {
  test('in Arabic digits, rounded down, gone once complete', () => {
    assert.equal(indexingNotice({ indexed: 60, total: 100 }), 'يجري تحديث فهرس البحث: ٦٠٪');
    assert.equal(indexingNotice({ indexed: 999, total: 1000 }), 'يجري تحديث فهرس البحث: ٩٩٪');
    assert.equal(indexingNotice({ indexed: 0, total: 3 }), 'يجري تحديث فهرس البحث: ٠٪');
    assert.equal(indexingNotice({ indexed: 5, total: 5 }), undefined);
    assert.equal(indexingNotice({ indexed: 0, total: 0 }), undefined);
  });

  test('a first build shows it with the share indexed, and searches see the part already in', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 300; i++) files[`content/articles/a${i}.md`] = md({ title: '"أسعار النفط"', date: date(now - (i + 1) * day) }, 'فقرة عن الأسواق.\n');
    const content = await fixture(files).loader.scan();
    // A zero budget takes one article per slice, so the build is seen half-way.
    const index = openSqliteSearch(':memory:', { sliceMs: 0 });
    const building = index.sync(content.archive);
    const notices: string[] = [];
    const partial: number[] = [];
    do {
      await new Promise((resolve) => setImmediate(resolve));
      const notice = indexingNotice(index.progress());
      if (notice) notices.push(notice);
    } while (index.progress().indexed < 150);
    partial.push((await index.search(parseQuery('النفط'), { page: 1, pageSize: 10, sort: 'relevance', now })).total);
    await building;
    assert.match(notices.at(-1)!, /^يجري تحديث فهرس البحث: [٠-٩]+٪$/);
    assert.ok(notices.includes('يجري تحديث فهرس البحث: ٥٠٪'), notices.at(-1));
    assert.ok(partial[0]! > 0 && partial[0]! < 300, `found ${partial[0]} while half-built`);
    assert.equal(indexingNotice(index.progress()), undefined);
    assert.equal((await index.search(parseQuery('النفط'), { page: 1, pageSize: 10, sort: 'relevance', now })).total, 300);
    index.close();
  });
});
