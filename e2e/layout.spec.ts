import { expect, test } from '@playwright/test';
import {
  categories,
  longArticleWithTable,
  paginatedCategory,
  paths,
  publishedArticles,
  publishedIn,
} from './helpers';

const cat = paginatedCategory();
const [newest] = publishedArticles();
const long = longArticleWithTable();
const writer = newest!.author;
const tag = 'المناخ';

/** One page of each type; the browser tests below load the first five. */
const pageTypes = [
  { name: 'home', url: '/', status: 200 },
  { name: 'category', url: paths.category(cat.slug), status: 200 },
  { name: 'long article with a table', url: paths.article(long.slug), status: 200 },
  { name: 'tag', url: paths.tag(tag), status: 200 },
  { name: 'not found', url: paths.article('no-such-article'), status: 404 },
  { name: 'category page 2', url: paths.category(cat.slug, 2), status: 200 },
  { name: 'article', url: paths.article(newest!.slug), status: 200 },
  { name: 'author', url: paths.author(writer), status: 200 },
];

test.describe('document language and direction', () => {
  test('<html lang="ar" dir="rtl"> in the server HTML of every page type', async ({ request }) => {
    for (const { url, status } of pageTypes) {
      const response = await request.get(url);
      expect(response.status(), url).toBe(status);
      const html = await response.text();
      const tag = /<html\b[^>]*>/i.exec(html)?.[0] ?? '';
      expect.soft(tag, `<html> of ${url}`).toMatch(/\slang="ar"/);
      expect.soft(tag, `<html> of ${url}`).toMatch(/\sdir="rtl"/);
    }
  });
});

test.describe('at 360 px wide', () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test('the sample content has the pages under test', () => {
    expect(publishedIn({ category: cat.slug }).length).toBeGreaterThan(12);
    expect(publishedIn({ tag }).length).toBeGreaterThan(0);
  });

  for (const { name, url, status } of pageTypes.slice(0, 5)) {
    test(`right to left, no horizontal overflow on the ${name} page`, async ({ page }) => {
      const response = await page.goto(url, { waitUntil: 'load' });
      expect(response?.status()).toBe(status);
      await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
      await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
      expect(await page.evaluate(() => getComputedStyle(document.body).direction)).toBe('rtl');
      await page.evaluate(() => document.fonts.ready);
      const { scrollWidth, clientWidth } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
      }));
      expect(clientWidth).toBe(360);
      expect(scrollWidth, `${url} is ${scrollWidth}px wide in a 360px viewport`).toBeLessThanOrEqual(clientWidth);
    });
  }

  test('the «الأقسام» menu opens and its category links work', async ({ page }) => {
    await page.goto('/');
    const summary = page.locator('summary').filter({ hasText: 'الأقسام' });
    await expect(summary).toBeVisible();
    const menu = page.getByRole('navigation', { name: 'الأقسام', exact: true });
    const list = categories();
    await expect(menu.getByRole('link', { name: list[0]!.name, exact: true })).toBeHidden();

    await summary.click();
    for (const c of list) {
      const link = menu.getByRole('link', { name: c.name, exact: true });
      await expect(link).toBeVisible();
      await expect(link).toBeInViewport({ ratio: 1 });
      await expect(link).toHaveAttribute('href', paths.category(c.slug));
    }

    const target = list[list.length - 1]!;
    await menu.getByRole('link', { name: target.name, exact: true }).click();
    await expect(page).toHaveURL(paths.category(target.slug));
    await expect(page.getByRole('heading', { level: 1, name: target.name })).toBeVisible();
  });
});

test.describe('header navigation on wide screens', () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test('the categories are listed in the header, no menu button', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator('summary').filter({ hasText: 'الأقسام' })).toBeHidden();
    const nav = page.getByRole('navigation', { name: 'الأقسام', exact: true });
    for (const c of categories()) {
      await expect(nav.getByRole('link', { name: c.name, exact: true })).toBeVisible();
    }
  });
});

test.describe('skip link', () => {
  test('is the first thing focused and moves focus to the main content', async ({ page }) => {
    await page.goto(paths.article(newest!.slug));
    const skip = page.getByRole('link', { name: 'تخطَّ إلى المحتوى' });
    await expect(skip).toHaveAttribute('href', '#main');
    await expect(page.locator('#main')).toHaveJSProperty('tagName', 'MAIN');
    await page.keyboard.press('Tab');
    await expect(skip).toBeFocused();
    await expect(skip).toBeVisible();
    await expect(skip).toBeInViewport();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/#main$/);
    await expect(page.getByRole('main')).toBeFocused();
  });
});
