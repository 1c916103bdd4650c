/**
 * Review links, embargoed pictures and draft-mode not-found (issue 18), against a production
 * server of the spec's own with a temporary content folder: the desk creates links, fresh browser
 * contexts open them, a draft is published by editing its file.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Browser, type BrowserContext, type Page, type TestInfo } from '@playwright/test';
import { signReviewToken } from '../lib/review/token';
import { article, notFoundHeading, publishedArticles } from './helpers';
import { startPrivateServer, stopPrivateServer, type PrivateServer } from './private-server';

const reviewSecret = 'e2e-review-secret-0123456789';
const editorPassword = 'e2e-review-editor-password';
const previewSecret = 'e2e-review-preview-secret';

const draft = article('draft-summit-analysis');
const scheduled = article('scheduled-quantum-lab-opening');
// The sample content names each picture after its article.
const pictureOf = (slug: string) => `/images/articles/${slug}.jpg`;
const draftImage = pictureOf(draft.slug);
const scheduledImage = pictureOf(scheduled.slug);
const sharedImage = pictureOf(publishedArticles().find((a) => existsSync(path.join(__dirname, '..', 'public', pictureOf(a.slug))))!.slug);
const otherDraft = { slug: 'review-other-draft', title: 'مسودة أخرى لا يفتحها رابط المراجعة' };
const toPublish = { slug: 'review-draft-to-publish', title: 'مسودة تُنشر أثناء الاختبار' };
const sharing = { slug: 'review-draft-sharing-a-picture', title: 'مسودة تستعمل صورة مقال منشور' };
const draftBodyWords = draft.body.split('\n').find((line) => line.trim().length > 40)!.trim().slice(0, 30);

function draftFile(slug: string, title: string, image?: string): string {
  return [
    '---',
    `title: "${title}"`,
    'description: "ملخص قصير لمسودة الاختبار."',
    'date: 2026-01-10T09:00:00+03:00',
    'category: world',
    `author: ${draft.author}`,
    ...(image ? [`image: ${image}`, 'imageAlt: "صورة"'] : []),
    'draft: true',
    '---',
    '',
    `نص ${title} للاختبار.`,
    '',
  ].join('\n');
}

let server: PrivateServer;

// One server per project; the tests share its desk and content folder, in order. Each test walks
// the desk and several browser contexts: more than the default 30 s on a busy machine.
test.describe.configure({ mode: 'default', timeout: 90_000 });

test.beforeAll(async ({}, testInfo: TestInfo) => {
  test.setTimeout(120_000);
  server = await startPrivateServer(testInfo, 'review', { REVIEW_SECRET: reviewSecret, EDITOR_PASSWORD: editorPassword, PREVIEW_SECRET: previewSecret }, (content) => {
    const dir = path.join(content, 'articles', 'review-e2e');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, `${otherDraft.slug}.md`), draftFile(otherDraft.slug, otherDraft.title));
    writeFileSync(path.join(dir, `${toPublish.slug}.md`), draftFile(toPublish.slug, toPublish.title));
    writeFileSync(path.join(dir, `${sharing.slug}.md`), draftFile(sharing.slug, sharing.title, sharedImage));
  });
});

test.afterAll(async () => {
  await stopPrivateServer(server);
});

test.afterEach(async ({}, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus && server) {
    await testInfo.attach('server log', { body: server.log.join(''), contentType: 'text/plain' });
  }
});

const url = (pathname: string) => `${server.base}${pathname}`;
const imageUrl = (src: string) => `/_next/image?url=${encodeURIComponent(src)}&w=640&q=75`;

async function signIn(page: Page): Promise<void> {
  await page.goto(url('/editor/login?next=%2Feditor'));
  await page.getByLabel('كلمة المرور', { exact: true }).fill(editorPassword);
  await page.getByRole('button', { name: 'دخول', exact: true }).click();
  await page.waitForURL((u) => u.pathname === '/editor');
}

/** Creates a link on the desk for an article; resolves to its path (/review/<token>) and id. */
async function createLink(desk: Page, title: string, duration?: string): Promise<{ path: string; id: string }> {
  await desk.goto(url('/editor'));
  const row = desk.getByRole('listitem').filter({ has: desk.getByRole('button', { name: `إنشاء رابط مراجعة ${title}` }) });
  if (duration) await row.getByLabel(/صلاحية الرابط/).selectOption(duration);
  await row.getByRole('button', { name: `إنشاء رابط مراجعة ${title}` }).click();
  await desk.waitForURL((u) => u.hash.startsWith('#review-link-'));
  const id = new URL(desk.url()).hash.slice('#review-link-'.length);
  const address = await desk.locator(`[id="review-link-${id}"]`).getByRole('textbox').inputValue();
  return { path: new URL(address).pathname, id };
}

async function freshContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ baseURL: server.base, locale: 'ar' });
}

function expectPrivate(headers: Record<string, string>) {
  expect(headers['cache-control']).toContain('private');
  expect(headers['cache-control']).toContain('no-store');
  expect(headers['x-robots-tag']).toContain('noindex');
}

test.describe('review links', () => {
  let desk: Page;
  test.beforeAll(async ({ browser }) => {
    desk = await (await freshContext(browser)).newPage();
    await signIn(desk);
  });
  test.afterAll(async () => {
    await desk?.context().close();
  });

  test('the desk creates a link; a fresh context sees the article with the banner, privately, and nothing else unpublished', async ({ browser }) => {
    const link = await createLink(desk, draft.title);
    const group = desk.getByRole('region', { name: `روابط مراجعة ${draft.title}` });
    await expect(group.locator(`[id="review-link-${link.id}"]`)).toContainText('ينتهي في');
    expect(server.log.join('')).toContain(`"msg":"review link created","article":"${draft.slug}","link":"${link.id}"`);

    const reviewer = await freshContext(browser);
    const page = await reviewer.newPage();
    const response = await page.goto(link.path);
    expect(response?.status()).toBe(200);
    expectPrivate(response!.headers());
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(draft.title);
    await expect(page.getByRole('region', { name: 'نسخة للمراجعة' })).toContainText('نسخة للمراجعة — غير منشورة');
    await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', /noindex/);
    // The picture, as the published page will show it, loads for the reviewer.
    const picture = page.getByRole('main').locator('figure img');
    await expect(picture).toBeVisible();
    await expect.poll(() => picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    // Not draft mode: no preview banner, and every other unpublished article is still a 404.
    await expect(page.getByRole('region', { name: 'وضع المعاينة' })).toHaveCount(0);
    for (const slug of [otherDraft.slug, scheduled.slug, draft.slug]) {
      const other = await page.goto(`/articles/${slug}`);
      expect(other?.status(), slug).toBe(404);
      await expect(page.getByRole('heading', { level: 1, name: notFoundHeading })).toBeVisible();
    }
    // The first opening is audited once, and the desk shows it.
    expect(server.log.join('')).toContain(`"msg":"review link opened","article":"${draft.slug}","link":"${link.id}"`);
    await page.goto(link.path);
    expect(server.log.join('').split(`"msg":"review link opened","article":"${draft.slug}","link":"${link.id}"`).length).toBe(2);
    await desk.goto(url('/editor'));
    const events = desk.getByRole('table', { name: /آخر 20 حدثًا/ });
    await expect(events.getByRole('row').nth(1)).toContainText('أول فتح');
    await expect(events.getByRole('row').nth(2)).toContainText('إنشاء');
    await reviewer.close();
  });

  test('the draft’s picture: 404 for anyone else, 200 and private for the reviewer, directly and through /_next/image', async ({ browser, playwright }) => {
    const link = await createLink(desk, draft.title);
    const anonymous = await playwright.request.newContext({ baseURL: server.base });
    for (const target of [draftImage, imageUrl(draftImage), imageUrl(scheduledImage)]) {
      expect((await anonymous.get(target)).status(), target).toBe(404);
    }
    // A picture a published article also shows stays public, though a draft uses it too.
    expect((await anonymous.get(sharedImage)).status()).toBe(200);
    expect((await anonymous.get(imageUrl(sharedImage))).status()).toBe(200);

    const reviewer = await freshContext(browser);
    expect((await reviewer.request.get(draftImage)).status(), 'before opening the link').toBe(404);
    expect((await (await reviewer.newPage()).goto(link.path))?.status()).toBe(200);
    for (const target of [draftImage, imageUrl(draftImage)]) {
      const response = await reviewer.request.get(target);
      expect(response.status(), target).toBe(200);
      expect(response.headers()['content-type']).toMatch(/^image\//);
      expectPrivate(response.headers());
    }
    // The link opens its own article's picture only.
    expect((await reviewer.request.get(scheduledImage)).status()).toBe(404);
    await anonymous.dispose();
    await reviewer.close();
  });

  test('revoking one link → 410 without the article; «إلغاء كل الروابط» ends every link of the article', async ({ browser }) => {
    const one = await createLink(desk, draft.title);
    const reviewer = await freshContext(browser);
    const page = await reviewer.newPage();
    expect((await page.goto(one.path))?.status()).toBe(200);

    await desk.goto(url('/editor'));
    await desk.locator(`[id="review-link-${one.id}"]`).getByRole('button', { name: 'إلغاء الرابط' }).click();
    await desk.waitForURL((u) => u.hash === '#review-links');
    await expect(desk.locator(`[id="review-link-${one.id}"]`)).toHaveCount(0);
    expect(server.log.join('')).toContain(`"msg":"review link revoked","article":"${draft.slug}","link":"${one.id}"`);

    const gone = await page.goto(one.path);
    expect(gone?.status()).toBe(410);
    expectPrivate(gone!.headers());
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('أُلغي رابط المراجعة هذا');
    expect(await page.content()).not.toContain(draft.title);
    expect((await reviewer.request.get(draftImage)).status(), 'the picture is locked again').toBe(404);

    const a = await createLink(desk, draft.title);
    const b = await createLink(desk, draft.title, '7d');
    await desk.getByRole('button', { name: `إلغاء كل الروابط لـ${draft.title}` }).click();
    await desk.waitForURL((u) => u.hash === '#review-links');
    await expect(desk.getByRole('region', { name: `روابط مراجعة ${draft.title}` })).toHaveCount(0);
    for (const link of [a, b]) expect((await page.goto(link.path))?.status(), link.id).toBe(410);
    await reviewer.close();
  });

  test('a link past its expiry → 410', async ({ browser }) => {
    const link = await createLink(desk, scheduled.title, '1h');
    // The same link as the desk would sign it with an expiry 8 s away: no need to wait an hour.
    const expiresAt = Date.now() + 8_000;
    const short = `/review/${signReviewToken({ id: link.id, article: scheduled.slug, expiresAt }, reviewSecret)}`;
    const page = await (await freshContext(browser)).newPage();
    expect((await page.goto(short))?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(scheduled.title);
    await page.waitForTimeout(Math.max(0, expiresAt - Date.now()) + 500);
    const expired = await page.goto(short);
    expect(expired?.status()).toBe(410);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('انتهت صلاحية رابط المراجعة');
    expect(await page.content()).not.toContain(scheduled.title);
    // The link itself, with its hour, still opens.
    expect((await page.goto(link.path))?.status()).toBe(200);
    await page.context().close();
  });

  test('once the article is published, the link redirects to the public address', async ({ browser }) => {
    const link = await createLink(desk, toPublish.title);
    const page = await (await freshContext(browser)).newPage();
    expect((await page.goto(link.path))?.status()).toBe(200);
    const file = path.join(server.content, 'articles', 'review-e2e', `${toPublish.slug}.md`);
    writeFileSync(file, readFileSync(file, 'utf8').replace('draft: true', 'draft: false'));
    await expect
      .poll(async () => {
        const response = await page.request.get(link.path, { maxRedirects: 0 });
        return `${response.status()} ${response.headers()['location'] ?? ''}`;
      }, { timeout: 30_000 })
      .toBe(`307 /articles/${toPublish.slug}`);
    const followed = await page.goto(link.path);
    expect(new URL(page.url()).pathname).toBe(`/articles/${toPublish.slug}`);
    expect(followed?.status()).toBe(200);
    await expect(page.getByRole('region', { name: 'نسخة للمراجعة' })).toHaveCount(0);
    await page.context().close();
  });

  test('30 forged and tampered tokens: 404 (or 410), private, and not a word of the article', async ({ playwright }) => {
    const real = (await createLink(desk, draft.title)).path.slice('/review/'.length);
    const [payload, signature] = real.split('.') as [string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { i: string; a: string; e: number };
    const reencode = (change: Partial<typeof claims>) => Buffer.from(JSON.stringify({ ...claims, ...change })).toString('base64url');
    const flip = (text: string, at: number) => text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1);
    const forged = [
      ...Array.from({ length: 8 }, (_, i) => flip(real, Math.floor((i * real.length) / 8))),
      `${reencode({ a: scheduled.slug })}.${signature}`,
      `${reencode({ a: otherDraft.slug })}.${signature}`,
      `${reencode({ e: claims.e + 86_400_000 * 365 })}.${signature}`,
      `${reencode({ i: 'AAAAAAAAAAAAAAAAAAAAAA' })}.${signature}`,
      signReviewToken({ id: claims.i, article: claims.a, expiresAt: claims.e }, 'not-the-servers-secret-at-all'),
      signReviewToken({ id: 'NeverIssuedByTheDesk00', article: draft.slug, expiresAt: claims.e }, reviewSecret),
      signReviewToken({ id: claims.i, article: otherDraft.slug, expiresAt: claims.e }, reviewSecret),
      payload,
      `${payload}.`,
      `.${signature}`,
      `${payload}.${signature.slice(0, -1)}`,
      `${payload}.${signature}A`,
      `${payload}.${'A'.repeat(43)}`,
      real.toUpperCase(),
      `${Buffer.from('{"v":1,"i":"x","a":"draft-summit-analysis","e":99999999999999}').toString('base64url')}.${signature}`,
      `${Buffer.from('{"alg":"none"}').toString('base64url')}.${payload}`,
      'draft-summit-analysis',
      'x'.repeat(300),
      `${payload}.${signature}.${signature}`,
      encodeURIComponent(`${payload}.${signature}'"<script>`),
      `${payload}.${signature}%00`,
      `${payload}.${[...signature].reverse().join('')}`,
    ];
    expect(forged).toHaveLength(30);
    const anonymous = await playwright.request.newContext({ baseURL: server.base });
    for (const token of forged) {
      const response = await anonymous.get(`/review/${token}`, { maxRedirects: 0 });
      expect([404, 410], token).toContain(response.status());
      expectPrivate(response.headers());
      expect(response.headers()['set-cookie'] ?? '', token).not.toContain('khabar_review');
      const body = await response.text();
      for (const secretText of [draft.title, draft.description, draftBodyWords, scheduled.title, otherDraft.title]) {
        expect(body, `${token} reveals «${secretText}»`).not.toContain(secretText);
      }
    }
    expect((await anonymous.get(draftImage)).status()).toBe(404);
    await anonymous.dispose();
  });
});

test.describe('draft mode', () => {
  test('an unknown slug in draft mode, and a draft with a stale draft-mode cookie, get the Arabic not-found page with 404', async ({ browser }) => {
    const context = await freshContext(browser);
    const page = await context.newPage();
    expect((await page.goto(`/api/draft?secret=${previewSecret}&slug=${draft.slug}`))?.status()).toBe(200);
    await expect(page.getByRole('region', { name: 'وضع المعاينة' })).toBeVisible();
    // The editor in draft mode sees the draft's picture. Loaded by the browser: Next's draft-mode
    // cookie is `Secure`, which the browser sends to 127.0.0.1 and Playwright's request client does not.
    for (const target of [draftImage, imageUrl(draftImage)]) {
      const response = await page.goto(target);
      expect(response?.status(), target).toBe(200);
      expectPrivate(response!.headers());
    }
    for (const slug of ['no-such-article', 'draft-summit-analysis-2']) {
      const response = await page.goto(`/articles/${slug}`);
      expect(response?.status(), slug).toBe(404);
      await expect(page.getByRole('heading', { level: 1, name: notFoundHeading })).toBeVisible();
    }
    await context.close();

    const stale = await freshContext(browser);
    await stale.addCookies([{ name: '__prerender_bypass', value: '0123456789abcdef0123456789abcdef', url: server.base }]);
    const stalePage = await stale.newPage();
    const response = await stalePage.goto(`/articles/${draft.slug}`);
    expect(response?.status()).toBe(404);
    await expect(stalePage.getByRole('heading', { level: 1, name: notFoundHeading })).toBeVisible();
    expect((await stale.request.get(draftImage)).status()).toBe(404);
    await stale.close();
  });
});
