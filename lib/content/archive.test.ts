/**
 * The content index on disk (lib/content/archive.ts) as the scan keeps it: restarts that read only
 * what changed, incremental updates, the lists' pages, the cross-file checks across restarts and
 * the change feed the search index follows.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Archive, everything } from '@/lib/content/archive';
import { ContentLoader } from '@/lib/content/load';
import { formatProblem } from '@/lib/content/problems';
import { categories, fixture, md, slugsOf } from '@/testing/fixtures/content-folder';

const now = Date.parse('2026-11-29T12:00:00Z');
const hour = 3600_000;
const at = (ms: number) => `"${new Date(ms).toISOString().replace(/\.\d+Z$/, '+00:00')}"`;

/** A folder and a loader over DATA_DIR/archive.db; `restart()` is a new process over the same two. */
function site(files: Record<string, string | null>) {
  const fx = fixture(files);
  const file = path.join(fx.tmp, 'data', 'archive.db');
  const open = () => {
    const archive = new Archive(file);
    const loader = new ContentLoader({ contentDir: fx.contentDir, publicDir: fx.publicDir, cwd: fx.tmp, archive });
    // Counts the files read whole: what a restart must keep small.
    const parsed: string[] = [];
    const parse = loader.parse.bind(loader);
    loader.parse = (f, source) => {
      parsed.push(path.basename(f));
      return parse(f, source);
    };
    return { archive, loader, parsed };
  };
  const write = (rel: string, text: string) => {
    const target = path.join(fx.tmp, rel);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text);
    // A later time than any earlier write, whatever the file system's clock resolution.
    const later = new Date(Date.now() + 2000 + Math.random() * 1000);
    fs.utimesSync(target, later, later);
  };
  const remove = (rel: string) => fs.rmSync(path.join(fx.tmp, rel), { recursive: true });
  return { fx, open, write, remove };
}

describe('the content index on disk', () => {
  test('a restart reads only the files that changed while it was down, and removes deleted ones', async () => {
    const s = site({
      'content/articles/2026/11/a.md': md({ title: 'أ', date: at(now - 3 * hour) }),
      'content/articles/2026/11/b.md': md({ title: 'ب', date: at(now - 2 * hour) }),
      'content/articles/2026/12/c.md': md({ title: 'ج', date: at(now - hour) }),
    });
    const first = s.open();
    const index = await first.loader.scan();
    assert.deepEqual(first.parsed.sort(), ['a.md', 'b.md', 'c.md']);
    assert.deepEqual(slugsOf(index), ['c', 'b', 'a']);
    first.archive.close();

    s.write('content/articles/2026/11/b.md', md({ title: 'ب معدل', date: at(now - 2 * hour) }));
    s.write('content/articles/2026/12/d.md', md({ title: 'د', date: at(now - 30 * 60_000) }));
    s.remove('content/articles/2026/11/a.md');
    const second = s.open();
    const again = await second.loader.scan();
    assert.deepEqual(second.parsed.sort(), ['b.md', 'd.md'], 'unchanged files are not read again');
    assert.deepEqual(slugsOf(again), ['d', 'c', 'b']);
    assert.equal(again.archive.article('b')?.title, 'ب معدل');

    // A whole folder removed: its articles go too.
    s.remove('content/articles/2026/12');
    const third = await second.loader.scan();
    assert.deepEqual(slugsOf(third), ['b']);
    second.archive.close();
  });

  test('a file of another layout is rebuilt from the files, not read as it is', async () => {
    const s = site({ 'content/articles/a.md': md({ title: 'أ' }) });
    const file = path.join(s.fx.tmp, 'data', 'archive.db');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const old = new Archive(file);
    old.db.exec('DROP TABLE content_articles; CREATE TABLE content_articles (slug TEXT PRIMARY KEY); PRAGMA user_version = 1');
    old.close();
    const { archive, loader, parsed } = s.open();
    const index = await loader.scan();
    assert.deepEqual(parsed, ['a.md']);
    assert.equal(index.archive.article('a')?.title, 'أ');
    archive.close();
  });

  test('add, change, delete, re-draft and a scheduled article falling due, each with its change in the feed', async () => {
    const s = site({
      'content/articles/a.md': md({ title: 'أ', date: at(now - hour) }),
      'content/articles/later.md': md({ title: 'لاحق', date: at(now + hour) }),
    });
    const { archive, loader } = s.open();
    const changesAfter = (version: number) => archive.changesSince(version, 100).map((c) => `${c.slug}${c.article ? (c.article.draft ? ' draft' : '') : ' removed'}`);
    const first = await loader.scan();
    assert.deepEqual(archive.list({}, now).map((a) => a.slug), ['a'], 'the scheduled one is not published yet');
    assert.deepEqual(archive.list({}, now + hour).map((a) => a.slug), ['later', 'a'], 'and is once its time has come');
    assert.equal(archive.nextChange(now), now + hour);

    s.write('content/articles/b.md', md({ title: 'ب', date: at(now - 30 * 60_000) }));
    const added = await loader.scan();
    assert.notEqual(added, first, 'a new index object: cached pages are refreshed');
    assert.deepEqual(changesAfter(first.version), ['b']);

    s.write('content/articles/a.md', md({ title: 'أ', date: at(now - hour), draft: 'true' }));
    const redrafted = await loader.scan();
    assert.deepEqual(archive.list({}, now).map((a) => a.slug), ['b']);
    assert.deepEqual(archive.unpublished(now).map((a) => a.slug), ['later', 'a']);
    assert.deepEqual(changesAfter(added.version), ['a draft']);

    s.remove('content/articles/b.md');
    const deleted = await loader.scan();
    assert.equal(archive.article('b'), undefined);
    assert.deepEqual(changesAfter(redrafted.version), ['b removed']);
    assert.equal(archive.pendingSince(redrafted.version), 1);

    assert.equal(await loader.scan(), deleted, 'nothing changed: the same index object');
    assert.deepEqual(changesAfter(deleted.version), []);
    archive.close();
  });

  test('page N of a category, a tag, an author and everything, newest first, with counts', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 25; i++) {
      files[`content/articles/w${String(i).padStart(2, '0')}.md`] = md({
        date: at(now - (i + 1) * hour),
        category: i % 2 ? 'world' : 'economy',
        author: i % 3 ? 'layla-haddad' : 'omar-khalidi',
        tags: i % 5 ? '[المناخ]' : '[الطاقة, المناخ]',
      });
    }
    files['content/articles/draft.md'] = md({ date: at(now - 1000), tags: '[المناخ]', draft: 'true' });
    const { archive, loader } = site(files).open();
    await loader.scan();
    const page = (filter: Parameters<typeof archive.list>[0], n: number) => archive.list(filter, now, (n - 1) * 10, 10).map((a) => a.slug);
    assert.equal(archive.count({}, now), 25);
    assert.equal(archive.count({}, everything), 26, 'drafts only when asked for');
    assert.deepEqual(
      archive.files(),
      archive.list({}, everything).map(({ slug, file }) => ({ slug, file })),
      'files: every article, drafts included, in list order',
    );
    assert.deepEqual(page({}, 3), ['w20', 'w21', 'w22', 'w23', 'w24']);
    assert.equal(archive.count({ category: 'world' }, now), 12);
    assert.deepEqual(page({ category: 'world' }, 2), ['w21', 'w23']);
    assert.equal(archive.count({ tag: 'الطاقة' }, now), 5);
    assert.deepEqual(page({ tag: 'الطاقة' }, 1), ['w00', 'w05', 'w10', 'w15', 'w20']);
    assert.equal(archive.count({ author: 'omar-khalidi' }, now), 9);
    assert.deepEqual(page({ author: 'omar-khalidi' }, 1).slice(0, 3), ['w00', 'w03', 'w06']);
    assert.equal(archive.count({ tag: 'لا وجود له' }, now), 0);
    assert.deepEqual(
      archive.tagsWithNewest(now).map((t) => `${t.tag}:${t.newest.slug}`),
      ['الطاقة:w00', 'المناخ:w00'],
    );
    archive.close();
  });

  test('duplicate slugs are refused until one file goes, across restarts', async () => {
    const s = site({
      'content/articles/2025/summit.md': md({ title: 'قديم' }),
      'content/articles/2026/summit.md': md({ title: 'جديد' }),
    });
    const first = s.open();
    const index = await first.loader.scan();
    assert.equal(index.archive.article('summit'), undefined);
    assert.equal(index.archive.problemsOf('summit').length, 2);
    first.archive.close();

    s.remove('content/articles/2025/summit.md');
    const second = s.open();
    const fixed = await second.loader.scan();
    assert.deepEqual(second.parsed, [], 'the other file is not read again');
    assert.equal(fixed.archive.article('summit')?.title, 'جديد');
    assert.deepEqual(fixed.problems, []);
    second.archive.close();
  });

  test('a category removed from categories.json while the server was down holds its articles back at restart', async () => {
    const s = site({
      'content/articles/a.md': md({ category: 'economy' }),
      'content/articles/b.md': md({ category: 'world' }),
    });
    const first = s.open();
    assert.deepEqual(slugsOf(await first.loader.scan()).sort(), ['a', 'b']);
    first.archive.close();
    s.write('content/categories.json', JSON.stringify(categories.filter((c) => c.slug !== 'economy')));
    const second = s.open();
    const index = await second.loader.scan();
    assert.deepEqual(slugsOf(index), ['b']);
    assert.deepEqual(index.problems.map(formatProblem), ['content/articles/a.md: category: expected one of world; got "economy"']);
    second.archive.close();
  });

  test('a picture deleted while the server was down is reported at restart; restored, the article is back', async () => {
    const s = site({ 'content/articles/a.md': md({ image: '/images/a.jpg', imageAlt: 'صورة' }) });
    s.write('public/images/a.jpg', 'jpeg');
    const first = s.open();
    assert.equal((await first.loader.scan()).archive.article('a')?.image?.src, '/images/a.jpg');
    first.archive.close();

    s.remove('public/images/a.jpg');
    const second = s.open();
    const index = await second.loader.scan();
    assert.equal(index.archive.article('a'), undefined);
    assert.deepEqual(index.problems.map(formatProblem), ['content/articles/a.md: image: expected an existing file public/images/a.jpg']);

    s.write('public/images/a.jpg', 'jpeg');
    assert.equal((await second.loader.scan()).archive.article('a')?.image?.src, '/images/a.jpg');
    second.archive.close();
  });

  test('two processes on one file: a change one of them stored is a new index for the other', async () => {
    const s = site({ 'content/articles/a.md': md({ date: at(now - hour) }) });
    const one = s.open();
    const two = s.open();
    await one.loader.scan();
    const before = await two.loader.scan();
    s.write('content/articles/b.md', md({ date: at(now - 60_000) }));
    await one.loader.scan();
    const after = await two.loader.scan();
    assert.deepEqual(two.parsed, [], 'the second process read no file: the first had stored them');
    assert.notEqual(after, before);
    assert.deepEqual(slugsOf(after), ['b', 'a']);
    one.archive.close();
    two.archive.close();
  });

  test('related articles: each tag offers its newest published articles; the article itself never', async () => {
    const files: Record<string, string> = { 'content/articles/subject.md': md({ date: at(now - hour), tags: '[المناخ, الطاقة]', category: 'economy' }) };
    for (let i = 0; i < 8; i++) files[`content/articles/t${i}.md`] = md({ date: at(now - (i + 2) * hour), tags: i < 2 ? '[المناخ, الطاقة]' : '[المناخ]' });
    files['content/articles/same.md'] = md({ date: at(now - 30 * hour), category: 'economy' });
    files['content/articles/future.md'] = md({ date: at(now + hour), tags: '[المناخ, الطاقة]' });
    const { archive, loader } = site(files).open();
    const index = await loader.scan();
    const subject = archive.article('subject')!;
    assert.deepEqual(
      archive.related(subject, now, 6, index.categories).map((a) => a.slug),
      ['t0', 't1', 't2', 't3', 't4', 't5'],
    );
    assert.deepEqual(archive.related(subject, now, 11, index.categories).map((a) => a.slug), ['t0', 't1', 't2', 't3', 't4', 't5', 't6', 't7', 'same']);
    archive.close();
  });
});
