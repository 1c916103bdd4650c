import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { rmSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { md } from '@/testing/fixtures/content-folder';
import { countLimit, type SearchOptions } from '@/lib/search/index';
import { parseQuery } from '@/lib/search/query';
import { openSqliteSearch } from '@/lib/search/sqlite-search';
import { date, day, indexed, now } from '@/lib/search/search-fixture';

describe('ranking', () => {
  test('headline over standfirst over tags over body', async () => {
    const { find } = await indexed({
      'content/articles/in-body.md': md({ date: date(now - day) }, 'الطاقة المتجددة في الفقرة الأولى.\n'),
      'content/articles/in-tags.md': md({ tags: '["الطاقة"]', date: date(now - day) }),
      'content/articles/in-description.md': md({ description: '"مشروع الطاقة الشمسية"', date: date(now - day) }),
      'content/articles/in-title.md': md({ title: '"الطاقة في الخليج"', date: date(now - day) }),
    });
    assert.deepEqual(await find('الطاقة'), ['in-title', 'in-description', 'in-tags', 'in-body']);
  });

  test('the word as written ranks above a match by its stem alone', async () => {
    const { find } = await indexed({
      'content/articles/stem.md': md({ title: '"أسعار النفط اليوم"', date: date(now - day) }),
      'content/articles/exact.md': md({ title: '"أسعار نفط اليوم"', date: date(now - 2 * day) }),
    });
    assert.deepEqual(await find('نفط'), ['exact', 'stem']);
    assert.deepEqual(await find('النفط'), ['stem', 'exact']);
  });

  test('anywhere, the word being typed as a whole word ranks above words it only begins', async () => {
    const { find } = await indexed({
      'content/articles/begins.md': md({ date: date(now - day) }, 'ارتفع تداول البنكنوت في الأسواق.\n'),
      'content/articles/whole.md': md({ date: date(now - 2 * day) }, 'رفع البنك المركزي سعر الفائدة.\n'),
    });
    assert.deepEqual(await find('بنك'), ['whole', 'begins']);
    assert.deepEqual(await find('بنك', { sort: 'date' }), ['begins', 'whole'], 'newest first when asked');
  });

  test('newer articles first within each rank; pages and the date sort', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 12; i++) files[`content/articles/n${i}.md`] = md({ description: '"أسواق النفط"', date: date(now - (i + 1) * day) });
    files['content/articles/better.md'] = md({ title: '"النفط يرتفع"', date: date(now - 30 * day) });
    const { index, find } = await indexed(files);
    const all = await find('النفط');
    assert.deepEqual(all.slice(0, 3), ['better', 'n0', 'n1']);
    assert.deepEqual(await find('النفط', { sort: 'date', pageSize: 3 }), ['n0', 'n1', 'n2']);
    const third = await index.search(parseQuery('النفط'), { page: 3, pageSize: 5, sort: 'relevance', now });
    assert.equal(third.total, 13);
    assert.deepEqual(third.slugs, ['n9', 'n10', 'n11']);
  });
});

describe('bounded counts', () => {
  test('counts stop past 1,000; pages, the date sort and the filter still answer', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 1003; i++) {
      files[`content/articles/m${i}.md`] = md({ title: '"أسواق النفط"', category: i % 2 ? 'world' : 'economy', date: date(now - (i + 1) * 60_000) });
    }
    files['content/articles/rare.md'] = md({ title: '"النفط والغاز"', category: 'world', date: date(now - 2 * day) });
    const { index } = await indexed(files);
    const search = (options: Partial<SearchOptions>) => index.search(parseQuery('النفط'), { page: 1, pageSize: 10, sort: 'relevance', now, ...options });
    const all = await search({});
    assert.equal(all.total, countLimit + 1, 'more than the limit');
    assert.deepEqual(all.byCategory, [{ category: 'economy' }, { category: 'world' }], 'past the limit, which categories have any');
    const world = await search({ category: 'world' });
    assert.equal(world.total, 502);
    assert.deepEqual((await search({ sort: 'date', pageSize: 2 })).slugs, ['m0', 'm1']);
    assert.deepEqual((await search({ sort: 'date', page: 100 })).slugs.length, 10);
    const gas = await index.search(parseQuery('الغاز'), { page: 1, pageSize: 10, sort: 'relevance', now });
    assert.deepEqual([gas.total, gas.slugs], [1, ['rare']]);
  });
});

describe('query syntax', () => {
  const files = {
    'content/articles/oil-prices.md': md({ title: '"أسعار النفط ترتفع"', category: 'economy', date: date(now - day) }),
    'content/articles/oil-war.md': md({ title: '"النفط والحرب"', category: 'world', date: date(now - 2 * day) }),
    'content/articles/prices-oil.md': md({ title: '"ارتفاع النفط بعد الأسعار"', category: 'economy', date: date(now - 3 * day) }),
  };

  test('all words must match; a phrase in order; a leading minus excludes', async () => {
    const { find } = await indexed(files);
    assert.deepEqual((await find('النفط أسعار')).sort(), ['oil-prices', 'prices-oil']);
    assert.deepEqual(await find('"أسعار النفط"'), ['oil-prices']);
    assert.deepEqual((await find('النفط -الحرب')).sort(), ['oil-prices', 'prices-oil']);
    assert.deepEqual(await find('نفط -حرب -ارتفاع'), ['oil-prices']);
  });

  test('a word excluded by its place in a body excludes a headline match too', async () => {
    const { find } = await indexed({
      'content/articles/oil-war-body.md': md({ title: '"أسعار النفط"', date: date(now - day) }, 'قيل إن الحرب رفعت الأسعار.\n'),
      'content/articles/oil-calm.md': md({ title: '"النفط اليوم"', date: date(now - 2 * day) }),
    });
    assert.deepEqual(await find('النفط'), ['oil-war-body', 'oil-calm']);
    assert.deepEqual(await find('النفط -الحرب'), ['oil-calm']);
    assert.deepEqual(await find('نفط -حرب'), ['oil-calm']);
  });

  test('a phrase is stemmed like words, and keeps its order', async () => {
    const { find } = await indexed({
      'content/articles/plural.md': md({ title: '"فرض العقوبات الجديدة"', date: date(now - day) }),
      'content/articles/reversed.md': md({ title: '"جديدة هي العقوبة"', date: date(now - 2 * day) }),
    });
    assert.deepEqual(await find('"عقوبة جديدة"'), ['plural']);
    assert.deepEqual(await find('"العقوبات الجديدة"'), ['plural']);
  });

  test('the category filter, with counts per category', async () => {
    const { index } = await indexed(files);
    const hits = await index.search(parseQuery('نفط'), { page: 1, pageSize: 10, sort: 'relevance', now, category: 'world' });
    assert.deepEqual(hits.slugs, ['oil-war']);
    assert.equal(hits.total, 1);
    assert.deepEqual(hits.byCategory, [
      { category: 'economy', count: 2 },
      { category: 'world', count: 1 },
    ]);
  });

  test('FTS5 syntax typed by a reader is text, never an error', async () => {
    const { find } = await indexed(files);
    for (const query of ['"النفط', 'النفط"', 'نفط*', '*', 'title:نفط', 'body : نفط', 'NEAR(نفط أسعار)', 'نفط AND', 'OR', 'NOT نفط', 'نفط NOT', '^نفط', '(نفط', 'نفط)', '""', '"', '-', '--نفط', '{title}:نفط', "نفط'", '\\"نفط']) {
      await assert.doesNotReject(find(query), query);
    }
    assert.deepEqual((await find('^نفط*')).length, 3);
    // An unpaired quote is no phrase: the words are looked for anywhere.
    assert.deepEqual((await find('"أسعار النفط')).sort(), ['oil-prices', 'prices-oil']);
    assert.deepEqual(await find('NEAR'), []);
  });
});

describe('incremental updates', () => {
  test('add, change, delete, re-draft and a scheduled article falling due', async () => {
    const { folder, sync, find } = await indexed({
      'content/articles/a.md': md({ title: '"قمة المناخ"', date: date(now - day) }),
      'content/articles/later.md': md({ title: '"قمة مؤجلة للمناخ"', date: date(now + day) }),
      'content/articles/draft.md': md({ title: '"مسودة عن المناخ"', draft: 'true', date: date(now - day) }),
    });
    assert.deepEqual(await find('المناخ'), ['a']);
    assert.deepEqual((await find('المناخ', { now: now + 2 * day })).sort(), ['a', 'later'], 'scheduled falls due');

    const file = (slug: string) => path.join(folder.contentDir, 'articles', `${slug}.md`);
    writeFileSync(file('b'), md({ title: '"المناخ يتغير"', date: date(now - 2 * day) }));
    await sync();
    assert.deepEqual(await find('المناخ'), ['a', 'b'], 'added');

    writeFileSync(file('a'), md({ title: '"قمة الطاقة"', date: date(now - day) }, 'نص عن الهيدروجين.\n'));
    await sync();
    assert.deepEqual(await find('المناخ'), ['b'], 'changed headline');
    assert.deepEqual(await find('هيدروجين'), ['a'], 'changed body');

    writeFileSync(file('b'), md({ title: '"المناخ يتغير"', date: date(now - 3 * day) }));
    writeFileSync(file('c'), md({ title: '"المناخ اليوم"', date: date(now - 2 * day) }));
    await sync();
    assert.deepEqual(await find('المناخ', { sort: 'date' }), ['c', 'b'], 'an earlier date moves it down');
    writeFileSync(file('b'), md({ title: '"المناخ يتغير"', date: date(now - 1000) }));
    await sync();
    assert.deepEqual(await find('المناخ', { sort: 'date' }), ['b', 'c'], 'a later date moves it up');
    unlinkSync(file('c'));

    writeFileSync(file('b'), md({ title: '"المناخ يتغير"', draft: 'true', date: date(now - 2 * day) }));
    await sync();
    assert.deepEqual(await find('المناخ'), [], 're-drafted');

    unlinkSync(file('a'));
    await sync();
    assert.deepEqual(await find('الطاقة'), [], 'deleted');
  });

  test('the index on disk serves after a restart, and only changed files are read again', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'khabar-search-'));
    try {
      const db = path.join(dir, 'search.db');
      const first = await indexed({ 'content/articles/a.md': md({ title: '"قمة المناخ"', date: date(now - day) }, 'فقرة عن الجفاف.\n') }, db);
      const file = path.join(first.folder.contentDir, 'articles', 'a.md');
      // Whole seconds, which every file system stores exactly.
      const stamp = 1_700_000_000;
      utimesSync(file, stamp, stamp);
      await first.sync();
      first.index.close();

      const reopened = openSqliteSearch(db);
      const hits = await reopened.search(parseQuery('الجفاف'), { page: 1, pageSize: 10, sort: 'relevance', now });
      assert.deepEqual(hits.slugs, ['a'], 'served before any sync');

      // Same size and modification time: taken as unchanged, so the new body is not read.
      const { size } = statSync(file);
      const same = md({ title: '"قمة المناخ"', date: date(now - day) }, 'فقرة عن السيول.\n');
      assert.equal(Buffer.byteLength(same), size);
      writeFileSync(file, same);
      utimesSync(file, stamp, stamp);
      await reopened.sync((await first.folder.loader.scan()).archive);
      assert.deepEqual(reopened.progress(), { indexed: 1, total: 1 });
      const search = async (q: string) => (await reopened.search(parseQuery(q), { page: 1, pageSize: 10, sort: 'relevance', now })).slugs;
      assert.deepEqual(await search('السيول'), []);

      utimesSync(file, stamp, stamp + 5);
      await reopened.sync((await first.folder.loader.scan()).archive);
      assert.deepEqual(await search('السيول'), ['a']);
      reopened.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('an index of an earlier format (before the headlines table) is rebuilt from the content', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'khabar-search-'));
    try {
      const db = path.join(dir, 'search.db');
      const first = await indexed({ 'content/articles/a.md': md({ title: '"قمة المناخ"', date: date(now - day) }) }, db);
      first.index.close();
      // What an index written by the previous release holds: analysis 3, no head_fts.
      const raw = new Database(db);
      raw.exec("DROP TABLE head_fts; UPDATE meta SET value = '3' WHERE key = 'analysis'");
      raw.close();

      const reopened = openSqliteSearch(db);
      const search = async (q: string) => (await reopened.search(parseQuery(q), { page: 1, pageSize: 10, sort: 'relevance', now })).slugs;
      assert.deepEqual(reopened.progress(), { indexed: 0, total: 0 }, 'dropped, not read with the old layout');
      await reopened.sync((await first.folder.loader.scan()).archive);
      assert.deepEqual(await search('قمة'), ['a']);
      reopened.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('an article dated before 1970 is kept across syncs and removed with its file', async () => {
    const { folder, sync, find } = await indexed({
      'content/articles/old.md': md({ title: '"أرشيف النفط"', date: '"1965-05-01T10:00:00+03:00"' }),
      'content/articles/new.md': md({ title: '"النفط اليوم"', date: date(now - day) }),
    });
    await sync();
    assert.deepEqual(await find('النفط', { sort: 'date' }), ['new', 'old']);
    unlinkSync(path.join(folder.contentDir, 'articles', 'old.md'));
    await sync();
    assert.deepEqual(await find('النفط'), ['new']);
  });

  test('a slice takes at least one article, however small the budget', async () => {
    const { folder } = await indexed({
      'content/articles/a.md': md({ title: '"قمة المناخ"', date: date(now - day) }),
      'content/articles/b.md': md({ title: '"قمة الطاقة"', date: date(now - day) }),
    });
    const index = openSqliteSearch(':memory:', { sliceMs: 0 });
    await index.sync((await folder.loader.scan()).archive);
    assert.deepEqual(index.progress(), { indexed: 2, total: 2 });
    index.close();
  });

  test('a large first build goes in slices and reports its progress', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 400; i++) files[`content/articles/x${i}.md`] = md({ title: '"تقرير"', date: date(now - day) }, `${'كلمة '.repeat(2000)}\n`);
    const { folder } = await indexed({});
    const { writeFileSync: write, mkdirSync } = await import('node:fs');
    for (const [rel, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(folder.tmp, rel)), { recursive: true });
      write(path.join(folder.tmp, rel), text);
    }
    const index = openSqliteSearch(':memory:');
    const articles = (await folder.loader.scan()).archive;
    // CPU time between two turns of the event loop, not wall time: on a loaded machine a turn can
    // wait for a core for a long while without the index holding the loop.
    let longest = 0;
    let last = process.cpuUsage();
    const probe = setInterval(() => {
      const spent = process.cpuUsage(last);
      longest = Math.max(longest, (spent.user + spent.system) / 1000);
      last = process.cpuUsage();
    }, 0);
    const seen: number[] = [];
    const watcher = setInterval(() => seen.push(index.progress().indexed), 1);
    await index.sync(articles);
    clearInterval(probe);
    clearInterval(watcher);
    assert.deepEqual(index.progress(), { indexed: 400, total: 400 });
    assert.ok(seen.some((n) => n > 0 && n < 400), `progress seen part-way: ${seen.slice(0, 5)}`);
    assert.ok(longest < 100, `longest event-loop block ${longest.toFixed(0)} ms of CPU`);
    index.close();
  });
});
