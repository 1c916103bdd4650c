/**
 * Related articles are a question to the archive (lib/content/archive.ts), so
 * every test builds a small temporary archive and scans it.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ContentLoader, type ArticleMeta, type ContentIndex } from '@/lib/content/load';
import { toRelated } from '@/lib/content/related';

const rankRelated = (index: ContentIndex, article: ArticleMeta, at: number, limit = 6) => index.archive.related(article, at, limit, index.categories);

const temps: string[] = [];
after(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

type Spec = { date: string; tags?: string[]; category?: string; draft?: boolean };

const day = (n: number) => `2026-01-${String(n).padStart(2, '0')}T12:00:00+03:00`;
/** A fixed "now" after every dated article in these tests. */
const now = Date.parse('2026-06-01T00:00:00Z');

function archive(specs: Record<string, Spec>) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'khabar-related-'));
  temps.push(tmp);
  const contentDir = path.join(tmp, 'content');
  fs.mkdirSync(path.join(contentDir, 'articles'), { recursive: true });
  fs.mkdirSync(path.join(tmp, 'public'));
  fs.writeFileSync(
    path.join(contentDir, 'categories.json'),
    JSON.stringify([
      { slug: 'world', name: 'العالم', description: 'وصف.' },
      { slug: 'economy', name: 'اقتصاد', description: 'وصف.' },
      { slug: 'sports', name: 'رياضة', description: 'وصف.' },
    ]),
  );
  fs.writeFileSync(path.join(contentDir, 'authors.json'), JSON.stringify([{ slug: 'layla-haddad', name: 'ليلى حداد' }]));
  const write = (slug: string, spec: Spec) =>
    fs.writeFileSync(
      path.join(contentDir, 'articles', `${slug}.md`),
      [
        '---',
        `title: عنوان ${slug}`,
        'description: وصف قصير.',
        `date: "${spec.date}"`,
        `category: ${spec.category ?? 'world'}`,
        'author: layla-haddad',
        `tags: ${JSON.stringify(spec.tags ?? [])}`,
        ...(spec.draft ? ['draft: true'] : []),
        '---',
        'نص.',
        '',
      ].join('\n'),
    );
  for (const [slug, spec] of Object.entries(specs)) write(slug, spec);
  const loader = new ContentLoader({ contentDir, publicDir: path.join(tmp, 'public'), cwd: tmp });
  return {
    loader,
    write,
    async scan() {
      const index = await loader.scan();
      assert.deepEqual(index.problems, [], 'fixture must be valid');
      return index;
    },
  };
}

const slugs = (list: ArticleMeta[]) => list.map((a) => a.slug);

describe('related articles', () => {
  const subject: Spec = { date: day(20), tags: ['المناخ', 'الطاقة', 'الخليج'], category: 'economy' };

  test('more shared tags rank first, regardless of category or date', async () => {
    const index = await archive({
      subject,
      'one-tag': { date: day(19), tags: ['المناخ'], category: 'economy' },
      'two-tags': { date: day(1), tags: ['المناخ', 'الطاقة'], category: 'world' },
      'three-tags': { date: day(2), tags: ['الخليج', 'المناخ', 'الطاقة', 'أخرى'], category: 'world' },
      'no-tags': { date: day(19), category: 'economy' },
    }).scan();
    assert.deepEqual(slugs(rankRelated(index, index.archive.article('subject')!, now)), ['three-tags', 'two-tags', 'one-tag', 'no-tags']);
  });

  test('with equal shared tags, the same category ranks first', async () => {
    const index = await archive({
      subject,
      'other-category': { date: day(19), tags: ['المناخ'], category: 'world' },
      'same-category': { date: day(2), tags: ['الطاقة'], category: 'economy' },
      'untagged-other': { date: day(18), category: 'sports' },
      'untagged-same': { date: day(3), category: 'economy' },
    }).scan();
    assert.deepEqual(slugs(rankRelated(index, index.archive.article('subject')!, now)), [
      'same-category',
      'other-category',
      'untagged-same',
      'untagged-other',
    ]);
  });

  test('with equal tags and category, the newer ranks first (by instant), then by slug', async () => {
    const index = await archive({
      subject,
      older: { date: day(3), tags: ['المناخ'], category: 'economy' },
      newer: { date: day(9), tags: ['المناخ'], category: 'economy' },
      // 23:00 at -05:00 is 04:00 UTC on the 11th; 08:00 at +03:00 is 05:00 UTC on the 11th.
      west: { date: '2026-01-10T23:00:00-05:00', category: 'world' },
      east: { date: '2026-01-11T08:00:00+03:00', category: 'world' },
      'tie-b': { date: day(5), category: 'world' },
      'tie-a': { date: day(5), category: 'world' },
    }).scan();
    assert.deepEqual(slugs(rankRelated(index, index.archive.article('subject')!, now)), ['newer', 'older', 'east', 'west', 'tie-a', 'tie-b']);
  });

  test('never includes the article itself', async () => {
    const index = await archive({
      subject,
      twin: { date: day(19), tags: subject.tags!, category: 'economy' },
      other: { date: day(1), category: 'sports' },
    }).scan();
    const related = slugs(rankRelated(index, index.archive.article('subject')!, now));
    assert.deepEqual(related, ['twin', 'other']);
    const forTwin = slugs(rankRelated(index, index.archive.article('twin')!, now));
    assert.deepEqual(forTwin, ['subject', 'other']);
  });

  test('at most `limit`, six by default', async () => {
    const specs: Record<string, Spec> = { subject };
    for (let i = 1; i <= 10; i++) specs[`a${String(i).padStart(2, '0')}`] = { date: day(i), tags: i % 2 ? ['المناخ'] : [] };
    const index = await archive(specs).scan();
    const article = index.archive.article('subject')!;
    assert.deepEqual(slugs(rankRelated(index, article, now)), ['a09', 'a07', 'a05', 'a03', 'a01', 'a10']);
    assert.deepEqual(slugs(rankRelated(index, article, now, 2)), ['a09', 'a07']);
    assert.deepEqual(slugs(rankRelated(index, article, now, 8)), ['a09', 'a07', 'a05', 'a03', 'a01', 'a10', 'a08', 'a06']);
  });

  test('a limit of 0 gives an empty list', async () => {
    const index = await archive({ subject, a: { date: day(1), tags: ['المناخ'] }, b: { date: day(2) } }).scan();
    assert.deepEqual(rankRelated(index, index.archive.article('subject')!, now, 0), []);
  });

  test('fewer candidates than the limit: all of them', async () => {
    const index = await archive({ subject, only: { date: day(1) } }).scan();
    assert.deepEqual(slugs(rankRelated(index, index.archive.article('subject')!, now)), ['only']);
    const alone = await archive({ subject }).scan();
    assert.deepEqual(rankRelated(alone, alone.archive.article('subject')!, now), []);
  });

  test('a candidate found through several shared tags is listed once and counts each tag once', async () => {
    const specs: Record<string, Spec> = {
      subject,
      shared: { date: day(1), tags: ['المناخ', 'الطاقة', 'الخليج'] },
    };
    for (let i = 2; i <= 9; i++) specs[`b${i}`] = { date: day(i), tags: ['المناخ'] };
    const index = await archive(specs).scan();
    const related = slugs(rankRelated(index, index.archive.article('subject')!, now));
    assert.equal(new Set(related).size, related.length, `duplicates in ${related.join(', ')}`);
    assert.deepEqual(related, ['shared', 'b9', 'b8', 'b7', 'b6', 'b5']);
  });

  test('drafts and articles scheduled after `now` are never related', async () => {
    const index = await archive({
      subject,
      draft: { date: day(19), tags: subject.tags!, draft: true },
      scheduled: { date: '2026-07-01T09:00:00+03:00', tags: subject.tags! },
      published: { date: day(1) },
    }).scan();
    const article = index.archive.article('subject')!;
    assert.deepEqual(slugs(rankRelated(index, article, now)), ['published']);
    // Once its time has come the scheduled article is related (and ranks first); drafts never are.
    assert.deepEqual(slugs(rankRelated(index, article, Date.parse('2026-07-01T06:00:00Z'))), ['scheduled', 'published']);
  });

  // lib/content/index.ts passes an article from one getContentIndex() call and ranks against a later one.
  test('an article from a previous scan is still never related to itself', async () => {
    const fx = archive({
      subject,
      neighbour: { date: day(19), tags: ['المناخ'], category: 'economy' },
      other: { date: day(1), category: 'sports' },
    });
    const first = await fx.scan();
    const article = first.archive.article('subject')!;
    fx.write('breaking', { date: day(25), category: 'sports' });
    const second = await fx.scan();
    assert.notEqual(second, first);
    const related = slugs(rankRelated(second, article, now));
    assert.ok(!related.includes('subject'), `related to itself: ${related.join(', ')}`);
    assert.deepEqual(related, ['neighbour', 'breaking', 'other']);
  });
});

describe('toRelated', () => {
  test('plain data for the related-articles list', async () => {
    const index = await archive({ 'gulf-summit': { date: '2026-11-20T09:30:00+03:00' } }).scan();
    const meta = index.archive.article('gulf-summit')!;
    const related = toRelated(meta);
    assert.equal(related.slug, 'gulf-summit');
    assert.equal(related.href, '/articles/gulf-summit');
    assert.equal(related.title, 'عنوان gulf-summit');
    assert.equal(related.date, '2026-11-20T06:30:00.000Z');
    assert.equal(related.dateLabel, '20 نوفمبر 2026');
    assert.equal('image' in related, false);
    const withImage = toRelated({ ...meta, image: { src: '/images/a.jpg', alt: 'صورة' } });
    assert.deepEqual(withImage.image, { src: '/images/a.jpg', alt: 'صورة' });
  });
});
