import { expect, test } from '@playwright/test';
import {
  category,
  expectNotFoundPage,
  headingTexts,
  pageOf,
  pageSize,
  paths,
  publishedIn,
  serverHtml,
} from './helpers';

// `world` is the sample category with more than one page of published articles.
const world = category('world');
const worldArticles = publishedIn({ category: world.slug });
const lastPage = Math.ceil(worldArticles.length / pageSize);

test.describe('category pages', () => {
  test('the content really needs two pages for «world»', () => {
    expect(worldArticles.length).toBeGreaterThan(pageSize);
    expect(lastPage).toBeGreaterThanOrEqual(2);
  });

  test('page 1: name, description, the 12 newest articles and rel="next" to page 2', async ({ page, request }) => {
    test.setTimeout(60_000);
    const response = await page.goto(paths.category(world.slug));
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1, name: world.name })).toBeVisible();
    await expect(page.getByText(world.description)).toBeVisible();

    const expected = pageOf(worldArticles, 1);
    expect(expected).toHaveLength(pageSize);
    expect(await headingTexts(page, 2)).toEqual(expected.map((a) => a.title));
    for (const article of expected) {
      await expect(page.getByRole('main').getByRole('link', { name: article.title, exact: true })).toHaveAttribute(
        'href',
        paths.article(article.slug),
      );
    }

    // Page 1 links to page 2 with rel="next", in the body and in <head>.
    const pagination = page.getByRole('navigation', { name: 'الصفحات' });
    const next = pagination.locator('a[rel="next"]');
    await expect(next).toHaveAttribute('href', paths.category(world.slug, 2));
    await expect(next).toBeVisible();
    await expect(pagination.locator('a[rel="prev"]')).toHaveCount(0);
    await expect(page.locator('head link[rel="next"]')).toHaveAttribute('href', paths.category(world.slug, 2));
    await expect(page.locator('head link[rel="prev"]')).toHaveCount(0);

    const html = await serverHtml(await request.get(paths.category(world.slug)));
    const head = html.slice(0, html.indexOf('</head>'));
    expect(head.includes(`<link rel="next" href="${paths.category(world.slug, 2)}"/>`), 'server-rendered <link rel="next"> in <head>').toBe(true);

    await next.click();
    // A client-side navigation that may render page 2 first: slower than 7.5 s on a loaded machine.
    await expect(page).toHaveURL(paths.category(world.slug, 2), { timeout: 30_000 });
    await expect(page.getByRole('heading', { level: 1, name: world.name })).toBeVisible();
  });

  test('page 2 has rel="prev" and the remaining articles', async ({ page }) => {
    const response = await page.goto(paths.category(world.slug, 2));
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1, name: world.name })).toBeVisible();

    const expected = pageOf(worldArticles, 2);
    expect(expected.length).toBeGreaterThan(0);
    expect(await headingTexts(page, 2)).toEqual(expected.map((a) => a.title));
    // Nothing from page 1 is repeated.
    for (const article of pageOf(worldArticles, 1)) {
      await expect(page.getByRole('main').getByRole('link', { name: article.title, exact: true })).toHaveCount(0);
    }

    const pagination = page.getByRole('navigation', { name: 'الصفحات' });
    await expect(pagination.locator('a[rel="prev"]')).toHaveAttribute('href', paths.category(world.slug));
    await expect(page.locator('head link[rel="prev"]')).toHaveAttribute('href', paths.category(world.slug));
    if (lastPage === 2) {
      await expect(pagination.locator('a[rel="next"]')).toHaveCount(0);
      await expect(page.locator('head link[rel="next"]')).toHaveCount(0);
    }
    await expect(pagination.locator('[aria-current="page"]')).toHaveText('2');
  });

  test('a page past the last one is a 404', async ({ page, request }) => {
    const url = paths.category(world.slug, 99);
    expect(99).toBeGreaterThan(lastPage);
    expect((await request.get(url)).status()).toBe(404);
    const response = await page.goto(url);
    expect(response?.status()).toBe(404);
    await expectNotFoundPage(page);
  });

  test('/page/1 redirects permanently to the category itself', async ({ page, request }) => {
    const raw = await request.get(`${paths.category(world.slug)}/page/1`, { maxRedirects: 0 });
    expect([301, 308]).toContain(raw.status());
    // Location is a singleton header (RFC 9110): exactly one, pointing at page 1's one URL.
    const locations = raw.headersArray().filter((h) => h.name.toLowerCase() === 'location').map((h) => h.value);
    expect(locations.map((l) => new URL(l, 'http://x').pathname)).toEqual([paths.category(world.slug)]);

    await page.goto(`${paths.category(world.slug)}/page/1`);
    await expect(page).toHaveURL(paths.category(world.slug));
    await expect(page.getByRole('heading', { level: 1, name: world.name })).toBeVisible();
  });

  for (const bad of ['abc', '0', '-1', '2.5', '02']) {
    test(`/page/${bad} is a 404`, async ({ request }) => {
      const response = await request.get(`${paths.category(world.slug)}/page/${bad}`, { maxRedirects: 0 });
      expect(response.status()).toBe(404);
      expect(await response.text()).toContain('الصفحة غير موجودة');
    });
  }

  test('an unknown category is a 404', async ({ page }) => {
    const response = await page.goto(paths.category('no-such-category'));
    expect(response?.status()).toBe(404);
    await expectNotFoundPage(page);
  });
});
