import type { APIRequestContext, Page } from '@playwright/test';
import {
  approvedBodies,
  editorPassword,
  expect,
  nonce,
  pageRefreshTimeout,
  postCommentOk,
  readerAddress,
  readerContext,
  reservedArticle,
  signInAsEditor,
  slots,
  test,
  threadList,
  threadLoaded,
} from './comment-helpers';
import { paths } from './helpers';

const pendingList = (page: Page) => page.getByRole('region', { name: /^بانتظار المراجعة/ });
const recentList = (page: Page) => page.getByRole('region', { name: 'أحدث التعليقات المنشورة' });

/** A reader's view of the article's thread, in a browser of their own. */
async function threadTexts(page: Page, url: string): Promise<string> {
  // From elsewhere, so that a second visit is a real page load and not a jump to the fragment.
  await page.goto('about:blank');
  await page.goto(`${url}#comments`);
  await threadLoaded(page);
  return (await threadList(page).allInnerTexts()).join('\n');
}

/** The id of the moderation server action, as a no-script form on the page carries it. */
async function moderationActionId(editor: APIRequestContext): Promise<string> {
  const html = await (await editor.get('/editor/comments')).text();
  for (const form of html.split('<form').slice(1)) {
    const chunk = form.slice(0, form.indexOf('</form>'));
    const id = /name="\$ACTION_ID_([0-9a-f]+)"/.exec(chunk)?.[1];
    if (id && chunk.includes('name="operation"')) return id;
  }
  throw new Error('no moderation form on /editor/comments');
}

test.describe('editor sign-in', () => {
  test('the desk needs a session; a wrong password gets one generic message; the right one a strict HttpOnly cookie', async ({ page, context }) => {
    await page.goto('/editor/comments');
    await expect(page).toHaveURL((url) => url.pathname === '/editor/login' && url.searchParams.get('next') === '/editor/comments');
    await expect(page.getByRole('heading', { level: 1, name: 'دخول المحررين' })).toBeVisible();

    const password = page.getByLabel('كلمة المرور', { exact: true });
    await password.fill('not-the-password');
    await page.getByRole('button', { name: 'دخول', exact: true }).click();
    await expect(page).toHaveURL((url) => url.pathname === '/editor/login' && url.searchParams.get('failed') === '1');
    const alerts = page.getByRole('main').getByRole('alert');
    await expect(alerts).toHaveCount(1);
    await expect(alerts).toContainText('تعذّر الدخول');
    expect((await context.cookies()).map((c) => c.name)).not.toContain('khabar_editor');
    await expect(page.getByRole('heading', { name: 'إدارة التعليقات' })).toHaveCount(0);

    await password.fill(editorPassword);
    await page.getByRole('button', { name: 'دخول', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'إدارة التعليقات' })).toBeVisible();
    expect(new URL(page.url()).pathname).toBe('/editor/comments');
    const cookie = (await context.cookies()).find((c) => c.name === 'khabar_editor');
    expect(cookie, 'the editor session cookie').toBeDefined();
    expect(cookie!.httpOnly).toBe(true);
    expect(cookie!.sameSite).toBe('Strict');
    expect(await page.evaluate(() => document.cookie), 'scripts cannot read the session').not.toContain('khabar_editor');
  });
});

test.describe('comment moderation', () => {
  test('a held two-link comment is hidden until the editor approves it with «نشر»', async ({ page, request, browser }, testInfo) => {
    // A reader's and an editor's browser, sign-in and approval: over 30 s on a saturated machine.
    test.setTimeout(90_000);
    const article = reservedArticle(slots.moderation, testInfo);
    const url = paths.article(article.slug);
    const tag = nonce();
    const held = await postCommentOk(
      request,
      readerAddress(testInfo, 1),
      { article: article.slug, name: 'قارئ بروابط', body: `مصدران ${tag}: https://example.org/a-${tag} و https://example.net/b-${tag}` },
      202,
    );

    const readerBrowser = await readerContext(browser, testInfo, readerAddress(testInfo, 2));
    const reader = await readerBrowser.newPage();
    expect(await threadTexts(reader, url)).not.toContain(tag);
    expect(await approvedBodies(request, article.slug)).not.toContain(held.body);

    await signInAsEditor(page, '/editor/comments');
    const row = pendingList(page).getByRole('listitem').filter({ hasText: tag });
    await expect(row).toHaveCount(1);
    await expect(row.getByRole('link', { name: article.title })).toHaveAttribute('href', url);
    await row.getByRole('button', { name: 'نشر', exact: true }).click();
    await expect(row).toHaveCount(0);
    await expect(recentList(page).getByRole('listitem').filter({ hasText: tag })).toHaveCount(1);

    expect(await approvedBodies(request, article.slug)).toContain(held.body);
    expect(await threadTexts(reader, url)).toContain(tag);
    await readerBrowser.close();
  });

  test('«حذف» removes a published comment from the article', async ({ page, request, browser }, testInfo) => {
    test.setTimeout(2 * pageRefreshTimeout + 30_000);
    const article = reservedArticle(slots.moderation, testInfo);
    const url = paths.article(article.slug);
    const tag = nonce();
    const published = await postCommentOk(request, readerAddress(testInfo, 1), {
      article: article.slug,
      name: 'قارئ',
      body: `تعليق سيُحذف ${tag}`,
    });

    const readerBrowser = await readerContext(browser, testInfo, readerAddress(testInfo, 2));
    const reader = await readerBrowser.newPage();
    expect(await threadTexts(reader, url)).toContain(tag);
    await expect.poll(async () => (await (await request.get(url)).text()).includes(tag), { timeout: pageRefreshTimeout }).toBe(true);

    await signInAsEditor(page, '/editor/comments');
    const row = recentList(page).getByRole('listitem').filter({ hasText: tag });
    await expect(row).toHaveCount(1);
    await row.getByRole('button', { name: 'حذف', exact: true }).click();
    await expect(row).toHaveCount(0);

    expect(await approvedBodies(request, article.slug)).not.toContain(published.body);
    expect(await threadTexts(reader, url)).not.toContain(tag);
    // The server-rendered page (count and no-script list) forgets it too.
    await expect.poll(async () => (await (await request.get(url)).text()).includes(tag), { timeout: pageRefreshTimeout }).toBe(false);
    await readerBrowser.close();
  });

  test('forged moderation requests change nothing: cross-site with the cookie, or same-site without a session', async ({ page, request, playwright, baseURL }, testInfo) => {
    const article = reservedArticle(slots.moderation, testInfo);
    const tag = nonce();
    const held = await postCommentOk(
      request,
      readerAddress(testInfo, 1),
      { article: article.slug, name: 'قارئ بروابط', body: `للتزوير ${tag}: https://example.org/a-${tag} https://example.org/b-${tag}` },
      202,
    );

    await signInAsEditor(page, '/editor/comments');
    const editor = page.context().request;
    const actionId = await moderationActionId(editor);
    const form = (operation: string) => ({ [`$ACTION_ID_${actionId}`]: '', id: String(held.id), operation });
    const origin = new URL(baseURL!).origin;

    const stillPending = async (what: string) => {
      expect(await approvedBodies(request, article.slug), `${what}: not published`).not.toContain(held.body);
      await page.reload();
      await expect(pendingList(page).getByRole('listitem').filter({ hasText: tag }), `${what}: still pending`).toHaveCount(1);
    };

    for (const operation of ['approve', 'delete']) {
      await editor.post('/editor/comments', { headers: { origin: 'https://evil.example' }, multipart: form(operation) });
      await stillPending(`cross-site ${operation} with the editor's cookie`);
    }

    const anonymous = await playwright.request.newContext({ baseURL });
    for (const operation of ['approve', 'delete']) {
      await anonymous.post('/editor/comments', { headers: { origin }, multipart: form(operation) });
      await stillPending(`same-site ${operation} without a session`);
    }
    await anonymous.dispose();

    // The same request from the editor's own page does work: the two above were refused for who sent them.
    await editor.post('/editor/comments', { headers: { origin }, multipart: form('approve') });
    await expect.poll(() => approvedBodies(request, article.slug)).toContain(held.body);
  });
});

test('editor pages are not reachable without a session', async ({ request }) => {
  for (const path of ['/editor', '/editor/comments']) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBeGreaterThanOrEqual(300);
    expect(response.status(), path).toBeLessThan(400);
    expect(new URL(response.headers()['location']!, 'http://x').pathname, path).toBe('/editor/login');
  }
  // The desk's preview links need a session too.
  expect((await request.get('/editor/preview/draft-summit-analysis', { maxRedirects: 0 })).status()).toBe(401);
  expect(await (await request.get('/editor/comments')).text()).not.toContain('إدارة التعليقات');
});
