import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ArticleMeta } from '@/lib/content/load';
import { sitemapContentOf } from '@/lib/content/sitemap-content';
import { renderRss } from '@/lib/rss';
import { renderSitemapIndex, renderUrlset, sitemapEntries, sitemapPart } from '@/lib/sitemap';
import { xmlText } from '@/lib/xml';
import { fixture, md } from '@/testing/fixtures/content-folder';

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
  const at = (ms: number) => `"${new Date(ms).toISOString().replace(/\.\d+Z$/, '+00:00')}"`;
  const content = async () => {
    const index = await fixture({
      'content/articles/future.md': md({ date: at(now + 60_000), tags: '[مجدول]', author: 'omar-khalidi' }),
      'content/articles/draft.md': md({ date: at(now - 60_000), draft: 'true', tags: '[مسودة]' }),
      'content/articles/new.md': md({ date: at(now - 120_000), updated: at(now - 30_000), tags: '[وسم]' }),
      'content/articles/old.md': md({ date: at(now - 300_000), tags: '[وسم]' }),
    }).loader.scan();
    assert.deepEqual(index.problems, []);
    return sitemapContentOf(index, now);
  };

  test('lists home, category, tag, author and published articles only, with absolute URLs', async () => {
    const locs = sitemapEntries(await content()).map((e) => e.loc);
    assert.ok(locs.every((l) => /^https?:\/\//.test(l)));
    assert.ok(locs.some((l) => l.endsWith('/articles/new')));
    assert.ok(locs.some((l) => l.endsWith('/articles/old')));
    assert.ok(!locs.some((l) => l.endsWith('/articles/future') || l.endsWith('/articles/draft')));
    assert.ok(locs.some((l) => l.endsWith(`/tags/${encodeURIComponent('وسم')}`)));
    // Tags and authors with nothing published have no page; every category has one.
    assert.ok(!locs.some((l) => l.includes(encodeURIComponent('مجدول')) || l.includes(encodeURIComponent('مسودة'))));
    assert.ok(!locs.some((l) => l.endsWith('/authors/omar-khalidi')));
    assert.ok(locs.some((l) => l.endsWith('/categories/world')));
    assert.ok(locs.some((l) => l.endsWith('/categories/economy')));
    assert.ok(locs.some((l) => l.endsWith('/authors/layla-haddad')));
  });

  test('an article lastmod is its update time; a list\'s is that of its newest article', async () => {
    const entries = sitemapEntries(await content());
    assert.equal(entries.find((e) => e.loc.endsWith('/articles/new'))?.lastmod, new Date(now - 30_000).toISOString());
    assert.equal(entries.find((e) => e.loc.endsWith('/categories/world'))?.lastmod, new Date(now - 30_000).toISOString());
    assert.equal(entries.find((e) => e.loc.endsWith('/categories/economy'))?.lastmod, undefined);
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
