import { expect, test, type APIResponse, type BrowserContext, type Page } from '@playwright/test';
import { readerAddress, signInAsEditor } from './comment-helpers';
import { article, articleLinksIn, categories, expectNotFoundPage, paths, publishedIn } from './helpers';

const secret = 'e2e-preview-secret';
const draft = article('draft-summit-analysis');
const scheduled = article('scheduled-quantum-lab-opening');
const previewUrl = (slug: string, key = secret) => `/api/draft?secret=${encodeURIComponent(key)}&slug=${encodeURIComponent(slug)}`;

const banner = (page: Page) => page.getByRole('region', { name: 'وضع المعاينة' });

function setsBypassCookie(response: APIResponse): boolean {
  return response.headersArray().some((h) => h.name.toLowerCase() === 'set-cookie' && h.value.includes('__prerender_bypass'));
}

async function bypassCookie(context: BrowserContext) {
  return (await context.cookies()).find((c) => c.name === '__prerender_bypass');
}

/** Turns preview on in the page's browser and lands on the article. */
async function startPreview(page: Page, slug: string) {
  const response = await page.goto(previewUrl(slug));
  expect(response?.status()).toBe(200);
  expect(new URL(page.url()).pathname).toBe(paths.article(slug));
  await expect(banner(page)).toBeVisible();
  return response!;
}

test.describe('previews', () => {
  test('the sample content has the draft and the scheduled article', () => {
    expect(draft.draft).toBe(true);
    expect(scheduled.draft).toBe(false);
    expect(scheduled.publishedAt).toBeGreaterThan(Date.now());
  });

  test('a wrong or missing secret is a 401 without the preview cookie; an unknown slug is a 404', async ({ request }, testInfo) => {
    // From this test's own address: wrong secrets are limited per client (lib/auth-throttle.ts).
    const headers = { 'x-forwarded-for': readerAddress(testInfo) };
    for (const url of [previewUrl(draft.slug, 'wrong-secret'), `/api/draft?slug=${draft.slug}`, previewUrl(draft.slug, '')]) {
      const response = await request.get(url, { headers, maxRedirects: 0 });
      expect(response.status(), url).toBe(401);
      expect(setsBypassCookie(response), `${url} sets __prerender_bypass`).toBe(false);
      expect((await response.json()).error.code).toBe('unauthorized');
    }
    const unknown = await request.get(previewUrl('no-such-article'), { maxRedirects: 0 });
    expect(unknown.status()).toBe(404);
    expect(setsBypassCookie(unknown)).toBe(false);
    expect((await request.storageState()).cookies.map((c) => c.name)).not.toContain('__prerender_bypass');
    // And the draft is still hidden from this client.
    expect((await request.get(paths.article(draft.slug))).status()).toBe(404);
  });

  test('the right secret redirects to the draft, shown with the banner and its status, noindex and uncached', async ({ page, context, request }) => {
    const raw = await request.get(previewUrl(draft.slug), { maxRedirects: 0 });
    expect(raw.status()).toBe(307);
    expect(raw.headers()['location']).toBe(paths.article(draft.slug));
    expect(setsBypassCookie(raw)).toBe(true);

    const response = await startPreview(page, draft.slug);
    expect(await bypassCookie(context)).toBeDefined();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(draft.title);
    await expect(page.getByRole('main').getByRole('status')).toContainText('مسودة');
    await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', /^noindex/);
    expect(response.headers()['cache-control']).toContain('no-store');
    expect(response.headers()['cache-control']).toContain('private');
    // Unpublished articles take no comments.
    await expect(page.getByRole('button', { name: 'أرسل التعليق' })).toHaveCount(0);
  });

  test('the scheduled article renders in preview as «مجدول للنشر»', async ({ page }) => {
    await startPreview(page, scheduled.slug);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(scheduled.title);
    await expect(page.getByRole('main').getByRole('status')).toContainText('مجدول للنشر');
    await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', /^noindex/);
  });

  test('the slug cannot send the preview off the site', async ({ request, baseURL }) => {
    const site = new URL(baseURL!).origin;
    const attempts = [
      `slug=https://evil.example`,
      `slug=//evil.example`,
      `slug=../x`,
      `slug=%2F%2Fevil.example`,
      `slug=https%3A%2F%2Fevil.example%2F`,
      `slug=%5C%5Cevil.example`,
      `slug=/%09/evil.example`,
    ];
    for (const query of attempts) {
      const response = await request.get(`/api/draft?secret=${secret}&${query}`, { maxRedirects: 0 });
      const location = response.headers()['location'];
      if (location !== undefined) {
        expect(new URL(location, site).origin, `${query} redirects to ${location}`).toBe(site);
      } else {
        expect(response.status(), query).toBe(404);
      }
    }
  });

  test('the banner’s «الخروج من المعاينة» leaves preview, and the draft is a 404 again', async ({ page, context }) => {
    await startPreview(page, draft.slug);
    await banner(page).getByRole('button', { name: 'الخروج من المعاينة' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await expect(banner(page)).toHaveCount(0);
    expect(await bypassCookie(context)).toBeUndefined();
    const response = await page.goto(paths.article(draft.slug));
    expect(response?.status()).toBe(404);
    await expectNotFoundPage(page);
  });

  test('/preview/exit offers the same button', async ({ page, context }) => {
    await startPreview(page, draft.slug);
    await page.goto('/preview/exit');
    await expect(page.getByRole('heading', { level: 1, name: 'الخروج من وضع المعاينة' })).toBeVisible();
    await page.getByRole('main').getByRole('button', { name: 'الخروج من المعاينة' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    expect(await bypassCookie(context)).toBeUndefined();
    expect((await page.goto(paths.article(draft.slug)))?.status()).toBe(404);
  });

  test('leaving preview from another site is refused', async ({ page, context }) => {
    await startPreview(page, draft.slug);
    const response = await context.request.post('/api/draft/disable', { headers: { origin: 'https://evil.example' }, maxRedirects: 0 });
    expect(response.status()).toBe(403);
    expect((await response.json()).error.code).toBe('forbidden_origin');
    expect(await bypassCookie(context), 'still previewing').toBeDefined();
    expect((await page.goto(paths.article(draft.slug)))?.status()).toBe(200);
    await expect(banner(page)).toBeVisible();
  });

  test('while previewing, the home and category pages still list only published articles', async ({ page }) => {
    await startPreview(page, draft.slug);
    const hidden = [draft, scheduled];
    const lists = ['/', ...new Set(hidden.map((a) => paths.category(a.category)))];
    for (const tag of new Set(hidden.flatMap((a) => a.tags))) {
      if (publishedIn({ tag }).length) lists.push(paths.tag(tag));
    }
    for (const url of lists) {
      const response = await page.goto(url);
      expect(response?.status(), url).toBe(200);
      await expect(banner(page), `${url} shows the banner`).toBeVisible();
      const links = articleLinksIn(await page.content());
      expect(links.length, `${url} lists articles`).toBeGreaterThan(0);
      for (const a of hidden) {
        expect(links, `${url} links ${a.slug}`).not.toContain(a.slug);
        await expect(page.getByRole('main').getByText(a.title, { exact: true }), `${url} shows «${a.title}»`).toHaveCount(0);
      }
    }
    expect(categories().map((c) => c.slug)).toEqual(expect.arrayContaining(hidden.map((a) => a.category)));
  });

  test('the editors’ desk lists the draft and the scheduled article with «معاينة» links that open the preview', async ({ page }) => {
    await signInAsEditor(page, '/editor');
    await expect(page.getByRole('heading', { level: 1, name: 'مكتب التحرير' })).toBeVisible();
    const drafts = page.getByRole('region', { name: /^المسودات/ });
    const planned = page.getByRole('region', { name: /^المقالات المجدولة/ });
    const draftLink = drafts.getByRole('link', { name: `معاينة ${draft.title}` });
    const scheduledLink = planned.getByRole('link', { name: `معاينة ${scheduled.title}` });
    await expect(draftLink).toHaveAttribute('href', `/editor/preview/${draft.slug}`);
    await expect(scheduledLink).toHaveAttribute('href', `/editor/preview/${scheduled.slug}`);
    await expect(drafts.getByRole('link', { name: `معاينة ${scheduled.title}` })).toHaveCount(0);

    await draftLink.click();
    await page.waitForURL((url) => url.pathname === paths.article(draft.slug));
    await expect(banner(page)).toBeVisible();
    await expect(page.getByRole('main').getByRole('status')).toContainText('مسودة');

    await page.goto('/editor');
    await scheduledLink.click();
    await page.waitForURL((url) => url.pathname === paths.article(scheduled.slug));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(scheduled.title);
    await expect(page.getByRole('main').getByRole('status')).toContainText('مجدول للنشر');
  });
});
