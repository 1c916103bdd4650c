import { expect, test } from '@playwright/test';
import { allArticles, expectNotFoundPage, hiddenArticles, notFoundHeading, paths } from './helpers';

const hidden = hiddenArticles();
const draft = hidden.find((a) => a.draft);
const scheduled = hidden.find((a) => !a.draft && a.publishedAt > Date.now());

const cases: { name: string; url: string; mustNotContain: string[] }[] = [
  { name: 'an unknown article slug', url: paths.article('no-such-article'), mustNotContain: [] },
  { name: 'a draft', url: paths.article(draft?.slug ?? 'draft-summit-analysis'), mustNotContain: draft ? [draft.title] : [] },
  {
    name: 'a scheduled article',
    url: paths.article(scheduled?.slug ?? 'scheduled-quantum-lab-opening'),
    mustNotContain: scheduled ? [scheduled.title] : [],
  },
  { name: 'an encoded ../ article slug', url: '/articles/..%2F..%2Fpackage.json', mustNotContain: [] },
  { name: 'an encoded %2e%2e%2f article slug', url: '/articles/%2e%2e%2fpackage.json', mustNotContain: [] },
  { name: 'an encoded ../ category slug', url: '/categories/..%2F..%2Fetc%2Fpasswd', mustNotContain: ['root:x:0:0'] },
  { name: 'an encoded ../ tag', url: '/tags/..%2F..%2Fpackage.json', mustNotContain: [] },
];

// What leaking package.json or a Markdown file would look like.
const fileContent = ['"dependencies"', '"devDependencies"', 'imageAlt:', '\n---\n'];

test.describe('not found', () => {
  test('the sample content has a draft and a scheduled article', () => {
    expect(draft?.slug).toBe('draft-summit-analysis');
    expect(scheduled?.slug).toBe('scheduled-quantum-lab-opening');
    expect(allArticles().length).toBeGreaterThan(hidden.length);
  });

  for (const { name, url, mustNotContain } of cases) {
    test(`${name} (${url}) is an HTTP 404 with the Arabic not-found page`, async ({ page, request }) => {
      const raw = await request.get(url, { maxRedirects: 0 });
      expect(raw.status()).toBe(404);
      const html = await raw.text();
      // Server-rendered, not only inside the client-side payload: it must work before and without JavaScript.
      expect.soft(/<html\b[^>]*>/i.exec(html)?.[0], 'the server-rendered <html> tag').toMatch(/\slang="ar"[^>]*\sdir="rtl"/);
      expect.soft(/<h1\b[^>]*>([^<]*)<\/h1>/.exec(html)?.[1], 'the server-rendered <h1>').toBe(notFoundHeading);
      expect.soft(/<a\b[^>]*\bhref="\/"[^>]*>العودة إلى الصفحة الرئيسية<\/a>/.test(html), 'a server-rendered link home').toBe(true);
      for (const text of [...fileContent, ...mustNotContain]) expect(html.includes(text), `the response contains ${text}`).toBe(false);

      const response = await page.goto(url);
      expect(response?.status()).toBe(404);
      await expectNotFoundPage(page);
      await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
      const body = await page.locator('body').innerText();
      for (const text of [...fileContent, ...mustNotContain]) expect(body.includes(text), `the page shows ${text}`).toBe(false);
    });
  }

  test('the not-found page leads back home', async ({ page }) => {
    await page.goto(paths.article('no-such-article'));
    await page.getByRole('main').getByRole('link', { name: 'العودة إلى الصفحة الرئيسية' }).click();
    await expect(page).toHaveURL('/');
    await expect(page.getByRole('region', { name: 'الخبر الرئيسي' })).toBeVisible();
  });
});
