/**
 * Forged requests and locked doors.
 *
 * Cross-site: a page on another site (http://evil.example, served by Playwright) makes the
 * reader's or the editor's own browser send the request, cookies and all, the way a real attack
 * would; the same requests are also sent directly with a foreign Origin and the victim's cookies,
 * as if the browser did not honour SameSite. Every one is refused and changes nothing.
 *
 * Without credentials: editor pages, previews and unpublished articles answer 401/404 or send to
 * the sign-in page, set no cookie and show nothing of the draft or the scheduled article.
 *
 * Body limit: a maximal legitimate comment fits under the server action limit; a larger action
 * post is refused with a 413 and stores nothing.
 */
import type { APIRequestContext, APIResponse, BrowserContext, Page } from '@playwright/test';
import {
  editorPassword,
  expect,
  mainForm,
  nonce,
  readerAddress,
  readerContext,
  readerHeaders,
  signInAsEditor,
  test,
} from './comment-helpers';
import { article, normalizeText, paths, publishedArticles } from './helpers';

const evil = 'http://evil.example';
const draft = article('draft-summit-analysis');
const scheduled = article('scheduled-quantum-lab-opening');
const target = publishedArticles()[2]!;

/** Two links hold a comment: a forged one that got through would sit in the moderation queue. */
const heldBody = (tag: string) => `تعليق مزوّر ${tag}: https://example.org/a-${tag} https://example.org/b-${tag}`;

/** Serves `html` as http://evil.example/ in this context and opens it. */
async function openEvilPage(context: BrowserContext, html: string): Promise<Page> {
  await context.route(`${evil}/**`, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
  const page = await context.newPage();
  await page.goto(`${evil}/`);
  return page;
}

const escapeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** A form on the evil page that posts `fields` to `action`; submitted by clicking its button. */
function formPage(action: string, fields: Record<string, string>, enctype = 'multipart/form-data'): string {
  const inputs = Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${escapeAttribute(name)}" value="${escapeAttribute(value)}">`)
    .join('');
  return `<!doctype html><meta charset="utf-8"><form method="post" action="${escapeAttribute(action)}" enctype="${enctype}">${inputs}<button>go</button></form>`;
}

/** Clicks the evil page's button and returns the answer to the forged request. */
async function submitForged(page: Page, url: string): Promise<{ status: number; body: string }> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().startsWith(url) && r.request().method() === 'POST'),
    page.getByRole('button', { name: 'go' }).click(),
  ]);
  return { status: response.status(), body: await response.text().catch(() => '') };
}

/** Text of the editors' moderation page (pending and recent), as a signed-in editor sees it. */
async function moderationText(editor: Page): Promise<string> {
  await editor.goto('/editor/comments');
  return (await editor.getByRole('main').textContent()) ?? '';
}

async function actionIdOfForm(request: APIRequestContext, url: string, containing: string): Promise<string> {
  const html = await (await request.get(url)).text();
  for (const form of html.split('<form').slice(1)) {
    const chunk = form.slice(0, form.indexOf('</form>'));
    const id = /name="\$ACTION_ID_([0-9a-f]+)"/.exec(chunk)?.[1];
    if (id && chunk.includes(containing)) return id;
  }
  throw new Error(`no action form with ${containing} on ${url}`);
}

/** Cookies a response sets; clearing one (empty value, expired) does not count. */
function setCookies(response: APIResponse): string[] {
  return response
    .headersArray()
    .filter((h) => h.name.toLowerCase() === 'set-cookie')
    .map((h) => h.value)
    .filter((value) => !/^[^=]+=;/.test(value) || !/expires=thu, 01 jan 1970/i.test(value));
}

test.describe('forged cross-site requests', () => {
  test('1. a comment posted from another site is refused and stored nowhere', async ({ browser, request, baseURL }, testInfo) => {
    const tag = nonce();
    const origin = new URL(baseURL!).origin;
    const body = JSON.stringify({ article: target.slug, name: 'مزوّر', body: heldBody(tag) });

    // Straight at the API with a foreign Origin.
    const direct = await request.post('/api/comments', { headers: { origin: evil, 'content-type': 'application/json' }, data: body });
    expect(direct.status()).toBe(403);
    expect((await direct.json()).error.code).toBe('forbidden_origin');

    // From a page on another site, in the reader's browser: a text/plain form (the only way a
    // form can carry JSON) at the API, and the comment form's own server action.
    const reader = await readerContext(browser, testInfo, readerAddress(testInfo, 1));
    const html = await (await request.get(paths.article(target.slug))).text();
    const field = (name: string) => {
      const m = new RegExp(`name="${name.replace(/\$/g, '\\$')}"(?: value="([^"]*)")?`).exec(html);
      if (!m) throw new Error(`no ${name} in the comment form`);
      return (m[1] ?? '').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
    };
    const apiPage = await openEvilPage(reader, `<!doctype html><form method="post" action="${origin}/api/comments" enctype="text/plain"><input type="hidden" name='${body.slice(0, -1)},"x":"' value='"}'><button>go</button></form>`);
    const viaForm = await submitForged(apiPage, `${origin}/api/comments`);
    expect([403, 415], `text/plain form: ${viaForm.status} ${viaForm.body}`).toContain(viaForm.status);
    await apiPage.close();

    const actionFields = {
      '$ACTION_REF_1': '',
      '$ACTION_1:0': field('$ACTION_1:0'),
      '$ACTION_1:1': field('$ACTION_1:1'),
      '$ACTION_KEY': field('$ACTION_KEY'),
      article: target.slug,
      name: 'مزوّر',
      body: heldBody(tag),
      website: '',
    };
    await reader.unroute(`${evil}/**`);
    const actionPage = await openEvilPage(reader, formPage(`${origin}${paths.article(target.slug)}`, actionFields));
    const viaAction = await submitForged(actionPage, `${origin}${paths.article(target.slug)}`);
    expect(viaAction.status, `server action from another site: ${viaAction.body.slice(0, 200)}`).toBe(403);
    await reader.close();

    const editor = await readerContext(browser, testInfo, readerAddress(testInfo, 2));
    const editorPage = await editor.newPage();
    await signInAsEditor(editorPage, '/editor/comments');
    expect(await moderationText(editorPage), 'the forged comment is not in the moderation queue').not.toContain(tag);
    await editor.close();
  });

  test('2. a moderation action from another site, in the signed-in editor’s browser, changes nothing', async ({ browser, request, baseURL }, testInfo) => {
    const origin = new URL(baseURL!).origin;
    const tag = nonce();
    const posted = await request.post('/api/comments', {
      headers: readerHeaders(readerAddress(testInfo, 1)),
      data: { article: target.slug, name: 'قارئ', body: heldBody(tag) },
    });
    expect(posted.status()).toBe(202);
    const id = ((await posted.json()) as { comment: { id: number } }).comment.id;
    expect(id).toBeGreaterThan(0);

    const context = await readerContext(browser, testInfo, readerAddress(testInfo, 2));
    const editor = await context.newPage();
    await signInAsEditor(editor, '/editor/comments');
    const actionId = await actionIdOfForm(context.request, '/editor/comments', 'name="operation"');
    const fields = (operation: string) => ({ [`$ACTION_ID_${actionId}`]: '', id: String(id), operation });
    const pending = () => editor.getByRole('region', { name: /^بانتظار المراجعة/ }).getByRole('listitem').filter({ hasText: tag });
    await editor.reload();
    await expect(pending()).toHaveCount(1);

    // The editor, signed in, visits another site which posts the action back at this one.
    const evilPage = await openEvilPage(context, formPage(`${origin}/editor/comments`, fields('approve')));
    const forged = await submitForged(evilPage, `${origin}/editor/comments`);
    expect(forged.status, forged.body.slice(0, 200)).toBe(403);

    // The same with the editor's cookie attached by hand (a browser that ignored SameSite).
    const withCookie = await context.request.post('/editor/comments', { headers: { origin: evil }, multipart: fields('delete') });
    expect(withCookie.status()).toBe(403);

    // Same-site but without a session. The action is a public endpoint (the proxy lets same-site
    // posts through), so it checks the session itself: it sends the browser to sign in, as a
    // no-script form (303) and as a fetch action. Pages without the form do not know the action
    // at all (Next answers 409).
    const anonymous = await browser.newContext({ baseURL });
    for (const [url, status] of [['/editor/comments', 303], ['/', 409], [paths.article(target.slug), 409]] as const) {
      const response = await anonymous.request.post(url, { headers: { origin }, multipart: fields('approve'), maxRedirects: 0 });
      expect(response.status(), `anonymous moderation at ${url}`).toBe(status);
      if (status === 303) expect(new URL(response.headers()['location']!, baseURL).pathname).toBe('/editor/login');
      expect(setCookies(response)).toEqual([]);
    }
    const fetchAction = await anonymous.request.post('/editor/comments', {
      headers: { origin, 'next-action': actionId, accept: 'text/x-component' },
      multipart: { '1_id': String(id), '1_operation': 'approve', '0': '["$K1"]' },
      maxRedirects: 0,
    });
    expect(fetchAction.headers()['x-action-redirect'] ?? '', 'fetch action sent to sign in').toContain('/editor/login');
    await anonymous.close();

    await editor.reload();
    await expect(pending(), 'still waiting for moderation').toHaveCount(1);
    const approved = await request.get(`/api/comments?article=${target.slug}`);
    expect(await approved.text()).not.toContain(tag);
    await context.close();
  });

  test('3. the sign-in form posted from another site (even with the right password) signs nobody in', async ({ browser, baseURL }, testInfo) => {
    const origin = new URL(baseURL!).origin;
    const context = await readerContext(browser, testInfo, readerAddress(testInfo, 1));
    // The login page's form is a plain post to the sign-in handler (a route handler: it can answer 429).
    const evilPage = await openEvilPage(
      context,
      formPage(`${origin}/api/editor/sign-in`, { password: editorPassword, next: '/editor' }, 'application/x-www-form-urlencoded'),
    );
    const forged = await submitForged(evilPage, `${origin}/api/editor/sign-in`);
    expect(forged.status).toBe(403);
    expect((await context.cookies()).map((c) => c.name)).not.toContain('khabar_editor');
    const desk = await context.request.get('/editor', { maxRedirects: 0 });
    expect(desk.status(), 'still signed out').toBe(307);

    // Control: the same form on the site itself does sign in.
    const own = await context.newPage();
    await signInAsEditor(own, '/editor');
    expect((await context.cookies()).map((c) => c.name)).toContain('khabar_editor');
    await context.close();
  });

  test('4. preview cannot be switched on or off from another site', async ({ browser, baseURL }, testInfo) => {
    const origin = new URL(baseURL!).origin;
    const bypass = async (c: BrowserContext) => (await c.cookies()).find((cookie) => cookie.name === '__prerender_bypass');

    // On: a link on another site to the desk's preview route, followed by the signed-in editor.
    const editor = await readerContext(browser, testInfo, readerAddress(testInfo, 1));
    const desk = await editor.newPage();
    await signInAsEditor(desk, '/editor');
    const linkPage = await openEvilPage(editor, `<!doctype html><a href="${origin}/editor/preview/${draft.slug}">preview</a>`);
    const [followed] = await Promise.all([
      linkPage.waitForResponse((r) => r.url().startsWith(`${origin}/editor/preview/`)),
      linkPage.getByRole('link', { name: 'preview' }).click(),
    ]);
    expect([401, 403], 'cross-site preview link').toContain(followed.status());
    expect(await bypass(editor), 'no preview cookie').toBeUndefined();
    // With the editor's cookie attached by hand and a cross-site fetch marker.
    const forced = await editor.request.get(`/editor/preview/${draft.slug}`, { headers: { 'sec-fetch-site': 'cross-site' }, maxRedirects: 0 });
    expect(forced.status()).toBe(403);
    expect(setCookies(forced)).toEqual([]);
    // Without the secret, /api/draft from another site is a 401.
    const secretless = await editor.request.get(`/api/draft?slug=${draft.slug}`, { headers: { 'sec-fetch-site': 'cross-site', referer: `${evil}/` }, maxRedirects: 0 });
    expect(secretless.status()).toBe(401);
    expect(setCookies(secretless)).toEqual([]);
    await editor.close();

    // Off: a previewing editor's browser posts to /api/draft/disable from another site.
    const previewer = await readerContext(browser, testInfo, readerAddress(testInfo, 2));
    const own = await previewer.newPage();
    await own.goto(`/api/draft?secret=e2e-preview-secret&slug=${draft.slug}`);
    await expect(own.getByRole('heading', { level: 1 })).toHaveText(draft.title);
    expect(await bypass(previewer)).toBeDefined();
    const exitPage = await openEvilPage(previewer, formPage(`${origin}/api/draft/disable`, {}, 'application/x-www-form-urlencoded'));
    const forged = await submitForged(exitPage, `${origin}/api/draft/disable`);
    expect(forged.status).toBe(403);
    expect(await bypass(previewer), 'still previewing').toBeDefined();
    expect((await own.goto(paths.article(draft.slug)))?.status()).toBe(200);
    await previewer.close();
  });

  test('5. revalidation without the key is refused in every form', async ({ request }, testInfo) => {
    // Each attempt from its own address: wrong keys are limited per client (lib/auth-throttle.ts).
    let n = 0;
    const from = () => ({ 'x-forwarded-for': readerAddress(testInfo, ++n) });
    const attempts: { label: string; response: Promise<APIResponse> }[] = [
      { label: 'no key', response: request.post('/api/revalidate', { headers: from() }) },
      { label: 'wrong key', response: request.post('/api/revalidate', { headers: { ...from(), authorization: 'Bearer not-the-secret' } }) },
      { label: 'empty bearer', response: request.post('/api/revalidate', { headers: { ...from(), authorization: 'Bearer ' } }) },
      { label: 'basic auth', response: request.post('/api/revalidate', { headers: { ...from(), authorization: `Basic ${Buffer.from('x:e2e-revalidate-secret').toString('base64')}` } }) },
      { label: 'key in the query', response: request.post('/api/revalidate?secret=e2e-revalidate-secret', { headers: from() }) },
      { label: 'forged internal token', response: request.post('/api/revalidate', { headers: { ...from(), 'x-khabar-internal': 'guess', 'content-type': 'application/json' }, data: { path: '/' } }) },
      { label: 'from another site', response: request.post('/api/revalidate', { headers: { ...from(), origin: evil } }) },
    ];
    for (const a of attempts) {
      const response = await a.response;
      expect(response.status(), a.label).toBe(401);
      const body = (await response.json()) as { error?: { code: string }; revalidated?: boolean };
      expect(body.error?.code, a.label).toBe('unauthorized');
      expect(body.revalidated, a.label).toBeUndefined();
    }
    expect((await request.get('/api/revalidate')).status(), 'GET').toBe(405);
  });
});

test.describe('locked doors', () => {
  const hiddenText = [draft, scheduled].flatMap((a) => [a.title, a.description, normalizeText(a.body.trim().split('\n')[0]!).slice(0, 60)]);

  test('editor pages, previews and unpublished articles without a session or secret: refused, no cookie, no content', async ({ playwright, baseURL }) => {
    const anonymous = await playwright.request.newContext({ baseURL });
    const forgedSession = `khabar_editor=${Math.floor(Date.now() / 1000) + 3600}.${'A'.repeat(43)}`;
    const attempts: { url: string; headers?: Record<string, string>; allowed: number[] }[] = [
      { url: '/editor', allowed: [307] },
      { url: '/editor/comments', allowed: [307] },
      { url: '/editor', headers: { cookie: forgedSession }, allowed: [307] },
      { url: '/editor/comments', headers: { cookie: forgedSession }, allowed: [307] },
      { url: `/editor/preview/${draft.slug}`, allowed: [401] },
      { url: `/editor/preview/${scheduled.slug}`, headers: { cookie: forgedSession }, allowed: [401] },
      { url: `/api/draft?slug=${draft.slug}`, allowed: [401] },
      { url: `/api/draft?secret=&slug=${draft.slug}`, allowed: [401] },
      { url: `/api/draft?secret=e2e-preview-secreT&slug=${scheduled.slug}`, allowed: [401] },
      { url: paths.article(draft.slug), allowed: [404] },
      { url: paths.article(scheduled.slug), allowed: [404] },
      { url: paths.article(draft.slug), headers: { cookie: '__prerender_bypass=forged' }, allowed: [404] },
      { url: paths.article(scheduled.slug), headers: { rsc: '1' }, allowed: [404] },
      { url: `${paths.article(draft.slug)}/opengraph-image`, allowed: [404] },
      { url: `/api/comments?article=${draft.slug}`, allowed: [404] },
      // The search page repeats the query, so it searches for words of the headline, not all of it.
      { url: `/search?q=${encodeURIComponent(draft.title.split(' ').slice(0, 2).join(' '))}`, allowed: [200] },
      { url: `/search?q=${encodeURIComponent(scheduled.title.split(' ').slice(0, 2).join(' '))}`, allowed: [200] },
      { url: '/feed.xml', allowed: [200] },
      { url: '/sitemap.xml', allowed: [200] },
      { url: '/sitemaps/1.xml', allowed: [200] },
      { url: '/news-sitemap.xml', allowed: [200] },
    ];
    for (const a of attempts) {
      const response = await anonymous.get(a.url, { headers: a.headers, maxRedirects: 0 });
      const label = `${a.url}${a.headers ? ` with ${Object.keys(a.headers).join(', ')}` : ''}`;
      expect(a.allowed, `${label} answered ${response.status()}`).toContain(response.status());
      if (response.status() === 307) expect(new URL(response.headers()['location']!, baseURL).pathname, label).toBe('/editor/login');
      expect(setCookies(response), `${label} sets a cookie`).toEqual([]);
      const text = normalizeText(await response.text());
      for (const hidden of hiddenText) expect(text, `${label} shows «${hidden}»`).not.toContain(hidden);
    }
    expect((await anonymous.storageState()).cookies).toEqual([]);
    await anonymous.dispose();
  });
});

test.describe('server action body limit', () => {
  test('a maximal comment fits; a larger action post is refused with 413 and stores nothing', async ({ browser, request, baseURL }, testInfo) => {
    test.setTimeout(60_000);
    const origin = new URL(baseURL!).origin;
    const context = await readerContext(browser, testInfo, readerAddress(testInfo, 1));
    const page = await context.newPage();
    const sizes: number[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.headers()['next-action']) sizes.push(r.postDataBuffer()?.length ?? 0);
    });
    await page.goto(paths.article(target.slug));
    // The form's code loads when the comments come near, as a reader scrolling to them would.
    await page.locator('#comments').scrollIntoViewIfNeeded();
    const form = mainForm(page);
    const tags = [nonce(), nonce()];
    // 2,000 characters of four UTF-8 bytes each (the worst case), twice: the second request also
    // carries the first comment back in the form state. Two links keep them out of the thread.
    const maximal = (tag: string) => {
      const text = heldBody(tag);
      return text + '😀'.repeat(2000 - [...text].length);
    };
    for (const [i, tag] of tags.entries()) {
      // Each post as another reader, so the rate limit does not answer instead.
      await page.setExtraHTTPHeaders(readerHeaders(readerAddress(testInfo, 10 + i)));
      await form.getByLabel('الاسم').fill('😀'.repeat(80));
      await form.getByLabel('التعليق').fill(maximal(tag));
      const [answer] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST' && !!r.request().headers()['next-action']),
        form.getByRole('button', { name: 'أرسل التعليق', exact: true }).click(),
      ]);
      expect(answer.status(), `post ${i + 1} of a maximal comment`).toBe(200);
      await expect(form.getByRole('status')).toContainText('سيظهر تعليقك بعد مراجعته');
      expect(sizes).toHaveLength(i + 1);
    }
    console.log(`[limits] maximal comment posts: ${sizes.map((s) => `${(s / 1024).toFixed(1)} KB`).join(', ')} (limit 24 KB)`);
    expect(Math.max(...sizes)).toBeLessThan(24 * 1024);
    expect(Math.max(...sizes), 'the second post really carries the first comment back').toBeGreaterThan(16 * 1024);

    // The comment form's server action, as a no-script browser posts it, with a body past the limit.
    const html = await (await request.get(paths.article(target.slug))).text();
    const field = (name: string) => (new RegExp(`name="${name.replace(/\$/g, '\\$')}"(?: value="([^"]*)")?`).exec(html)?.[1] ?? '').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
    const tag = nonce();
    const oversize = await request.post(paths.article(target.slug), {
      headers: { origin, ...readerHeaders(readerAddress(testInfo, 20)) },
      multipart: {
        '$ACTION_REF_1': '',
        '$ACTION_1:0': field('$ACTION_1:0'),
        '$ACTION_1:1': field('$ACTION_1:1'),
        '$ACTION_KEY': field('$ACTION_KEY'),
        article: target.slug,
        name: 'قارئ',
        body: `${heldBody(tag)} ${'ب'.repeat(15_000)}`,
        website: '',
      },
    });
    expect(oversize.status()).toBe(413);
    expect((await oversize.json()).error.code).toBe('payload_too_large');
    // And as a fetch action (Next-Action header), at any page.
    const fetchAction = await request.post('/', {
      headers: { origin, 'next-action': /"id":"([0-9a-f]+)"/.exec(field('$ACTION_1:0'))![1]!, ...readerHeaders(readerAddress(testInfo, 21)) },
      multipart: { '1_body': 'ب'.repeat(15_000) },
    });
    expect(fetchAction.status()).toBe(413);

    const editor = await context.newPage();
    await signInAsEditor(editor, '/editor/comments');
    const queue = await moderationText(editor);
    for (const t of tags) expect(queue, 'the maximal comments arrived').toContain(t);
    expect(queue, 'the oversize one did not').not.toContain(tag);
    await context.close();
  });
});
