/**
 * Security headers on every kind of response, and a Content-Security-Policy that the site itself
 * never trips over: no `securitypolicyviolation` event, no CSP or Permissions-Policy message in
 * Chromium's console and no page error on the reader pages, the editor pages (strict nonce policy),
 * a draft preview, and while posting a comment with and without JavaScript.
 */
import { createHash } from 'node:crypto';
import type { APIResponse, BrowserContext, ConsoleMessage, Page } from '@playwright/test';
import {
  commentsSection,
  expect,
  mainForm,
  nonce,
  readerAddress,
  readerContext,
  signInAsEditor,
  test,
  threadLoaded,
} from './comment-helpers';
import { article, authors, categories, paginatedCategory, paths, publishedArticles } from './helpers';

const published = publishedArticles();
const first = published[0]!;
const tagged = published.find((a) => a.tags.length)!;
const draft = article('draft-summit-analysis');

/** All values of one response header (Playwright joins repeated ones in headers()). */
function headerValues(response: APIResponse, name: string): string[] {
  return response.headersArray().filter((h) => h.name.toLowerCase() === name).map((h) => h.value);
}

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => {
        const [name, ...values] = part.split(/\s+/);
        return [name!.toLowerCase(), values];
      }),
  );
}

function expectSecurityHeaders(response: APIResponse, label: string) {
  const h = response.headers();
  expect(h['x-content-type-options'], label).toBe('nosniff');
  expect(h['referrer-policy'], label).toBe('strict-origin-when-cross-origin');
  expect(h['cross-origin-opener-policy'], label).toBe('same-origin');
  expect(h['x-frame-options'], label).toBe('DENY');
  expect(h['permissions-policy'], label).toMatch(/(^|, )camera=\(\)/);
  expect(h['permissions-policy'], label).toMatch(/(^|, )microphone=\(\)/);
  expect(h['permissions-policy'], label).toMatch(/(^|, )geolocation=\(\)/);
  expect(h['permissions-policy'], label).toMatch(/(^|, )browsing-topics=\(\)/);
  // The e2e site is plain HTTP: HSTS there would be ignored at best (lib/security-headers.test.ts covers HTTPS).
  expect(h['strict-transport-security'], label).toBeUndefined();
  expect(h['x-powered-by'], label).toBeUndefined();
  const policies = headerValues(response, 'content-security-policy');
  expect(policies, `${label}: exactly one CSP header`).toHaveLength(1);
  const policy = policies[0]!;
  // No origin but the site's own, anywhere in the policy.
  expect(policy, label).not.toMatch(/https?:|\*/);
  return directives(policy);
}

function expectPagePolicy(d: Map<string, string[]>, label: string) {
  expect(d.get('default-src'), label).toEqual(["'self'"]);
  expect(d.get('object-src'), label).toEqual(["'none'"]);
  expect(d.get('base-uri'), label).toEqual(["'self'"]);
  expect(d.get('form-action'), label).toEqual(["'self'"]);
  expect(d.get('frame-ancestors'), label).toEqual(["'none'"]);
  expect(d.get('img-src'), label).toEqual(["'self'", 'data:', 'blob:']);
}

test('every kind of response carries the security headers', async ({ request, playwright, baseURL }) => {
  const home = await request.get('/');
  const html = await home.text();
  const chunk = /src="(\/_next\/static\/[^"]+\.js)"/.exec(html)?.[1];
  const optimised = /(\/_next\/image\?url=[^"&]+)&amp;w=(\d+)&amp;q=(\d+)/.exec(html);
  expect(chunk, 'a script chunk on the home page').toBeDefined();
  expect(optimised, 'an optimised image on the home page').toBeTruthy();

  const cases: { label: string; status: number; go: () => Promise<APIResponse> }[] = [
    { label: 'home (static page)', status: 200, go: async () => home },
    { label: 'article (ISR page)', status: 200, go: () => request.get(paths.article(first.slug)) },
    { label: 'category', status: 200, go: () => request.get(paths.category(categories()[0]!.slug)) },
    { label: 'category page 2', status: 200, go: () => request.get(paths.category(paginatedCategory().slug, 2)) },
    { label: 'tag', status: 200, go: () => request.get(paths.tag(tagged.tags[0]!)) },
    { label: 'author', status: 200, go: () => request.get(paths.author(authors()[0]!.slug)) },
    { label: 'search (dynamic page)', status: 200, go: () => request.get(`/search?q=${encodeURIComponent(first.title.split(' ')[0]!)}`) },
    { label: 'unknown article (proxy 404)', status: 404, go: () => request.get('/articles/no-such-article') },
    { label: 'unmatched address (404)', status: 404, go: () => request.get('/no-such-page') },
    { label: '/page/1 redirect (proxy 308)', status: 308, go: () => request.get(`${paths.category(paginatedCategory().slug)}/page/1`, { maxRedirects: 0 }) },
    { label: 'editor sign-in redirect (307)', status: 307, go: () => request.get('/editor', { maxRedirects: 0 }) },
    { label: 'comments API (JSON)', status: 200, go: () => request.get(`/api/comments?article=${first.slug}`) },
    { label: 'comments API error (400)', status: 400, go: () => request.get('/api/comments') },
    { label: 'comments API cross-site POST (403)', status: 403, go: () => request.post('/api/comments', { headers: { origin: 'https://evil.example' }, data: {} }) },
    { label: 'revalidate without a key (401)', status: 401, go: () => request.post('/api/revalidate') },
    { label: 'revalidate with GET (405)', status: 405, go: () => request.get('/api/revalidate') },
    { label: 'script chunk (static file)', status: 200, go: () => request.get(chunk!) },
    { label: 'public image', status: 200, go: () => request.get(decodeURIComponent(optimised![1]!.slice('/_next/image?url='.length))) },
    { label: 'feed', status: 200, go: () => request.get('/feed.xml') },
    { label: 'sitemap', status: 200, go: () => request.get('/sitemap.xml') },
    { label: 'robots.txt', status: 200, go: () => request.get('/robots.txt') },
    { label: 'icon', status: 200, go: () => request.get('/icon.svg') },
    { label: 'share image', status: 200, go: () => request.get(`${paths.article(first.slug)}/opengraph-image`) },
    { label: 'HEAD of the home page', status: 200, go: () => request.head('/') },
  ];
  for (const c of cases) {
    const response = await c.go();
    expect(response.status(), c.label).toBe(c.status);
    expectPagePolicy(expectSecurityHeaders(response, c.label), c.label);
  }

  // The image optimiser keeps its own, stricter policy for image responses; the rest still applies.
  const optimisedImage = await request.get(`${optimised![1]}&w=${optimised![2]}&q=${optimised![3]}`);
  expect(optimisedImage.status()).toBe(200);
  const imagePolicy = expectSecurityHeaders(optimisedImage, 'optimised image');
  expect(imagePolicy.get('script-src')).toEqual(["'none'"]);
  expect(imagePolicy.has('sandbox')).toBe(true);
  const badImage = await request.get('/_next/image?url=%2Fimages%2F..%2F..%2Fpackage.json&w=640&q=75');
  expect(badImage.status()).toBe(400);
  expectPagePolicy(expectSecurityHeaders(badImage, 'refused image'), 'refused image');

  // Preview pages are rendered per request: same headers.
  const previewer = await playwright.request.newContext({ baseURL });
  const preview = await previewer.get(`/api/draft?secret=e2e-preview-secret&slug=${draft.slug}`);
  expect(preview.status()).toBe(200);
  expect(preview.url()).toContain(paths.article(draft.slug));
  expectPagePolicy(expectSecurityHeaders(preview, 'draft preview'), 'draft preview');
  await previewer.dispose();
});

test('editor pages get a fresh nonce policy, and their scripts carry that nonce', async ({ request }) => {
  const nonces = new Set<string>();
  for (let i = 0; i < 2; i++) {
    const response = await request.get('/editor/login');
    expect(response.status()).toBe(200);
    const d = expectSecurityHeaders(response, '/editor/login');
    expectPagePolicy(d, '/editor/login');
    const script = d.get('script-src')!;
    expect(script).not.toContain("'unsafe-inline'");
    expect(script).toContain("'strict-dynamic'");
    const value = script.find((s) => s.startsWith("'nonce-"))?.slice(7, -1);
    expect(value, 'a nonce in script-src').toBeTruthy();
    nonces.add(value!);
    const html = await response.text();
    const scripts = [...html.matchAll(/(<script\b[^>]*>)([\s\S]*?)<\/script>/g)].map((m) => ({ tag: m[1]!, body: m[2]! }));
    expect(scripts.length).toBeGreaterThan(0);
    // The reader-preferences script in <head> is part of the static root layout, which cannot know
    // the nonce; the policy allows it by its hash instead, and nothing else goes without the nonce.
    for (const { tag, body } of scripts) {
      const hash = `'sha256-${createHash('sha256').update(body).digest('base64')}'`;
      expect(tag.includes(`nonce="${value}"`) || script.includes(hash), `every script carries the nonce or is allowed by its hash: ${tag}`).toBe(true);
    }
  }
  expect(nonces.size, 'a new nonce per response').toBe(2);
});

type Watch = { problems: string[] };

/** Records CSP violations, CSP and Permissions-Policy console messages and page errors. */
async function watch(context: BrowserContext): Promise<Watch> {
  const w: Watch = { problems: [] };
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __csp: string[] }).__csp ??= [];
      (window as unknown as { __csp: string[] }).__csp.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  const onConsole = (page: Page) => (message: ConsoleMessage) => {
    const text = message.text();
    const security = /Content Security Policy|Content-Security-Policy|Refused to|Permissions-Policy|Permissions policy/i.test(text);
    // A 404 page is itself a "failed" resource in the console; nothing else may fail.
    const expected404 = /Failed to load resource: the server responded with a status of 404/.test(text);
    if (security || (message.type() === 'error' && !expected404)) w.problems.push(`console ${message.type()} on ${page.url()}: ${text}`);
  };
  context.on('page', (page) => {
    page.on('console', onConsole(page));
    page.on('pageerror', (error) => w.problems.push(`page error on ${page.url()}: ${error.message}`));
  });
  return w;
}

async function visit(page: Page, w: Watch, url: string, status = 200) {
  const response = await page.goto(url);
  expect(response?.status(), url).toBe(status);
  await page.waitForLoadState('load');
  await settle(page, w, url);
}

async function settle(page: Page, w: Watch, label: string) {
  await page.waitForTimeout(300);
  const events = await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []).catch(() => [] as string[]);
  w.problems.push(...events.map((e) => `securitypolicyviolation on ${label}: ${e}`));
  expect(w.problems, `CSP problems by ${label}`).toEqual([]);
}

test('the policy blocks what it should, and the watcher reports it', async ({ browser }, testInfo) => {
  const context = await readerContext(browser, testInfo, readerAddress(testInfo));
  const w = await watch(context);
  const page = await context.newPage();
  await visit(page, w, '/');
  // A third-party image on a reader page.
  await page.evaluate(() => {
    const img = document.createElement('img');
    img.src = 'https://tracker.example/pixel.png';
    document.body.append(img);
  });
  await expect.poll(() => page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? [])).toEqual([expect.stringContaining('img-src')]);
  // Injected markup with an inline handler on an editor page: the nonce policy does not run it.
  w.problems.length = 0;
  await page.goto('/editor/login');
  const ran = await page.evaluate(async () => {
    const host = document.createElement('div');
    host.innerHTML = '<img src="data:," onerror="window.__injected = true">';
    document.body.append(host);
    await new Promise((resolve) => setTimeout(resolve, 300));
    return (window as unknown as { __injected?: boolean }).__injected === true;
  });
  expect(ran, 'an injected inline handler runs on an editor page').toBe(false);
  await expect.poll(() => w.problems.join('\n')).toContain('Content Security Policy');
  await context.close();
});

test('reader pages run under the policy without a single violation', async ({ browser }, testInfo) => {
  test.setTimeout(90_000);
  const context = await readerContext(browser, testInfo, readerAddress(testInfo));
  const w = await watch(context);
  const page = await context.newPage();
  await visit(page, w, '/');
  await visit(page, w, paths.category(paginatedCategory().slug));
  await visit(page, w, paths.category(paginatedCategory().slug, 2));
  await visit(page, w, paths.tag(tagged.tags[0]!));
  await visit(page, w, paths.author(authors()[0]!.slug));
  await visit(page, w, `/search?q=${encodeURIComponent(first.title.split(' ')[0]!)}`);
  await visit(page, w, '/articles/no-such-article', 404);
  await visit(page, w, '/preview/exit');
  // The article with its lazily loaded comment thread, share buttons and images.
  await visit(page, w, `${paths.article(first.slug)}#comments`);
  await threadLoaded(page);
  await page.mouse.wheel(0, 4000);
  await settle(page, w, 'article with comments');
  // Client-side navigation fetches RSC payloads: connect-src 'self' must allow them.
  const home = categories().find((c) => c.slug === first.category)!;
  await page.getByRole('main').getByRole('link', { name: home.name, exact: true }).first().click();
  await page.waitForURL((url) => url.pathname === paths.category(home.slug));
  await expect(page.getByRole('heading', { level: 1 })).toContainText(home.name);
  await settle(page, w, 'client-side navigation');
  await context.close();
});

test('editor pages (nonce policy), a draft preview and leaving it, without a violation', async ({ browser }, testInfo) => {
  test.setTimeout(90_000);
  const context = await readerContext(browser, testInfo, readerAddress(testInfo));
  const w = await watch(context);
  const page = await context.newPage();
  await visit(page, w, '/editor/login');
  await signInAsEditor(page, '/editor');
  await settle(page, w, '/editor');
  await visit(page, w, '/editor/comments');
  await page.goto('/editor');
  await page.getByRole('link', { name: `معاينة ${draft.title}` }).click();
  await page.waitForURL((url) => url.pathname === paths.article(draft.slug));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(draft.title);
  await settle(page, w, 'draft preview');
  await page.getByRole('region', { name: 'وضع المعاينة' }).getByRole('button', { name: 'الخروج من المعاينة' }).click();
  await page.waitForURL((url) => url.pathname === '/');
  await settle(page, w, 'after leaving preview');
  await context.close();
});

/** Two links hold a comment for moderation: the post exercises the whole path, readers see nothing. */
const heldBody = (tag: string) => `تعليق لاختبار سياسة المحتوى ${tag}: https://example.org/a-${tag} https://example.org/b-${tag}`;

for (const javaScriptEnabled of [true, false]) {
  test(`posting a comment ${javaScriptEnabled ? 'with' : 'without'} JavaScript raises no violation`, async ({ browser }, testInfo) => {
    test.setTimeout(60_000);
    const context = await readerContext(browser, testInfo, readerAddress(testInfo, 1), { javaScriptEnabled });
    const w = await watch(context);
    const page = await context.newPage();
    await visit(page, w, paths.article(published[1]!.slug));
    // The form's code loads when the comments come near, as a reader scrolling to them would.
    await page.locator('#comments').scrollIntoViewIfNeeded();
    const form = mainForm(page);
    await form.getByLabel('الاسم').fill('قارئ السياسة');
    await form.getByLabel('التعليق').fill(heldBody(nonce()));
    await form.getByRole('button', { name: 'أرسل التعليق', exact: true }).click();
    await expect(commentsSection(page).getByRole('status').filter({ hasText: 'سيظهر تعليقك بعد مراجعته' })).toBeVisible();
    await settle(page, w, `comment posted ${javaScriptEnabled ? 'with' : 'without'} JavaScript`);
    await context.close();
  });
}
