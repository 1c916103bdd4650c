import { expect, test, type Page } from '@playwright/test';
import { categories, hiddenArticles, paginatedCategory, paths, publishedArticles, publishedIn, updatedArticle } from './helpers';

/** Parses XML in the browser, which reports malformed input as a <parsererror> document. */
async function parseXml(page: Page, xml: string) {
  return page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'application/xml');
    const error = doc.querySelector('parsererror')?.textContent ?? null;
    const all = (tag: string) => [...doc.getElementsByTagName(tag)].map((n) => n.textContent ?? '');
    return { error, locs: all('loc'), titles: all('title'), pubDates: all('pubDate'), creators: all('dc:creator'), root: doc.documentElement.nodeName };
  }, xml);
}

test.describe('search engines and feeds', () => {
  test('robots.txt keeps crawlers out of the API, editor pages and search, and names both sitemaps', async ({ request }) => {
    const text = await (await request.get('/robots.txt')).text();
    for (const path of ['/api/', '/editor', '/search']) expect(text).toContain(`Disallow: ${path}`);
    expect(text).toMatch(/Sitemap: https?:\/\/[^\s]+\/sitemap\.xml/);
    expect(text).toMatch(/Sitemap: https?:\/\/[^\s]+\/news-sitemap\.xml/);
  });

  test('the sitemap lists every published article and list page, absolute, and nothing unpublished', async ({ page, request }) => {
    const response = await request.get('/sitemap.xml');
    expect(response.headers()['content-type']).toContain('xml');
    const sitemap = await parseXml(page, await response.text());
    expect(sitemap.error).toBeNull();
    expect(sitemap.root).toBe('urlset');
    expect(sitemap.locs.every((loc) => /^https?:\/\//.test(loc))).toBe(true);
    const paths_ = sitemap.locs.map((loc) => new URL(loc).pathname);
    for (const article of publishedArticles()) expect(paths_).toContain(paths.article(article.slug));
    for (const article of hiddenArticles()) expect(paths_).not.toContain(paths.article(article.slug));
    for (const category of categories()) expect(paths_).toContain(paths.category(category.slug));
  });

  test('the news sitemap is valid and only holds the last 48 hours', async ({ page, request }) => {
    const news = await parseXml(page, await (await request.get('/news-sitemap.xml')).text());
    expect(news.error).toBeNull();
    const recent = new Set(
      publishedArticles()
        .filter((a) => a.publishedAt >= Date.now() - 48 * 3600_000)
        .map((a) => paths.article(a.slug)),
    );
    expect(new Set(news.locs.map((loc) => new URL(loc).pathname))).toEqual(recent);
  });

  test('the site feed is valid RSS, newest first, with the latest published articles', async ({ page, request }) => {
    const feed = await parseXml(page, await (await request.get('/feed.xml')).text());
    expect(feed.error).toBeNull();
    expect(feed.root).toBe('rss');
    const expected = publishedArticles().slice(0, 50).map((a) => a.title);
    // The first <title> is the channel's.
    expect(feed.titles.slice(1)).toEqual(expected);
    const dates = feed.pubDates.map((d) => Date.parse(d));
    expect([...dates].sort((a, b) => b - a)).toEqual(dates);
    expect(feed.creators.length).toBe(expected.length);
  });

  test('a category feed holds only that category', async ({ page, request }) => {
    const category = paginatedCategory();
    const feed = await parseXml(page, await (await request.get(`${paths.category(category.slug)}/feed.xml`)).text());
    expect(feed.error).toBeNull();
    expect(feed.titles.slice(1)).toEqual(publishedIn({ category: category.slug }).slice(0, 50).map((a) => a.title));
    expect((await request.get('/categories/no-such/feed.xml')).status()).toBe(404);
  });

  test('an article page has its canonical address, Open Graph and NewsArticle structured data', async ({ page }) => {
    const article = updatedArticle();
    await page.goto(paths.article(article.slug));
    const canonical = await page.locator('link[rel="canonical"]').getAttribute('href');
    expect(new URL(canonical!).pathname).toBe(paths.article(article.slug));
    await expect(page.locator('meta[property="og:type"]')).toHaveAttribute('content', 'article');
    await expect(page.locator('meta[property="og:locale"]')).toHaveAttribute('content', 'ar_AR');
    const published = await page.locator('meta[property="article:published_time"]').getAttribute('content');
    expect(Date.parse(published!)).toBe(article.publishedAt);
    await expect(page.locator('link[rel="alternate"][type="application/rss+xml"]').first()).toHaveAttribute('href', /feed\.xml$/);

    const data = (await page.locator('script[type="application/ld+json"]').allTextContents()).map((t) => JSON.parse(t));
    const news = data.find((d) => d['@type'] === 'NewsArticle');
    expect(news.headline).toBe(article.title);
    expect(news.inLanguage).toBe('ar');
    expect(news.datePublished).toMatch(/[+-]\d{2}:\d{2}$|Z$/);
    expect(Date.parse(news.datePublished)).toBe(article.publishedAt);
    expect(Date.parse(news.dateModified)).toBe(Date.parse(article.updated!));
    expect(news.author['@type']).toBe('Person');
    expect(news.publisher['@type']).toBe('NewsMediaOrganization');
    expect(news.mainEntityOfPage['@id']).toBe(canonical);
    const crumbs = data.find((d) => d['@type'] === 'BreadcrumbList');
    expect(crumbs.itemListElement.at(-1).name).toBe(article.title);
  });

  test('each article has a 1200×630 share image of its own', async ({ page, request }) => {
    const article = updatedArticle();
    await page.goto(paths.article(article.slug));
    await expect(page.locator('meta[property="og:image:width"]')).toHaveAttribute('content', '1200');
    await expect(page.locator('meta[property="og:image:height"]')).toHaveAttribute('content', '630');
    const image = new URL((await page.locator('meta[property="og:image"]').getAttribute('content'))!);
    expect(image.pathname).toBe(`${paths.article(article.slug)}/opengraph-image`);
    const response = await request.get(image.pathname + image.search);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('image/png');
    const png = await response.body();
    // PNG header: width and height are the big-endian words at bytes 16 and 20.
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 630]);
    const hidden = hiddenArticles()[0]!;
    expect((await request.get(`${paths.article(hidden.slug)}/opengraph-image`)).status()).toBe(404);
  });

  test('the home page describes the site and its search; page 2 of a list is its own canonical', async ({ page }) => {
    await page.goto('/');
    const data = (await page.locator('script[type="application/ld+json"]').allTextContents()).map((t) => JSON.parse(t));
    const website = data.find((d) => d['@type'] === 'WebSite');
    expect(website.potentialAction['@type']).toBe('SearchAction');
    expect(website.potentialAction.target).toContain('/search?q=');

    const category = paginatedCategory();
    await page.goto(paths.category(category.slug, 2));
    const canonical = await page.locator('link[rel="canonical"]').getAttribute('href');
    expect(new URL(canonical!).pathname).toBe(paths.category(category.slug, 2));
  });
});
