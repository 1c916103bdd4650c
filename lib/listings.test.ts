/**
 * URL parameters of listing pages, the pagination window, and loadListing
 * against a temporary CONTENT_DIR. lib/listings.ts imports lib/content/index.ts,
 * which reads CONTENT_DIR when first imported, so it is imported dynamically
 * after the variable is set.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { pageWindow } from '@/lib/pagination';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'khabar-listings-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

const contentDir = path.join(tmp, 'content');
fs.mkdirSync(path.join(contentDir, 'articles'), { recursive: true });
fs.writeFileSync(
  path.join(contentDir, 'categories.json'),
  JSON.stringify([
    { slug: 'world', name: 'أخبار العالم', description: 'تغطية يومية للأحداث.' },
    { slug: 'economy', name: 'اقتصاد', description: 'الأسواق والطاقة.' },
  ]),
);
fs.writeFileSync(
  path.join(contentDir, 'authors.json'),
  JSON.stringify([
    { slug: 'layla-haddad', name: 'ليلى حداد', bio: 'مراسلة الشؤون الدولية.' },
    { slug: 'omar-khalidi', name: 'عمر الخالدي' },
  ]),
);
function article(slug: string, fields: { date: string; category?: string; author?: string; tags?: string[]; draft?: boolean }) {
  fs.writeFileSync(
    path.join(contentDir, 'articles', `${slug}.md`),
    [
      '---',
      `title: عنوان ${slug}`,
      'description: وصف.',
      `date: "${fields.date}"`,
      `category: ${fields.category ?? 'world'}`,
      `author: ${fields.author ?? 'layla-haddad'}`,
      `tags: ${JSON.stringify(fields.tags ?? [])}`,
      `draft: ${fields.draft ?? false}`,
      '---',
      'نص.',
    ].join('\n'),
  );
}
for (let i = 1; i <= 14; i++) article(`climate-${i}`, { date: `2025-03-${String(i).padStart(2, '0')}T10:00:00+03:00`, tags: ['المناخ'] });
article('market', { date: '2025-04-01T10:00:00+03:00', category: 'economy', author: 'omar-khalidi', tags: ['أسواق'] });
article('draft-only', { date: '2025-04-01T10:00:00+03:00', tags: ['مسودة'], draft: true });
article('scheduled-only', { date: '2999-01-01T10:00:00+03:00', tags: ['مجدول'] });

process.env.CONTENT_DIR = contentDir;
process.env.DATA_DIR = path.join(contentDir, '..', 'data');
const load = () => import('@/lib/listings');

describe('parsePageParam', () => {
  test('plain positive integers are pages', async () => {
    const { parsePageParam } = await load();
    assert.equal(parsePageParam('1'), 1);
    assert.equal(parsePageParam('2'), 2);
    assert.equal(parsePageParam('10'), 10);
    assert.equal(parsePageParam('999999'), 999999);
  });

  test('no segment means page 1', async () => {
    const { parsePageParam } = await load();
    assert.equal(parsePageParam(undefined), 1);
  });

  test('anything else is not a page', async () => {
    const { parsePageParam } = await load();
    for (const value of ['0', '-1', '01', '1.5', '1e3', 'abc', '', ' 2', '2 ', '+2', '0x10', '٢', '２', '2/']) {
      assert.equal(parsePageParam(value), null, JSON.stringify(value));
    }
  });

  test('huge numbers are refused instead of turning into Infinity or imprecise values', async () => {
    const { parsePageParam } = await load();
    for (const value of ['1000000', '9007199254740993', '9'.repeat(400)]) assert.equal(parsePageParam(value), null, value);
  });
});

describe('decodeParam', () => {
  test('percent-encoded Arabic is decoded', async () => {
    const { decodeParam } = await load();
    assert.equal(decodeParam('%D8%A7%D9%84%D9%85%D9%86%D8%A7%D8%AE'), 'المناخ');
    assert.equal(decodeParam('%d8%a7%d9%84%d9%85%d9%86%d8%a7%d8%ae'), 'المناخ');
    assert.equal(decodeParam('%D8%A7%D9%84%D8%B7%D8%A7%D9%82%D8%A9%20%D8%A7%D9%84%D9%86%D8%B8%D9%8A%D9%81%D8%A9'), 'الطاقة النظيفة');
  });

  test('an already decoded value stays as it is', async () => {
    const { decodeParam } = await load();
    assert.equal(decodeParam('المناخ'), 'المناخ');
    assert.equal(decodeParam('الطاقة النظيفة'), 'الطاقة النظيفة');
    assert.equal(decodeParam('100% طاقة'), '100% طاقة');
  });

  test('malformed percent-encoding does not throw', async () => {
    const { decodeParam } = await load();
    assert.doesNotThrow(() => decodeParam('%E0%A4%A'));
    assert.equal(decodeParam('%E0%A4%A'), '%E0%A4%A');
    assert.doesNotThrow(() => decodeParam('%FF%FE'));
  });

  test('NFC normalisation: a decomposed hamza matches the composed letter', async () => {
    const { decodeParam } = await load();
    // U+0627 ALEF + U+0654 HAMZA ABOVE composes to U+0623 "أ".
    assert.equal(decodeParam('ا\u0654سواق'), 'أسواق');
    assert.equal(decodeParam(encodeURIComponent('ا\u0654سواق')), 'أسواق');
    assert.equal(decodeParam('e\u0301'), '\u00e9');
  });

  test('surrounding and repeated whitespace is collapsed like tags in the index', async () => {
    const { decodeParam } = await load();
    assert.equal(decodeParam('%20%D8%A3%D8%B3%D9%88%D8%A7%D9%82%20%20'), 'أسواق');
  });
});

describe('pageWindow', () => {
  const cases: [number, number][] = [
    [1, 1],
    [1, 2],
    [2, 2],
    [1, 5],
    [3, 5],
    [1, 10],
    [4, 10],
    [5, 10],
    [7, 10],
    [10, 10],
    [50, 200],
  ];
  const expected: (number | null)[][] = [
    [1],
    [1, 2],
    [1, 2],
    [1, 2, 3, 4, 5],
    [1, 2, 3, 4, 5],
    [1, 2, 3, null, 10],
    [1, 2, 3, 4, 5, 6, null, 10],
    [1, 2, 3, 4, 5, 6, 7, null, 10],
    [1, null, 5, 6, 7, 8, 9, 10],
    [1, null, 8, 9, 10],
    [1, null, 48, 49, 50, 51, 52, null, 200],
  ];
  cases.forEach(([page, total], i) => {
    test(`page ${page} of ${total}`, () => {
      assert.deepEqual(pageWindow(page, total), expected[i]);
    });
  });
});

describe('loadListing (temporary CONTENT_DIR)', () => {
  test('a category listing: title, description, page hrefs', async () => {
    const { loadListing } = await load();
    const listing = await loadListing('category', 'economy', 1);
    assert.ok(listing);
    assert.equal(listing.title, 'اقتصاد');
    assert.equal(listing.description, 'الأسواق والطاقة.');
    assert.deepEqual(listing.list.items.map((a) => a.slug), ['market']);
    assert.equal(listing.hrefFor(1), '/categories/economy');
    assert.equal(listing.hrefFor(3), '/categories/economy/page/3');
  });

  test('a tag listing from a percent-encoded segment, paged 12 at a time', async () => {
    const { loadListing } = await load();
    const encoded = encodeURIComponent('المناخ');
    const page1 = await loadListing('tag', encoded, 1);
    assert.ok(page1);
    assert.equal(page1.title, 'المناخ');
    assert.equal(page1.kicker, 'وسم');
    assert.equal(page1.list.total, 14);
    assert.equal(page1.list.totalPages, 2);
    assert.equal(page1.list.items[0]?.slug, 'climate-14');
    assert.equal(page1.list.items.length, 12);
    const page2 = await loadListing('tag', 'المناخ', 2);
    assert.deepEqual(page2?.list.items.map((a) => a.slug), ['climate-2', 'climate-1']);
    assert.equal(page1.hrefFor(2), `/tags/${encoded}/page/2`);
    assert.equal(await loadListing('tag', 'المناخ', 3), null);
  });

  test('an author listing', async () => {
    const { loadListing } = await load();
    const listing = await loadListing('author', 'omar-khalidi', 1);
    assert.equal(listing?.title, 'عمر الخالدي');
    assert.equal(listing?.kicker, 'الكاتب');
    assert.deepEqual(listing?.list.items.map((a) => a.slug), ['market']);
  });

  test('unknown category, author or tag, and tags with only drafts or scheduled articles, do not exist', async () => {
    const { loadListing } = await load();
    assert.equal(await loadListing('category', 'sports', 1), null);
    assert.equal(await loadListing('author', 'nobody', 1), null);
    assert.equal(await loadListing('tag', 'لا-يوجد', 1), null);
    assert.equal(await loadListing('tag', 'مسودة', 1), null);
    assert.equal(await loadListing('tag', encodeURIComponent('مجدول'), 1), null);
  });
});

describe('decideRoute (what proxy.ts answers before rendering)', () => {
  const decide = async (pathname: string, preview = false) => (await import('@/lib/routing')).decideRoute(pathname, preview);
  const ok = { type: 'ok' };
  const notFound = { type: 'not-found' };

  test('lists and their pages that exist pass; /page/1 redirects to the list', async () => {
    assert.deepEqual(await decide('/categories/economy'), ok);
    assert.deepEqual(await decide(`/tags/${encodeURIComponent('المناخ')}/page/2`), ok);
    assert.deepEqual(await decide('/authors/omar-khalidi'), ok);
    assert.deepEqual(await decide('/categories/world/page/1'), { type: 'redirect', location: '/categories/world' });
  });

  test('unknown lists, pages past the end, malformed page numbers and unpublished-only tags are not found', async () => {
    for (const pathname of ['/categories/sports', '/authors/nobody', '/tags/لا-يوجد', `/tags/${encodeURIComponent('مسودة')}`, '/tags/المناخ/page/3', '/categories/world/page/0', '/categories/world/page/x']) {
      assert.deepEqual(await decide(pathname), notFound, pathname);
    }
  });

  test('articles: published ones pass; drafts and scheduled ones only in preview', async () => {
    assert.deepEqual(await decide('/articles/market'), ok);
    assert.deepEqual(await decide('/articles/draft-only'), notFound);
    assert.deepEqual(await decide('/articles/draft-only', true), ok);
    assert.deepEqual(await decide('/articles/scheduled-only'), notFound);
    assert.deepEqual(await decide('/articles/no-such', true), notFound);
  });

  test('addresses it does not know the shape of are left to Next', async () => {
    for (const pathname of ['/articles/market/opengraph-image', '/categories/world/feed.xml', '/sitemaps/1.xml', '/constructor/x']) {
      assert.deepEqual(await decide(pathname), ok, pathname);
    }
  });
});
