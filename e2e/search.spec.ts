import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { articleLinksIn, authors, hiddenArticles, publishedArticles } from './helpers';
import { startPrivateServer, stopPrivateServer } from './private-server';

/** Slugs in the result list: links after the result count, so navigation links never count. */
async function found(request: APIRequestContext, query: string, extra = ''): Promise<string[]> {
  const response = await request.get(`/search?q=${encodeURIComponent(query)}${extra}`);
  expect(response.status()).toBe(200);
  const html = await response.text();
  const start = html.indexOf('role="status"');
  return start < 0 ? [] : articleLinksIn(html.slice(start));
}

const withWord = (pattern: RegExp) => publishedArticles().filter((a) => pattern.test(a.title));

test.describe('site search', () => {
  test('finds an article whatever the hamza, tashkeel, ta marbuta or alef maqsura', async ({ page }) => {
    // A published headline with a hamza on alef, searched without it.
    const article = publishedArticles().find((a) => /[أإآ]/.test(a.title))!;
    const word = article.title.split(/\s+/).find((w) => /[أإآ]/.test(w))!;
    const plain = word.replace(/[أإآ]/g, 'ا').replace(/ة/g, 'ه').replace(/ى/g, 'ي');
    await page.goto(`/search?q=${encodeURIComponent(plain)}`);
    await expect(page.getByRole('link', { name: article.title })).toBeVisible();
    await expect(page.getByRole('link', { name: article.title }).locator('mark').first()).toBeVisible();

    const withTashkeel = [...plain].map((ch, i) => (i === 1 ? `${ch}\u064e` : ch)).join('');
    await page.goto(`/search?q=${encodeURIComponent(withTashkeel)}`);
    await expect(page.getByRole('link', { name: article.title })).toBeVisible();
  });

  test('never lists drafts or scheduled articles, and is not indexed', async ({ page }) => {
    for (const hidden of hiddenArticles()) {
      const word = hidden.title.split(/\s+/).sort((a, b) => b.length - a.length)[0]!;
      await page.goto(`/search?q=${encodeURIComponent(word)}`);
      await expect(page.getByRole('link', { name: hidden.title })).toHaveCount(0);
    }
    await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', /noindex/);
  });

  test('markup in a query is shown back as text; an empty query gets help', async ({ page }) => {
    await page.goto(`/search?q=${encodeURIComponent('<img src=x onerror="window.__xss=1">')}`);
    await expect(page.getByRole('status')).toContainText('<img src=x onerror="window.__xss=1">');
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await page.goto('/search');
    await expect(page.getByRole('heading', { name: 'كيف تبحث' })).toBeVisible();
    await page.getByRole('searchbox', { name: 'ابحث في خبر' }).fill('المناخ');
    await page.getByRole('button', { name: 'بحث', exact: true }).click();
    await expect(page).toHaveURL(/\/search\?q=/);
    const count = publishedArticles().filter((a) => a.tags.includes('المناخ') || a.title.includes('المناخ')).length;
    expect(count).toBeGreaterThan(0);
    await expect(page.getByRole('main').getByRole('listitem')).not.toHaveCount(0);
    await expect(page.getByRole('main').getByRole('article').first().getByRole('link').first()).toHaveAttribute('href', /^\/articles\//);
  });

  // Bodies are searched too, so other articles may match: the checks are on the headlines named.
  test('a bare word finds it with «ال»; a singular finds the plural', async ({ request }) => {
    const hydrogen = withWord(/الهيدروجين/);
    expect(hydrogen.length).toBeGreaterThan(0);
    const results = await found(request, 'هيدروجين');
    for (const a of hydrogen) expect(results).toContain(a.slug);
    const networks = withWord(/شبكات/);
    expect(networks.length).toBeGreaterThan(0);
    const plural = await found(request, 'شبكة');
    for (const a of networks) expect(plural).toContain(a.slug);
  });

  test('a quoted phrase, an excluded word and the category filter', async ({ request }) => {
    const race = withWord(/سباق الهيدروجين الأخضر/);
    const others = withWord(/للهيدروجين/);
    expect(race.length * others.length).toBeGreaterThan(0);
    const phrase = await found(request, '"سباق الهيدروجين"');
    for (const a of race) expect(phrase).toContain(a.slug);
    for (const a of others) expect(phrase).not.toContain(a.slug);
    const excluded = await found(request, 'الهيدروجين -سباق');
    for (const a of others) expect(excluded).toContain(a.slug);
    for (const a of race) expect(excluded).not.toContain(a.slug);

    const world = withWord(/شبك/).filter((a) => a.category === 'world');
    const elsewhere = withWord(/شبك/).filter((a) => a.category !== 'world');
    expect(world.length * elsewhere.length).toBeGreaterThan(0);
    const inWorld = await found(request, 'شبكة', '&category=world');
    for (const a of world) expect(inWorld).toContain(a.slug);
    for (const a of elsewhere) expect(inWorld).not.toContain(a.slug);
    const html = await (await request.get(`/search?q=${encodeURIComponent('شبكة')}`)).text();
    expect(html).toContain('category=world');
    expect(html).toContain('sort=date');
  });

  test('engine syntax is text, never an error; punctuation alone gets help', async ({ request }) => {
    for (const q of ['"النفط', 'NEAR(طاقة)', 'طاقة*', 'title:طاقة', '^(', 'AND OR NOT']) {
      expect((await request.get(`/search?q=${encodeURIComponent(q)}`)).status(), q).toBe(200);
    }
    expect(await (await request.get(`/search?q=${encodeURIComponent('؟!*"')}`)).text()).toContain('كيف تبحث');
  });
});

test.describe('search on a server of its own', () => {
  test.describe.configure({ mode: 'default' });

  test('a cold first query finds a body-only word; a new file is found within seconds', async ({}, testInfo) => {
    test.setTimeout(120_000);
    const body = (word: string) => `مقدمة عادية.\n\nفي الفقرة الثانية كلمة ${word} لا ترد في العنوان.\n`;
    const article = (slug: string, title: string, word: string) =>
      [
        '---',
        `title: "${title}"`,
        'description: "مقال يكتبه اختبار البحث."',
        `date: "${new Date(Date.now() - 3600_000).toISOString().slice(0, 19)}+00:00"`,
        `category: world`,
        `author: ${authors()[0]!.slug}`,
        'tags: []',
        '---',
        '',
        body(word),
      ].join('\n');
    const server = await startPrivateServer(testInfo, 'search', {}, (content) => {
      mkdirSync(path.join(content, 'articles', 'e2e'), { recursive: true });
      writeFileSync(path.join(content, 'articles', 'e2e', 'e2e-cold-search.md'), article('e2e-cold-search', 'مقال البحث الأول', 'زنجبيلية'));
    });
    try {
      const request = await (await import('@playwright/test')).request.newContext({ baseURL: server.base });
      expect(await found(request, 'زنجبيلية')).toEqual(['e2e-cold-search']);

      writeFileSync(path.join(server.content, 'articles', 'e2e', 'e2e-new-search.md'), article('e2e-new-search', 'مقال البحث الجديد', 'قرنفلية'));
      const started = Date.now();
      await expect.poll(() => found(request, 'قرنفلية'), { timeout: 15_000, intervals: [100, 250] }).toEqual(['e2e-new-search']);
      testInfo.annotations.push({ type: 'new file found after', description: `${Date.now() - started} ms` });
      await request.dispose();
    } finally {
      await stopPrivateServer(server);
    }
  });
});
