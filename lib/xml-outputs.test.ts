import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ArticleMeta, ContentIndex } from '@/lib/content/load';
import { renderRss } from '@/lib/rss';
import { renderSitemapIndex, renderUrlset, sitemapEntries, sitemapPart } from '@/lib/sitemap';
import { xmlText } from '@/lib/xml';

const article = (slug: string, publishedAt: number, extra: Partial<ArticleMeta> = {}): ArticleMeta => ({
  slug,
  title: `عنوان ${slug}`,
  description: 'وصف',
  date: new Date(publishedAt).toISOString(),
  publishedAt,
  category: 'world',
  author: 'a',
  tags: [],
  draft: false,
  file: `/x/${slug}.md`,
  ord: 0,
  ...extra,
});

describe('xmlText', () => {
  test('escapes markup and quotes and keeps Arabic', () => {
    assert.equal(xmlText(`أ & ب <c> "d" 'e'`), 'أ &amp; ب &lt;c&gt; &quot;d&quot; &apos;e&apos;');
  });
  test('drops characters XML 1.0 cannot carry', () => {
    assert.equal(xmlText('a\u0001b\u000bc\ud800d'), 'abc\ufffdd');
  });
});

describe('sitemap', () => {
  const now = Date.parse('2026-11-29T00:00:00Z');
  const index = {
    categories: [{ slug: 'world', name: 'العالم', description: 'd' }],
    authors: [{ slug: 'a', name: 'كاتب' }],
    articles: [
      article('future', now + 1000),
      article('draft', now - 1000, { draft: true }),
      article('new', now - 2000, { tags: ['وسم'], updatedAt: now - 500 }),
      article('old', now - 5000, { tags: ['وسم'] }),
    ],
    byCategory: new Map(),
    byAuthor: new Map(),
    byTag: new Map(),
  } as unknown as ContentIndex;
  index.byCategory.set('world', index.articles);
  index.byAuthor.set('a', index.articles);
  index.byTag.set('وسم', index.articles.slice(2));

  test('lists home, category, tag, author and published articles only, with absolute URLs', () => {
    const locs = sitemapEntries(index, now).map((e) => e.loc);
    assert.ok(locs.every((l) => /^https?:\/\//.test(l)));
    assert.ok(locs.some((l) => l.endsWith('/articles/new')));
    assert.ok(locs.some((l) => l.endsWith('/articles/old')));
    assert.ok(!locs.some((l) => l.endsWith('/articles/future') || l.endsWith('/articles/draft')));
    assert.ok(locs.some((l) => l.endsWith(`/tags/${encodeURIComponent('وسم')}`)));
    assert.ok(locs.some((l) => l.endsWith('/categories/world')));
    assert.ok(locs.some((l) => l.endsWith('/authors/a')));
  });

  test('an article lastmod is its update time', () => {
    const entry = sitemapEntries(index, now).find((e) => e.loc.endsWith('/articles/new'));
    assert.equal(entry?.lastmod, new Date(now - 500).toISOString());
  });

  test('splits into parts of the given size and refuses parts that do not exist', () => {
    const entries = Array.from({ length: 5 }, (_, i) => ({ loc: `https://x/${i}` }));
    assert.deepEqual(sitemapPart(entries, 1, 2)?.map((e) => e.loc), ['https://x/0', 'https://x/1']);
    assert.deepEqual(sitemapPart(entries, 3, 2)?.map((e) => e.loc), ['https://x/4']);
    assert.equal(sitemapPart(entries, 4, 2), null);
    assert.equal(sitemapPart(entries, 0, 2), null);
    const xml = renderSitemapIndex(3);
    assert.equal(xml.match(/<sitemap>/g)?.length, 3);
    assert.match(xml, /\/sitemaps\/3\.xml<\/loc>/);
  });

  test('escapes URLs in the urlset', () => {
    assert.match(renderUrlset([{ loc: 'https://x/?a=1&b=2' }]), /a=1&amp;b=2/);
  });
});

describe('RSS', () => {
  test('well-formed items with creator, categories and enclosure, whatever the text holds', () => {
    const xml = renderRss({
      title: 'خبر & "شركاه"',
      path: '/',
      selfPath: '/feed.xml',
      description: 'وصف <مهم>',
      items: [
        {
          article: article('a', Date.parse('2026-11-20T09:30:00Z'), { title: 'عنوان <b> & “اقتباس”', tags: ['المناخ'], image: { src: '/images/a.jpg', alt: 'x' } }),
          author: 'ليلى',
          category: 'العالم',
          imageBytes: 1234,
        },
      ],
    });
    assert.match(xml, /<title>عنوان &lt;b&gt; &amp; “اقتباس”<\/title>/);
    assert.match(xml, /<dc:creator>ليلى<\/dc:creator>/);
    assert.match(xml, /<category>العالم<\/category><category>المناخ<\/category>/);
    assert.match(xml, /<enclosure url="[^"]+\/images\/a\.jpg" length="1234" type="image\/jpeg"\/>/);
    assert.match(xml, /<atom:link href="[^"]+\/feed\.xml" rel="self"/);
    assert.match(xml, /<pubDate>Fri, 20 Nov 2026 09:30:00 GMT<\/pubDate>/);
    assert.doesNotMatch(xml, /<b>/);
  });
});
