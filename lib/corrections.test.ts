import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ArticleMeta } from '@/lib/content/load';
import { renderRss } from '@/lib/rss';
import { articleJsonLd } from '@/lib/seo';
import { sitemapContentOf } from '@/lib/content/sitemap-content';
import { sitemapEntries } from '@/lib/sitemap';
import { fixture, md, articlesOf } from '@/testing/fixtures/content-folder';

async function correctedIndex() {
  const { loader } = fixture({
    'content/articles/fixed.md': md({
      date: '"2026-11-20T09:30:00+03:00"',
      updated: '"2026-11-21T08:00:00+03:00"',
      corrections: '[{ date: "2026-11-22T10:00:00+03:00", text: "ورد خطأً أن القمة تستمر يومين؛ تستمر ثلاثة أيام." }, { date: "2026-11-21T12:00:00+03:00", text: "صُحّح اسم الوزير." }]',
    }),
  });
  const index = await loader.scan();
  assert.deepEqual(index.problems, []);
  return index;
}

const corrected = async (): Promise<ArticleMeta> => articlesOf(await correctedIndex())[0]!;

describe('corrections', () => {
  test('JSON-LD dateModified is the latest correction, with the offset written', async () => {
    const [news] = articleJsonLd(await corrected());
    assert.equal((news as { dateModified?: string }).dateModified, '2026-11-22T10:00:00+03:00');
  });

  test('the sitemap lastmod is the latest correction', async () => {
    const entry = sitemapEntries(sitemapContentOf(await correctedIndex(), Date.now())).find((e) => e.loc.endsWith('/articles/fixed'));
    assert.equal(entry?.lastmod, '2026-11-22T07:00:00.000Z');
  });

  test('the RSS item leads with the latest correction and carries its date', async () => {
    const rss = renderRss({ title: 't', path: '/', selfPath: '/feed.xml', description: 'd', items: [{ article: await corrected() }] });
    assert.match(rss, /<description>تصحيح: ورد خطأً أن القمة تستمر يومين؛ تستمر ثلاثة أيام\. — /);
    assert.match(rss, /<atom:updated>2026-11-22T07:00:00.000Z<\/atom:updated>/);
    assert.match(rss, /<lastBuildDate>Sun, 22 Nov 2026 07:00:00 GMT<\/lastBuildDate>/);
  });

  test('a correction needs a date and a text', async () => {
    const { loader } = fixture({ 'content/articles/bad.md': md({ corrections: '[{ text: "بلا تاريخ" }, { date: "2026-11-22T10:00:00+03:00", text: "" }]' }) });
    assert.deepEqual(
      (await loader.scan()).problems.map((p) => `${p.field}: ${p.message}`),
      [
        'corrections.0.date: required: an ISO 8601 date-time with offset, e.g. 2026-11-20T09:30:00+03:00',
        'corrections.1.text: required: the correction as readers should see it',
      ],
    );
  });
});
