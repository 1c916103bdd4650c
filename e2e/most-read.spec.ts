/**
 * «الأكثر قراءة» against a production server of its own (fresh DATA_DIR, a copy
 * of the content folder): real browsers reading articles make them appear in
 * the list once the pages are revalidated; a crawler does not count; a
 * re-drafted article leaves the list; the editors' desk shows the counts.
 */
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, request as apiRequest, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { startPrivateServer, stopPrivateServer, type PrivateServer } from './private-server';
import { isPublished, paths, publishedArticles } from './helpers';

const revalidateSecret = 'e2e-most-read-revalidate-secret';
const editorPassword = 'e2e-most-read-editor-password';
const listName = 'الأكثر قراءة';
const chrome = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36';
const googlebot = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';

let server: PrivateServer;
let api: APIRequestContext;

// One server per project; the tests build on each other's views in order.
test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({}, testInfo) => {
  test.setTimeout(120_000);
  server = await startPrivateServer(testInfo, 'most-read', { REVALIDATE_SECRET: revalidateSecret, EDITOR_PASSWORD: editorPassword });
  api = await apiRequest.newContext({ baseURL: server.base });
});

test.afterAll(async () => {
  await api?.dispose();
  await stopPrivateServer(server);
});

test.afterEach(async ({}, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus && server) {
    await testInfo.attach('server log', { body: server.log.join(''), contentType: 'text/plain' });
  }
});

const [first, second, third, crawled] = publishedArticles().slice(3, 7);

/** Opens an article in a browser of its own (its own reader) and waits for its view beacon to be answered. */
async function read(browser: Browser, slug: string, userAgent = chrome): Promise<number> {
  const context = await browser.newContext({ baseURL: server.base, userAgent });
  try {
    const page = await context.newPage();
    const answered = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/views', { timeout: 60_000 });
    await page.goto(paths.article(slug), { timeout: 60_000 });
    return (await answered).status();
  } finally {
    await context.close();
  }
}

/** The list's links on a page as the server renders it, asking for revalidation until `until` holds. */
async function listedOn(pagePath: string, until: (slugs: string[]) => boolean): Promise<string[]> {
  let slugs: string[] = [];
  await expect
    .poll(
      async () => {
        await api.post('/api/revalidate', { headers: { authorization: `Bearer ${revalidateSecret}` } });
        const html = await (await api.get(pagePath)).text();
        const start = html.indexOf('id="most-read-heading"');
        if (start < 0) return (slugs = []);
        const section = html.slice(start, html.indexOf('</section>', start));
        slugs = [...section.matchAll(/href="\/articles\/([^"]+)"/g)].map((m) => m[1]!);
        return until(slugs);
      },
      { timeout: 90_000, intervals: [1_000, 2_000, 3_000] },
    )
    .toBe(true);
  return slugs;
}

async function expectNoAxeViolations(page: Page) {
  await page.evaluate(() => document.fonts.ready);
  const results = await new AxeBuilder({ page }).analyze();
  const violations = results.violations.map((v) => ({ rule: v.id, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
}

test('before anything is read, the home page has no «الأكثر قراءة»', async ({ page }) => {
  // A first page of a fresh server on a machine with other work: generous limits, only a failure waits for them.
  test.setTimeout(90_000);
  await page.goto(server.base, { timeout: 60_000 });
  await expect(page.getByRole('heading', { name: 'آخر الأخبار' })).toBeVisible();
  await expect(page.getByRole('heading', { name: listName })).toHaveCount(0);
});

test('articles read in real browsers appear, most read first; a crawler’s visit does not count', async ({ browser }) => {
  // Twelve browsers, one after another: about 1.7 min on a loaded machine.
  test.setTimeout(420_000);
  for (const [slug, readers] of [[first!.slug, 3], [second!.slug, 2], [third!.slug, 1]] as const) {
    for (let r = 0; r < readers; r++) expect(await read(browser, slug, chrome.replace('130.0.0.0', `130.0.0.${r}`))).toBe(204);
  }
  // The same reader reading again within the hour adds nothing.
  expect(await read(browser, third!.slug, chrome.replace('130.0.0.0', '130.0.0.0'))).toBe(204);
  for (let r = 0; r < 5; r++) expect(await read(browser, crawled!.slug, googlebot)).toBe(204);

  const listed = await listedOn('/', (slugs) => slugs.length >= 3);
  expect(listed).toEqual([first!.slug, second!.slug, third!.slug]);
  expect(listed).not.toContain(crawled!.slug);
});

test('on an article page the list leaves out the article itself, and axe finds no violations', async ({ page }) => {
  test.setTimeout(120_000);
  const listed = await listedOn(paths.article(first!.slug), (slugs) => slugs.length >= 2);
  expect(listed).toEqual([second!.slug, third!.slug]);
  // This browser is one more reader of the first article.
  const beacon = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/views');
  await page.goto(server.base + paths.article(first!.slug));
  expect((await beacon).status()).toBe(204);
  const region = page.getByRole('region', { name: listName });
  await expect(region.getByRole('listitem')).toHaveCount(2);
  // Numbered with Latin digits like the rest of the site.
  await expect(region.getByRole('listitem').first()).toContainText('1');
  await expectNoAxeViolations(page);
  await page.goto(server.base);
  await expect(page.getByRole('region', { name: listName }).getByRole('link').first()).toHaveText(first!.title);
  await expectNoAxeViolations(page);
});

test('a re-drafted article leaves the list; every listed link is a published article', async () => {
  test.setTimeout(120_000);
  const file = readdirSync(path.join(server.content, 'articles'), { recursive: true, encoding: 'utf8' })
    .map((rel) => path.join(server.content, 'articles', rel))
    .find((p) => p.endsWith(`${path.sep}${second!.slug}.md`))!;
  writeFileSync(file, readFileSync(file, 'utf8').replace(/^---\n/, '---\ndraft: true\n'));
  const listed = await listedOn('/', (slugs) => !slugs.includes(second!.slug));
  expect(listed).toEqual([first!.slug, third!.slug]);
  const published = new Set(publishedArticles().filter((a) => isPublished(a)).map((a) => a.slug));
  for (const slug of listed) expect(published.has(slug), slug).toBe(true);
});

test('the editors’ desk shows today’s most read with counts and a 48-hour chart', async ({ page }) => {
  await page.goto(`${server.base}/editor/login?next=${encodeURIComponent('/editor')}`);
  await page.getByLabel('كلمة المرور', { exact: true }).fill(editorPassword);
  await page.getByRole('button', { name: 'دخول', exact: true }).click();
  await page.waitForURL((url) => url.pathname === '/editor');
  const region = page.getByRole('region', { name: 'الأكثر قراءة اليوم' });
  const items = region.getByRole('listitem');
  await expect(items.first()).toContainText(first!.title);
  // Three readers, and the browser of the accessibility test.
  await expect(items.first()).toContainText('4 مشاهدات');
  await expect(items.nth(1)).toContainText(second!.title);
  await expect(items.nth(1)).toContainText('مشاهدتان');
  const chart = region.getByRole('img', { name: /^7 مشاهدات في آخر 48 ساعة/ });
  await expect(chart).toBeVisible();
  expect(await chart.locator('rect').count()).toBe(48);
});
