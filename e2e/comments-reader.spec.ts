import { expect, test } from '@playwright/test';
import {
  articleFor,
  commentCount,
  countIn,
  expectCommentShown,
  nonce,
  postComment,
  readerPage,
  uniqueAddress,
} from './reader-helpers';
import { hiddenArticles, paths, waitForHydration } from './helpers';

test.describe('comments for readers', () => {
  test('a posted comment appears without a reload and the count follows', async ({ browser, request }, testInfo) => {
    const article = articleFor(testInfo, 0);
    const page = await readerPage(browser);
    await page.goto(`${paths.article(article.slug)}#comments`);
    await page.evaluate(() => ((window as unknown as { __marker: number }).__marker = 1));
    const before = (await (await request.get(`/api/comments?article=${article.slug}`)).json()).total as number;
    await expect.poll(() => commentCount(page)).toBe(before);
    const body = `تعليق تجريبي ${nonce()}`;
    await postComment(page, 'قارئة مهتمة', body);
    await expectCommentShown(page, body);
    await expect(page.locator('#comments form').first().getByRole('status').filter({ hasText: 'نُشر تعليقك' })).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { __marker?: number }).__marker)).toBe(1);
    await expect.poll(() => commentCount(page)).toBe(before + 1);

    // The header count is part of the cached page, refreshed when the comment is published.
    const headerLink = page.getByRole('main').locator('header a[href="#comments"]');
    await expect(async () => {
      await page.reload();
      expect(countIn(await headerLink.innerText())).toBe(before + 1);
    }).toPass({ timeout: 20_000 });
  });

  test('the thread is loaded only when the comments come into view, or at once for #comments', async ({ browser }, testInfo) => {
    const article = articleFor(testInfo, 1);
    const page = await readerPage(browser);
    const requests: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/comments')) requests.push(request.url());
    });
    await page.goto(paths.article(article.slug));
    await waitForHydration(page.locator('a[href="#top"]'));
    await page.waitForTimeout(500);
    expect(requests).toHaveLength(0);
    await expect(page.getByRole('button', { name: 'الأحدث أولًا' })).toHaveCount(0);

    await page.locator('#comments').scrollIntoViewIfNeeded();
    await expect(page.getByRole('button', { name: 'الأحدث أولًا' })).toBeVisible();
    expect(requests.length).toBeGreaterThan(0);

    const direct = await readerPage(browser);
    await direct.goto(`${paths.article(article.slug)}#comments`);
    await expect(direct.getByRole('button', { name: 'الأحدث أولًا' })).toBeVisible();
  });

  test('posting works without JavaScript, and errors keep what was typed', async ({ browser }, testInfo) => {
    const article = articleFor(testInfo, 2);
    const page = await readerPage(browser, { javaScriptEnabled: false });
    await page.goto(paths.article(article.slug));
    const form = page.locator('#comments form').first();
    await form.getByLabel('الاسم', { exact: true }).fill('قارئ بلا جافاسكربت');
    await form.getByLabel('التعليق', { exact: true }).fill('x');
    await form.getByRole('button', { name: 'أرسل التعليق' }).click();
    // The form for readers without JavaScript sits in <noscript>, which Playwright's page-wide text and
    // role matching skips; looked up inside the form, it is found as the reader sees it.
    await expect(page.locator('#comments form').first().getByText('التعليق قصير جدًا')).toBeVisible();
    await expect(page.locator('#comments form').first().getByLabel('الاسم', { exact: true })).toHaveValue('قارئ بلا جافاسكربت');
    expect(new URL(page.url()).pathname).toBe(paths.article(article.slug));

    const body = `تعليق بلا جافاسكربت ${nonce()}`;
    await page.locator('#comments form').first().getByLabel('التعليق', { exact: true }).fill(body);
    await page.locator('#comments form').first().getByRole('button', { name: 'أرسل التعليق' }).click();
    // The server-rendered thread sits in <noscript>, which Playwright's text matching skips; the
    // browser's own innerText shows what a reader without JavaScript sees.
    await expect.poll(() => page.locator('#comments').evaluate((el) => (el as HTMLElement).innerText)).toContain(body);
    await expect(page.locator('#comments form').first().getByRole('status').filter({ hasText: 'نُشر تعليقك' })).toBeVisible();
    expect(new URL(page.url()).pathname).toBe(paths.article(article.slug));
  });

  test('a reply is shown under the comment it answers', async ({ browser }, testInfo) => {
    // Two readers, three page loads, a hydration and two posts: more than 30 s on a loaded machine.
    test.setTimeout(90_000);
    const article = articleFor(testInfo, 3);
    const page = await readerPage(browser);
    await page.goto(`${paths.article(article.slug)}#comments`);
    const parent = `تعليق أصلي ${nonce()}`;
    await postComment(page, 'صاحب التعليق', parent);
    await expectCommentShown(page, parent);

    const replier = await readerPage(browser);
    await replier.goto(`${paths.article(article.slug)}#comments`);
    const thread = replier.locator('#comments li').filter({ hasText: parent }).first();
    const replyButton = thread.getByRole('button', { name: /^ردّ/ });
    await waitForHydration(replyButton);
    await replyButton.click();
    const reply = `ردّ على التعليق ${nonce()}`;
    await thread.getByLabel('ردّك', { exact: true }).fill(reply);
    await thread.getByLabel('الاسم', { exact: true }).fill('صاحب الرد');
    await thread.getByRole('button', { name: 'أرسل الرد' }).click();
    await expect(thread.getByRole('list', { name: 'الردود' }).getByText(reply)).toBeVisible();

    await replier.reload();
    const reloaded = replier.locator('#comments li').filter({ hasText: parent }).first();
    await expect(reloaded.getByRole('list', { name: 'الردود' }).getByText(reply)).toBeVisible();
  });

  test('comments sort newest or oldest first', async ({ browser, request }, testInfo) => {
    const article = articleFor(testInfo, 4);
    const first = `الأقدم ${nonce()}`;
    const second = `الأحدث ${nonce()}`;
    for (const body of [first, second]) {
      const response = await request.post('/api/comments', {
        data: { article: article.slug, name: 'قارئ', body },
        headers: { 'x-forwarded-for': uniqueAddress() },
      });
      expect(response.status()).toBe(201);
    }
    const page = await readerPage(browser);
    await page.goto(`${paths.article(article.slug)}#comments`);
    const list = page.getByRole('list', { name: 'قائمة التعليقات' });
    /** Positions of the older and the newer comment in the thread. */
    const order = async () => {
      const texts = await list.locator(':scope > li').allInnerTexts();
      return { older: texts.findIndex((t) => t.includes(first)), newer: texts.findIndex((t) => t.includes(second)) };
    };
    await expect.poll(async () => {
      const { older, newer } = await order();
      return newer >= 0 && newer < older;
    }).toBe(true);
    await page.getByRole('button', { name: 'الأقدم أولًا' }).click();
    await expect.poll(async () => {
      const { older, newer } = await order();
      return older >= 0 && older < newer;
    }).toBe(true);
  });

  test('client-side validation speaks Arabic next to the fields, and the counter follows typing', async ({ browser }, testInfo) => {
    const article = articleFor(testInfo, 5);
    const page = await readerPage(browser);
    await page.goto(`${paths.article(article.slug)}#comments`);
    const form = page.locator('#comments form').first();
    const submit = form.getByRole('button', { name: 'أرسل التعليق' });
    await waitForHydration(submit);
    await submit.click();
    await expect(form.getByText('الاسم مطلوب.')).toBeVisible();
    await expect(form.getByText('نص التعليق مطلوب.')).toBeVisible();
    await expect(form.getByLabel('الاسم', { exact: true })).toHaveAttribute('aria-invalid', 'true');

    await form.getByLabel('الاسم', { exact: true }).fill('س');
    await form.getByLabel('التعليق', { exact: true }).fill('مر');
    await expect(form.getByText('2 / 2000 حرف')).toBeVisible();
    await submit.click();
    await expect(form.getByText('الاسم قصير جدًا')).toBeVisible();
    await expect(form.getByText('التعليق قصير جدًا')).toBeVisible();
  });

  test('markup in a comment is shown as text and never runs', async ({ browser, request }, testInfo) => {
    const article = articleFor(testInfo, 6);
    const body = `<script>window.__xss=1</script> <img src=x onerror="window.__xss=2"> ${nonce()}`;
    const name = '<img src=x onerror="window.__xss=3">';
    const page = await readerPage(browser);
    await page.goto(`${paths.article(article.slug)}#comments`);
    await postComment(page, name, body);
    await expectCommentShown(page, '<script>window.__xss=1</script>');
    await page.reload();
    const item = page.locator('#comments li').filter({ hasText: '<script>window.__xss=1</script>' }).first();
    await expect(item).toBeVisible();
    await expect(item.getByText(name, { exact: true })).toBeVisible();
    await expect(item.locator('img, script')).toHaveCount(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();

    // The server-rendered (no-script) thread escapes it too.
    await expect(async () => {
      const html = await (await request.get(paths.article(article.slug))).text();
      expect(html).toContain('&lt;script&gt;window.__xss=1&lt;/script&gt;');
    }).toPass({ timeout: 20_000 });
    const html = await (await request.get(paths.article(article.slug))).text();
    expect(html).not.toContain('<script>window.__xss');
    expect(html).not.toMatch(/<img[^>]+onerror/);
  });

  test('one link is published as user content; two links wait for review', async ({ browser }, testInfo) => {
    const article = articleFor(testInfo, 7);
    const page = await readerPage(browser);
    await page.goto(`${paths.article(article.slug)}#comments`);
    const marker = nonce();
    await postComment(page, 'قارئ', `مصدر مفيد https://example.org/${marker}`);
    const link = page.locator('#comments li a', { hasText: `https://example.org/${marker}` });
    await expect(link).toBeVisible();
    const rel = (await link.getAttribute('rel')) ?? '';
    expect(rel.split(' ')).toEqual(expect.arrayContaining(['nofollow', 'ugc', 'noopener']));

    const other = await readerPage(browser);
    await other.goto(`${paths.article(article.slug)}#comments`);
    const held = `رابطان ${nonce()} https://a.example www.b.example`;
    await postComment(other, 'قارئ آخر', held);
    await expect(other.getByText('سيظهر تعليقك بعد مراجعته')).toBeVisible();
    await other.reload();
    await expect(other.locator('#comments').getByText(held)).toHaveCount(0);
  });

  test('posting too fast is refused with the Arabic rate-limit message', async ({ browser, request }, testInfo) => {
    const article = articleFor(testInfo, 8);
    const page = await readerPage(browser);
    await page.goto(`${paths.article(article.slug)}#comments`);
    await postComment(page, 'قارئ سريع', `أول ${nonce()}`);
    await expect(page.locator('#comments form').first().getByRole('status').filter({ hasText: 'نُشر تعليقك' })).toBeVisible();
    await postComment(page, 'قارئ سريع', `ثان ${nonce()}`);
    await expect(page.locator('#comments form').first().getByText(/يرجى الانتظار \d+ ثانية/)).toBeVisible();

    const address = uniqueAddress();
    const post = () =>
      request.post('/api/comments', {
        data: { article: article.slug, name: 'عميل', body: `عبر الواجهة ${nonce()}` },
        headers: { 'x-forwarded-for': address },
      });
    expect((await post()).status()).toBe(201);
    const limited = await post();
    expect(limited.status()).toBe(429);
    expect(Number(limited.headers()['retry-after'])).toBeGreaterThanOrEqual(1);
    const body = await limited.json();
    expect(body.error.code).toBe('rate_limited');
    expect(body.error.message).toMatch(/[\u0600-\u06FF]/);
  });

  test('the API answers with its documented shapes', async ({ request }, testInfo) => {
    const article = articleFor(testInfo, 9);
    const list = await request.get(`/api/comments?article=${article.slug}&sort=oldest`);
    expect(list.status()).toBe(200);
    const page = await list.json();
    expect(Array.isArray(page.comments)).toBe(true);
    expect(typeof page.total).toBe('number');
    expect(page.page).toBe(1);

    const unknown = await request.get('/api/comments?article=no-such-article');
    expect(unknown.status()).toBe(404);
    expect((await unknown.json()).error.code).toBe('article_not_found');
    const hidden = hiddenArticles()[0]!;
    expect((await request.get(`/api/comments?article=${hidden.slug}`)).status()).toBe(404);

    const headers = { 'x-forwarded-for': uniqueAddress() };
    const text = await request.post('/api/comments', { data: 'name=x', headers: { ...headers, 'content-type': 'text/plain' } });
    expect(text.status()).toBe(415);
    const malformed = await request.post('/api/comments', {
      data: Buffer.from('{"article":'),
      headers: { ...headers, 'content-type': 'application/json' },
    });
    expect(malformed.status()).toBe(400);
    expect((await malformed.json()).error).toEqual({ code: 'malformed_json', message: expect.stringMatching(/[\u0600-\u06FF]/) });
    const foreign = await request.post('/api/comments', {
      data: { article: article.slug, name: 'قارئ', body: 'من موقع آخر' },
      headers: { ...headers, origin: 'https://evil.example' },
    });
    expect(foreign.status()).toBe(403);
  });
});
