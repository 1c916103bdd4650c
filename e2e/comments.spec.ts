import type { APIResponse, Page } from '@playwright/test';
import {
  allComments,
  approvedBodies,
  commentCountText,
  commentsSection,
  expect,
  mainForm,
  nonce,
  pageRefreshTimeout,
  postComment,
  postCommentOk,
  readerAddress,
  readerContext,
  reservedArticle,
  slots,
  test,
  threadItem,
  threadList,
  threadLoaded,
} from './comment-helpers';
import { hiddenArticles, longArticleWithTable, paths, waitForHydration } from './helpers';

/** Scrolls to the article's comment form, fills it and submits it once React handles it. */
async function submitComment(page: Page, name: string, body: string): Promise<void> {
  const form = mainForm(page);
  const submit = form.getByRole('button', { name: 'أرسل التعليق', exact: true });
  // The form's code loads when the comments come near, as a reader scrolling to them would.
  await commentsSection(page).scrollIntoViewIfNeeded();
  await waitForHydration(submit);
  await form.getByLabel('الاسم', { exact: true }).fill(name);
  await form.getByLabel('التعليق', { exact: true }).fill(body);
  await submit.click();
}

/** Top-level comment texts of the thread, loading more pages until every one of `texts` is shown. */
async function threadTextsShowing(page: Page, texts: string[]): Promise<string[]> {
  const more = commentsSection(page).getByRole('button', { name: 'المزيد من التعليقات' });
  for (let round = 0; round < 50; round++) {
    await threadLoaded(page);
    const items = await threadList(page).locator(':scope > li').allInnerTexts();
    if (texts.every((t) => items.some((item) => item.includes(t)))) return items;
    if (!(await more.isVisible())) break;
    await more.click();
  }
  throw new Error(`the thread never showed all of ${texts.join(', ')}`);
}

const index = (items: string[], text: string) => items.findIndex((item) => item.includes(text));

test.describe('comments', () => {
  test('a posted comment appears in the thread without a reload, and the counts follow', async ({ page, request }, testInfo) => {
    test.setTimeout(pageRefreshTimeout + 30_000);
    const article = reservedArticle(slots.postAndCount, testInfo);
    const before = (await allComments(request, article.slug)).total;

    await page.goto(paths.article(article.slug));
    await page.evaluate(() => Object.assign(window, { __sameDocument: 'yes' }));
    // A reader scrolls down to the comments, reads them, then writes.
    await commentsSection(page).scrollIntoViewIfNeeded();
    await threadLoaded(page);
    await expect(commentsSection(page).getByRole('heading', { level: 2 })).toHaveText(`التعليقات (${commentCountText(before)})`);
    const body = `تعليق للاختبار ${nonce()}`;
    await submitComment(page, 'قارئة متابعة', body);

    const form = mainForm(page);
    await expect(form.getByRole('status')).toHaveText('نُشر تعليقك.');
    await expect(threadItem(page, body)).toBeVisible();
    await expect(threadItem(page, body).getByText('قارئة متابعة', { exact: true })).toBeVisible();
    await expect(commentsSection(page).getByRole('heading', { level: 2 })).toHaveText(`التعليقات (${commentCountText(before + 1)})`);
    await expect(form.getByLabel('التعليق', { exact: true }), 'the form is emptied for the next comment').toHaveValue('');
    expect(await page.evaluate(() => (window as { __sameDocument?: string }).__sameDocument), 'no navigation happened').toBe('yes');

    const headerCount = page.locator('main article header a[href="#comments"]');
    await expect
      .poll(
        async () => {
          await page.reload();
          return headerCount.innerText();
        },
        { timeout: pageRefreshTimeout, intervals: [0, 500, 1_000, 2_000] },
      )
      .toBe(commentCountText(before + 1));
  });

  test('the count stays right when the thread finishes loading while a comment is being posted', async ({ page, request }, testInfo) => {
    // The thread's first request reaches the server after the new comment is stored, and its answer
    // arrives before the form's: the loaded total already includes the comment, so it must not be added again.
    const article = reservedArticle(slots.countRace, testInfo);
    const url = paths.article(article.slug);
    const before = (await allComments(request, article.slug)).total;
    let stored!: () => void;
    const postStored = new Promise<void>((resolve) => (stored = resolve));
    let loaded!: () => void;
    const threadShown = new Promise<void>((resolve) => (loaded = resolve));
    await page.route(
      (u) => u.pathname === '/api/comments',
      async (route) => {
        await postStored;
        await route.continue();
      },
    );
    await page.route(
      (u) => u.pathname === url,
      async (route) => {
        if (route.request().method() !== 'POST') return route.continue();
        const response = await route.fetch();
        stored();
        await threadShown;
        await route.fulfill({ response });
      },
    );

    await page.goto(url);
    const body = `تعليق أثناء التحميل ${nonce()}`;
    await submitComment(page, 'قارئ سريع', body);
    await expect(threadItem(page, body)).toBeVisible();
    loaded();
    await expect(mainForm(page).getByRole('status')).toHaveText('نُشر تعليقك.');
    await expect(threadItem(page, body)).toHaveCount(1);
    expect((await allComments(request, article.slug)).total).toBe(before + 1);
    await expect(commentsSection(page).getByRole('heading', { level: 2 })).toHaveText(`التعليقات (${commentCountText(before + 1)})`);
  });

  test('the thread and its JavaScript load only when the comments come near, or at once for #comments', async ({ page, context, request }) => {
    // Two page loads, hydration and a scroll that fetches the thread: over 30 s on a saturated machine.
    test.setTimeout(90_000);
    const article = longArticleWithTable();
    const apiCalls: string[] = [];
    const scripts: string[] = [];
    context.on('request', (r) => {
      if (new URL(r.url()).pathname === '/api/comments') apiCalls.push(r.url());
      if (r.resourceType() === 'script') scripts.push(r.url());
    });
    const scriptsWith = async (urls: string[], text: string) => {
      const found: string[] = [];
      for (const url of new Set(urls)) if ((await (await request.get(url)).text()).includes(text)) found.push(url);
      return found;
    };

    await page.goto(paths.article(article.slug));
    const submit = mainForm(page).getByRole('button', { name: 'أرسل التعليق', exact: true });
    // The page itself is interactive (the back-to-top link is hydrated)…
    await waitForHydration(page.locator('a[href="#top"]'));
    // Give an eager implementation every chance to fetch before asserting it did not.
    await page.waitForTimeout(750);
    expect(apiCalls, 'requests to /api/comments before scrolling').toEqual([]);
    await expect(commentsSection(page).getByRole('button', { name: 'الأحدث أولًا' })).toHaveCount(0);
    // …but the comment form is not there yet (its copy for readers without JavaScript is in <noscript>),
    // and no script of the first load holds the widget.
    await expect(submit).toHaveCount(0);
    const initialScripts = [...scripts];
    expect(await scriptsWith(initialScripts, 'الأقدم أولًا'), 'scripts of the first load that hold the thread').toEqual([]);
    expect(await scriptsWith(initialScripts, 'أرسل التعليق'), 'scripts of the first load that hold the form').toEqual([]);

    await commentsSection(page).scrollIntoViewIfNeeded();
    await threadLoaded(page);
    await waitForHydration(submit);
    expect(apiCalls.length).toBeGreaterThan(0);
    const lateScripts = scripts.slice(initialScripts.length);
    expect(await scriptsWith(lateScripts, 'الأقدم أولًا'), 'a script fetched on scrolling holds the thread').not.toEqual([]);
    expect(await scriptsWith(lateScripts, 'أرسل التعليق'), 'a script fetched on scrolling holds the form').not.toEqual([]);

    apiCalls.length = 0;
    const direct = await context.newPage();
    await direct.goto(`${paths.article(article.slug)}#comments`);
    await threadLoaded(direct);
    expect(apiCalls.length).toBeGreaterThan(0);
  });

  test.describe('without JavaScript', () => {
    test.use({ javaScriptEnabled: false });

    test('the form posts and the page comes back with the comment, or with the errors and what was typed', async ({ page }, testInfo) => {
      const article = reservedArticle(slots.noJavaScript, testInfo);
      const url = paths.article(article.slug);
      const posted = () => page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === url);
      await page.goto(url);

      const name = 'قارئ بلا سكربت';
      await mainForm(page).getByLabel('الاسم', { exact: true }).fill(name);
      await mainForm(page).getByLabel('التعليق', { exact: true }).fill('x');
      let response = posted();
      await mainForm(page).getByRole('button', { name: 'أرسل التعليق', exact: true }).click();
      expect((await response).status()).toBe(200);
      await page.waitForLoadState();
      expect(new URL(page.url()).pathname).toBe(url);
      const bodyField = mainForm(page).getByLabel('التعليق', { exact: true });
      const error = mainForm(page).getByText('التعليق قصير جدًا: 3 أحرف على الأقل.', { exact: true });
      await expect(error).toBeVisible();
      await expect(bodyField).toHaveAttribute('aria-invalid', 'true');
      const errorId = await error.getAttribute('id');
      expect((await bodyField.getAttribute('aria-describedby'))?.split(' ')).toContain(errorId);
      await expect(mainForm(page).getByLabel('الاسم', { exact: true }), 'the typed name is kept').toHaveValue(name);
      await expect(bodyField, 'the typed text is kept').toHaveValue('x');

      const body = `تعليق من متصفح بلا سكربت ${nonce()}`;
      await bodyField.fill(body);
      response = posted();
      await mainForm(page).getByRole('button', { name: 'أرسل التعليق', exact: true }).click();
      expect((await response).status()).toBe(200);
      await page.waitForLoadState();
      expect(new URL(page.url()).pathname).toBe(url);
      await expect(mainForm(page).getByRole('status')).toHaveText('نُشر تعليقك.');
      // The server-rendered list (inside <noscript>, shown because scripts are off).
      const serverList = commentsSection(page).locator('ol li').filter({ hasText: body });
      await expect(serverList).toBeVisible();
      await expect(serverList.getByText(name, { exact: true })).toBeVisible();
    });
  });

  test('«ردّ» opens a reply form and the reply is shown nested under its comment', async ({ page, request }, testInfo) => {
    const article = reservedArticle(slots.reply, testInfo);
    const parent = await postCommentOk(request, readerAddress(testInfo, 1), {
      article: article.slug,
      name: 'صاحب التعليق',
      body: `تعليق ينتظر ردًا ${nonce()}`,
    });

    await page.goto(`${paths.article(article.slug)}#comments`);
    await threadLoaded(page);
    const item = threadItem(page, parent.body);
    await item.getByRole('button', { name: `ردّ على ${parent.name}`, exact: true }).click();
    const replyForm = item.locator('form');
    await expect(replyForm.getByLabel('ردّك', { exact: true })).toBeVisible();
    const reply = `ردّ على التعليق ${nonce()}`;
    await replyForm.getByLabel('الاسم', { exact: true }).fill('صاحب الرد');
    await replyForm.getByLabel('ردّك', { exact: true }).fill(reply);
    await replyForm.getByRole('button', { name: 'أرسل الرد', exact: true }).click();

    const replies = item.getByRole('list', { name: 'الردود' });
    await expect(replies.getByText(reply)).toBeVisible();
    await expect(item.locator('form'), 'the reply form closes').toHaveCount(0);
    await expect(threadList(page).locator(':scope > li').filter({ hasText: reply })).toHaveCount(1);

    const { all } = await allComments(request, article.slug);
    const stored = all.find((c) => c.id === parent.id);
    expect(stored?.replies?.map((r) => r.body)).toContain(reply);
    expect(all.map((c) => c.body)).not.toContain(reply);

    await page.reload();
    await threadLoaded(page);
    await expect(threadItem(page, parent.body).getByRole('list', { name: 'الردود' }).getByText(reply)).toBeVisible();
  });

  test('«الأقدم أولًا» and «الأحدث أولًا» order the thread', async ({ page, request }, testInfo) => {
    const article = reservedArticle(slots.sort, testInfo);
    const older = await postCommentOk(request, readerAddress(testInfo, 1), { article: article.slug, name: 'القارئ الأول', body: `الأقدم ${nonce()}` });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const newer = await postCommentOk(request, readerAddress(testInfo, 2), { article: article.slug, name: 'القارئ الثاني', body: `الأحدث ${nonce()}` });
    expect(Date.parse(newer.createdAt)).toBeGreaterThan(Date.parse(older.createdAt));

    await page.goto(`${paths.article(article.slug)}#comments`);
    const newest = commentsSection(page).getByRole('button', { name: 'الأحدث أولًا' });
    const oldest = commentsSection(page).getByRole('button', { name: 'الأقدم أولًا' });
    await expect(newest).toHaveAttribute('aria-pressed', 'true');
    let items = await threadTextsShowing(page, [older.body, newer.body]);
    expect(index(items, newer.body)).toBeLessThan(index(items, older.body));

    await oldest.click();
    await expect(oldest).toHaveAttribute('aria-pressed', 'true');
    await expect(newest).toHaveAttribute('aria-pressed', 'false');
    items = await threadTextsShowing(page, [older.body, newer.body]);
    expect(index(items, older.body)).toBeLessThan(index(items, newer.body));

    await newest.click();
    await expect(newest).toHaveAttribute('aria-pressed', 'true');
    items = await threadTextsShowing(page, [older.body, newer.body]);
    expect(index(items, newer.body)).toBeLessThan(index(items, older.body));
  });

  test('client-side checks speak Arabic beside the fields, and the counter follows typing', async ({ page }) => {
    const article = longArticleWithTable();
    const posts: string[] = [];
    // The page's one view beacon (POST /api/views) is not the comment form's doing.
    page.on('request', (r) => r.method() === 'POST' && !r.url().endsWith('/api/views') && posts.push(r.url()));
    await page.goto(paths.article(article.slug));
    const form = mainForm(page);
    const name = form.getByLabel('الاسم', { exact: true });
    const body = form.getByLabel('التعليق', { exact: true });
    const submit = form.getByRole('button', { name: 'أرسل التعليق', exact: true });
    await commentsSection(page).scrollIntoViewIfNeeded();
    await waitForHydration(submit);
    await expect(form.getByText('0 / 2000 حرف', { exact: true })).toBeVisible();

    const expectError = async (field: typeof name, message: string) => {
      const error = form.getByText(message, { exact: true });
      await expect(error).toBeVisible();
      await expect(field).toHaveAttribute('aria-invalid', 'true');
      expect((await field.getAttribute('aria-describedby'))?.split(' ')).toContain(await error.getAttribute('id'));
    };

    await submit.click();
    await expectError(name, 'الاسم مطلوب.');
    await expectError(body, 'نص التعليق مطلوب.');
    await expect(name, 'focus moves to the first field in error').toBeFocused();

    await name.fill('س');
    await body.pressSequentially('مر');
    await expect(form.getByText('2 / 2000 حرف', { exact: true })).toBeVisible();
    await submit.click();
    await expectError(name, 'الاسم قصير جدًا: حرفان على الأقل.');
    await expectError(body, 'التعليق قصير جدًا: 3 أحرف على الأقل.');
    expect(posts, 'nothing was sent to the server').toEqual([]);

    await body.pressSequentially('حبًا 👋');
    // Counted as readers count: the emoji is one character.
    await expect(form.getByText(`${[...'مرحبًا 👋'].length} / 2000 حرف`, { exact: true })).toBeVisible();
    await expect(form.getByText('التعليق قصير جدًا: 3 أحرف على الأقل.'), 'typing clears the error').toHaveCount(0);
  });

  test('markup in a name or body is shown as text and never runs', async ({ page, request, browser }, testInfo) => {
    test.setTimeout(pageRefreshTimeout + 30_000);
    const article = reservedArticle(slots.xss, testInfo);
    const url = paths.article(article.slug);
    const tag = nonce();
    const name = '<img src=x onerror="window.__xss=2">';
    const body = `<script>window.__xss=1</script> ${tag}`;

    await page.goto(url);
    await submitComment(page, name, body);
    await expect(mainForm(page).getByRole('status')).toHaveText('نُشر تعليقك.');
    const item = threadItem(page, tag);
    await expect(item.getByText(name, { exact: true })).toBeVisible();
    await expect(item.getByText(body, { exact: true })).toBeVisible();
    await expect(commentsSection(page).locator('img, script')).toHaveCount(0);
    expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();

    // The server-rendered page, once revalidated, carries the text escaped and nothing executable.
    const escapedBody = `&lt;script&gt;window.__xss=1&lt;/script&gt; ${tag}`;
    let html = '';
    await expect
      .poll(async () => (html = await (await request.get(url)).text()).includes(escapedBody), { timeout: pageRefreshTimeout })
      .toBe(true);
    expect(html).toContain('&lt;img src=x onerror=');
    expect(html).not.toContain('<script>window.__xss');
    expect(html).not.toMatch(/<img[^>]*\bonerror\s*=/i);
    expect(html).not.toMatch(/<img[^>]*\bsrc="?x[\s">]/i);

    await page.reload();
    await threadLoaded(page);
    await expect(threadItem(page, tag).getByText(name, { exact: true })).toBeVisible();
    await expect(commentsSection(page).locator('img, script')).toHaveCount(0);
    expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();

    const noScript = await readerContext(browser, testInfo, readerAddress(testInfo, 1), { javaScriptEnabled: false });
    const plain = await noScript.newPage();
    await plain.goto(url);
    const serverItem = commentsSection(plain).locator('ol li').filter({ hasText: tag });
    await expect(serverItem.getByText(name, { exact: true })).toBeVisible();
    await expect(commentsSection(plain).locator('img, script')).toHaveCount(0);
    await noScript.close();
  });

  test('one link is published as user content; two links are held for review', async ({ page, request, browser }, testInfo) => {
    const article = reservedArticle(slots.links, testInfo);
    const url = paths.article(article.slug);
    const tag = nonce();
    const address = `https://example.org/khabar/${tag}`;

    await page.goto(url);
    await submitComment(page, 'قارئ يشارك مصدرًا', `مصدر مفيد: ${address}.`);
    await expect(mainForm(page).getByRole('status')).toHaveText('نُشر تعليقك.');
    const link = threadItem(page, tag).getByRole('link', { name: address, exact: true });
    await expect(link).toHaveAttribute('href', address);
    const rel = ((await link.getAttribute('rel')) ?? '').split(/\s+/);
    expect(rel).toEqual(expect.arrayContaining(['nofollow', 'ugc', 'noopener']));

    const second = await readerContext(browser, testInfo, readerAddress(testInfo, 1));
    const other = await second.newPage();
    await other.goto(url);
    const heldTag = nonce();
    await submitComment(other, 'قارئ بروابط', `رابطان ${heldTag}: https://example.org/a-${heldTag} و www.example.net/b-${heldTag}`);
    await expect(mainForm(other).getByRole('status')).toContainText('سيظهر تعليقك بعد مراجعته');
    await other.goto(`${url}#comments`);
    await threadLoaded(other);
    await expect(commentsSection(other).getByText(heldTag)).toHaveCount(0);
    expect((await approvedBodies(request, article.slug)).some((b) => b.includes(heldTag))).toBe(false);
    await second.close();
  });

  test('a second comment straight after the first gets the Arabic rate-limit message', async ({ page, request }, testInfo) => {
    const article = reservedArticle(slots.rateLimitForm, testInfo);
    await page.goto(paths.article(article.slug));
    await submitComment(page, 'قارئ مستعجل', `التعليق الأول ${nonce()}`);
    await expect(mainForm(page).getByRole('status')).toHaveText('نُشر تعليقك.');

    const second = `التعليق الثاني ${nonce()}`;
    await submitComment(page, 'قارئ مستعجل', second);
    await expect(mainForm(page).getByRole('alert')).toHaveText(/يرجى الانتظار \d+ ثانية/);
    await expect(mainForm(page).getByLabel('التعليق', { exact: true }), 'the refused text is kept').toHaveValue(second);
    expect(await approvedBodies(request, article.slug)).not.toContain(second);
  });

  test('the API answers a second quick post with 429, Retry-After and the error shape', async ({ request, reader }, testInfo) => {
    const article = reservedArticle(slots.rateLimitApi, testInfo);
    const first = await postComment(request, reader, { article: article.slug, name: 'عميل', body: `الأول ${nonce()}` });
    expect(first.status()).toBe(201);
    const limited = await postComment(request, reader, { article: article.slug, name: 'عميل', body: `الثاني ${nonce()}` });
    expect(limited.status()).toBe(429);
    const retryAfter = limited.headers()['retry-after'];
    expect(retryAfter).toMatch(/^\d+$/);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(retryAfter)).toBeLessThanOrEqual(15);
    const json = await limited.json();
    expect(Object.keys(json)).toEqual(['error']);
    expect(Object.keys(json.error).sort()).toEqual(['code', 'message']);
    expect(json.error.code).toBe('rate_limited');
    expect(json.error.message).toContain(`يرجى الانتظار ${retryAfter} ثانية`);
  });

  test('API basics: list shape, 404, 415, 400 and 403', async ({ request, reader }, testInfo) => {
    const article = reservedArticle(slots.apiBasics, testInfo);
    const errorOf = async (response: APIResponse) => {
      const json = (await response.json()) as { error: { code: unknown; message: unknown } };
      expect(Object.keys(json)).toEqual(['error']);
      expect(typeof json.error.code).toBe('string');
      expect(json.error.message).toMatch(/[\u0600-\u06FF]/);
      return json.error as { code: string; message: string };
    };

    const list = await request.get(`/api/comments?article=${article.slug}&sort=oldest`);
    expect(list.status()).toBe(200);
    expect(list.headers()['content-type']).toContain('application/json');
    const page = await list.json();
    expect(Array.isArray(page.comments)).toBe(true);
    expect(typeof page.total).toBe('number');
    expect(page.page).toBe(1);
    const times = (page.comments as { createdAt: string }[]).map((c) => Date.parse(c.createdAt));
    expect(times, 'oldest first').toEqual([...times].sort((a, b) => a - b));

    const unknown = await request.get('/api/comments?article=no-such-article');
    expect(unknown.status()).toBe(404);
    expect((await errorOf(unknown)).code).toBe('article_not_found');
    const draft = hiddenArticles()[0]!;
    expect((await request.get(`/api/comments?article=${draft.slug}`)).status(), 'an unpublished article').toBe(404);

    const valid = { article: article.slug, name: 'قارئ', body: `من موقع آخر ${nonce()}` };
    const plain = await request.post('/api/comments', { headers: { 'content-type': 'text/plain' }, data: JSON.stringify(valid) });
    expect(plain.status()).toBe(415);
    await errorOf(plain);

    const malformed = await request.post('/api/comments', { headers: { 'content-type': 'application/json' }, data: Buffer.from('{"article": ') });
    expect(malformed.status()).toBe(400);
    expect((await errorOf(malformed)).code).toBe('malformed_json');

    const foreign = await postComment(request, reader, valid, { origin: 'https://evil.example' });
    expect(foreign.status()).toBe(403);
    await errorOf(foreign);
    expect(await approvedBodies(request, article.slug)).not.toContain(valid.body);
  });
});
