import { expect, test, type APIRequestContext } from '@playwright/test';
import { article as articleBySlug, hiddenArticles, longArticleWithTable, paths, publishedArticles, serverHtml } from './helpers';

/** The budget for a typical article: 30 KB over the wire. */
const budget = 30 * 1024;

/** A published article whose full page shows a lead image. */
async function articleWithImage(request: APIRequestContext) {
  for (const article of publishedArticles()) {
    if (/<figure[^>]*>.*?<img/s.test(await (await request.get(paths.article(article.slug))).text())) return article;
  }
  throw new Error('no published article has an image');
}

test.describe('lite edition', () => {
  test('a lite article is plain HTML: no script, no web font, no image, under the budget, canonical to the full page', async ({ request, baseURL }) => {
    for (const article of [longArticleWithTable(), await articleWithImage(request)]) {
      const response = await request.get(`/lite/articles/${article.slug}`, { headers: { 'accept-encoding': 'identity' } });
      const html = await serverHtml(response);
      expect(response.headers()['content-type']).toContain('text/html');
      expect(html).not.toMatch(/<script/i);
      expect(html).not.toMatch(/@font-face|\.woff2?|<img|<link[^>]+stylesheet/i);
      // Measured uncompressed, so the budget holds for any client.
      expect(Buffer.byteLength(html), article.slug).toBeLessThanOrEqual(budget);
      expect(html).toContain(`<link rel="canonical" href="${baseURL}${paths.article(article.slug)}">`);
      expect(html).toContain(`<a href="${paths.article(article.slug)}">النسخة الكاملة</a>`);
    }
  });

  test('the lite article reads like the full one and links back and forth', async ({ page }) => {
    const article = longArticleWithTable();
    await page.goto(paths.article(article.slug));
    await page.getByRole('link', { name: 'نسخة خفيفة' }).click();
    await expect(page).toHaveURL(`/lite/articles/${article.slug}`);
    await expect(page.getByRole('heading', { level: 1, name: articleBySlug(article.slug).title })).toBeVisible();
    await expect(page.getByText(article.description, { exact: true })).toBeVisible();
    await expect(page.getByRole('table').first()).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
    await page.getByRole('link', { name: 'النسخة الكاملة' }).click();
    await expect(page).toHaveURL(paths.article(article.slug));
  });

  test('images become their description, linked to the picture', async ({ request }) => {
    const article = await articleWithImage(request);
    const full = await serverHtml(await request.get(paths.article(article.slug)));
    const alt = /<figure[^>]*>.*?<img[^>]* alt="([^"]+)"/s.exec(full)![1]!;
    const html = await serverHtml(await request.get(`/lite/articles/${article.slug}`));
    expect(html).toMatch(/<a href="\/images\/[^"]+">\[صورة: [^\]]+\]<\/a>/);
    expect(html).toContain(`[صورة: ${alt}]`);
  });

  test('the lite home page lists lite articles only, and drafts and scheduled articles are never served', async ({ request }) => {
    const html = await serverHtml(await request.get('/lite'));
    expect(html).not.toMatch(/<script/i);
    const links = [...html.matchAll(/href="(\/[^"]*)"/g)].map((m) => m[1]!);
    const articleLinks = links.filter((href) => href.includes('/articles/'));
    expect(articleLinks.length).toBeGreaterThan(5);
    for (const href of articleLinks) expect(href).toMatch(/^\/lite\/articles\//);
    expect(articleLinks).toContain(`/lite/articles/${publishedArticles()[0]!.slug}`);
    for (const hidden of hiddenArticles()) {
      expect(html).not.toContain(hidden.slug);
      const response = await request.get(`/lite/articles/${hidden.slug}`);
      expect(response.status()).toBe(404);
      expect(await response.text()).not.toContain(hidden.title);
    }
    expect((await request.get('/lite/articles/no-such-article')).status()).toBe(404);
  });
});
