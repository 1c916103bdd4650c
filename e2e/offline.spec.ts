import { expect, test } from '@playwright/test';
import { readerAddress } from './comment-helpers';
import { hiddenArticles, paths, publishedArticles } from './helpers';

test('offline: the home page and read articles open, anything else shows the Arabic offline page', async ({ browser }) => {
  test.setTimeout(60_000);
  const context = await browser.newContext();
  const page = await context.newPage();
  const [read, unread] = publishedArticles();
  await page.goto('/');
  // The worker registers after hydration and takes over this tab once active.
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller), { timeout: 20_000 }).toBe(true);
  await page.goto(paths.article(read!.slug));
  await expect(page.getByRole('heading', { level: 1, name: read!.title })).toBeVisible();
  await expect
    .poll(() => page.evaluate(async () => (await caches.keys()).length && (await (await caches.open('khabar-pages-v1')).keys()).length))
    .toBeGreaterThanOrEqual(2);

  await context.setOffline(true);
  await page.goto(paths.article(read!.slug));
  await expect(page.getByRole('heading', { level: 1, name: read!.title })).toBeVisible();
  await page.goto('/');
  await expect(page.getByRole('banner')).toBeVisible();

  await page.goto(paths.article(unread!.slug));
  await expect(page.getByRole('heading', { level: 1, name: 'لا اتصال بالإنترنت' })).toBeVisible();
  const saved = page.getByRole('main').getByRole('list');
  await expect(saved.getByRole('link', { name: read!.title })).toHaveAttribute('href', paths.article(read!.slug));
  await expect(saved.getByRole('link', { name: unread!.title })).toHaveCount(0);
  await context.close();
});

test('the worker never keeps editor pages, API answers or previews', async ({ browser }, testInfo) => {
  test.setTimeout(60_000);
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/');
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller), { timeout: 20_000 }).toBe(true);
  await page.goto('/editor/login');
  await page.goto(`/api/comments?article=${publishedArticles()[0]!.slug}`);
  await page.goto('/search?q=test');
  const kept = await page.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys()) for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
    return urls;
  });
  expect(kept.filter((url) => !url.startsWith('/_next/static/'))).toEqual(['/']);

  // In preview (the draft-mode cookie), neither the draft nor a published article is kept.
  await context.setExtraHTTPHeaders({ 'x-forwarded-for': readerAddress(testInfo) });
  const draft = hiddenArticles().find((a) => a.draft)!;
  await page.goto(`/api/draft?secret=e2e-preview-secret&slug=${draft.slug}`);
  await expect(page.getByRole('region', { name: 'وضع المعاينة' })).toBeVisible();
  await page.goto(paths.article(publishedArticles()[1]!.slug));
  await expect(page.getByRole('region', { name: 'وضع المعاينة' })).toBeVisible();
  const after = await page.evaluate(async () => (await (await caches.open('khabar-pages-v1')).keys()).map((r) => new URL(r.url).pathname));
  expect(after).toEqual(['/']);
  await context.close();
});

test('the web app manifest is Arabic, right to left, with its icons', async ({ request }) => {
  const page = await request.get('/');
  expect(await page.text()).toContain('rel="manifest" href="/manifest.webmanifest"');
  const manifest = await (await request.get('/manifest.webmanifest')).json();
  expect(manifest).toMatchObject({ name: 'خبر', lang: 'ar', dir: 'rtl', start_url: '/' });
  for (const icon of manifest.icons as { src: string; sizes: string }[]) {
    const image = await request.get(icon.src);
    expect(image.status()).toBe(200);
    expect(image.headers()['content-type']).toBe('image/png');
  }
});
