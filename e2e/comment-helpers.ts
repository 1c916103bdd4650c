/**
 * Shared pieces for comments.spec.ts and editor-moderation.spec.ts.
 *
 * Comments are rate limited per reader address (the last X-Forwarded-For
 * entry: the e2e server runs with TRUST_PROXY=1) and the comment database
 * outlives a run, so every test posts as its own reader, from an address
 * unique to this run, project and test, and every body carries a nonce.
 */
import { createHash } from 'node:crypto';
import {
  expect,
  test as base,
  type APIRequestContext,
  type APIResponse,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
  type TestInfo,
} from '@playwright/test';
import { publishedArticles, type Article } from './helpers';

export { expect };

export const editorPassword = 'e2e-editor-password';

/**
 * How long a cached article page may take to show a comment change. Posting
 * and moderating invalidate the page at once, but when a background
 * regeneration of it was already running, its older result can stand until
 * the page's 60-second revalidation timer (see the report of this suite).
 */
export const pageRefreshTimeout = 65_000;

/** Differs between runs and between worker processes of one run. */
const runStamp = `${Date.now().toString(36)}${process.pid.toString(36)}`;
let counter = 0;

/** A short value unique to this run, for comment bodies. */
export function nonce(): string {
  counter += 1;
  return `${runStamp}-${counter.toString(36)}`;
}

/**
 * Reader number `n` of a test: an address unique to this run, project, test
 * and `n`, shaped as an IPv6 address in the documentation range (2001:db8::/32).
 */
export function readerAddress(testInfo: TestInfo, n = 0): string {
  const digest = createHash('sha256')
    .update([runStamp, testInfo.project.name, ...testInfo.titlePath, testInfo.repeatEachIndex, testInfo.retry, n].join('\0'))
    .digest('hex');
  return `2001:db8:${digest.slice(0, 24).match(/.{4}/g)!.join(':')}`;
}

export const readerHeaders = (address: string) => ({ 'x-forwarded-for': address });

/** `test` whose page, context and `request` fixture post as reader 0 of the test. */
export const test = base.extend<{ reader: string }>({
  reader: async ({}, use, testInfo) => {
    await use(readerAddress(testInfo));
  },
  extraHTTPHeaders: async ({ reader }, use) => {
    await use(readerHeaders(reader));
  },
});

/**
 * A published article reserved for one slot in one project, so counts and
 * orders a test checks are not disturbed by another test posting alongside.
 * The first ten articles of each half of the list are left to other specs.
 */
export function reservedArticle(slot: number, testInfo: TestInfo): Article {
  const list = publishedArticles();
  const projects = testInfo.config.projects.map((p) => p.name);
  const share = Math.floor(list.length / Math.max(1, projects.length));
  const projectIndex = Math.max(0, projects.indexOf(testInfo.project.name));
  const skip = Math.min(10, Math.floor(share / 2));
  if (slot >= share - skip) throw new Error(`not enough published articles for comment slot ${slot}`);
  return list[projectIndex * share + skip + slot]!;
}

/** One article per test that posts (see reservedArticle). */
export const slots = {
  postAndCount: 0,
  noJavaScript: 1,
  reply: 2,
  sort: 3,
  xss: 4,
  links: 5,
  rateLimitForm: 6,
  rateLimitApi: 7,
  apiBasics: 8,
  /** Moderation tests look only for their own comments: they share an article with the API checks. */
  moderation: 8,
  countRace: 9,
} as const;

/** The count as the site prints it (lib/arabic.ts): the CLDR plural form of `n`. */
export function commentCountText(n: number): string {
  switch (new Intl.PluralRules('ar').select(n)) {
    case 'zero':
      return 'لا توجد تعليقات';
    case 'one':
      return 'تعليق واحد';
    case 'two':
      return 'تعليقان';
    case 'few':
      return `${n} تعليقات`;
    case 'many':
      return `${n} تعليقًا`;
    default:
      return `${n} تعليق`;
  }
}

export type ApiComment = { id: number; parentId: number | null; name: string; body: string; createdAt: string; replies?: ApiComment[] };
export type ApiPage = { comments: ApiComment[]; total: number; page: number; threads: number; hasMore: boolean };

/** Every approved comment of an article, from all pages, in the given order. */
export async function allComments(
  request: APIRequestContext,
  article: string,
  sort: 'newest' | 'oldest' = 'newest',
): Promise<{ total: number; all: ApiComment[] }> {
  const all: ApiComment[] = [];
  let total = 0;
  for (let page = 1; page <= 50; page++) {
    const response = await request.get(`/api/comments?article=${encodeURIComponent(article)}&page=${page}&sort=${sort}`);
    expect(response.status(), `GET comments of ${article}, page ${page}`).toBe(200);
    const body = (await response.json()) as ApiPage;
    if (page === 1) total = body.total;
    all.push(...body.comments);
    if (!body.hasMore) break;
  }
  return { total, all };
}

/** Bodies of every approved comment and reply on an article. */
export async function approvedBodies(request: APIRequestContext, article: string): Promise<string[]> {
  const { all } = await allComments(request, article);
  return all.flatMap((c) => [c.body, ...(c.replies ?? []).map((r) => r.body)]);
}

export type NewComment = { article: string; name: string; body: string; parentId?: number; website?: string };

/** POST /api/comments as the reader at `address`. */
export function postComment(
  request: APIRequestContext,
  address: string,
  comment: NewComment,
  headers: Record<string, string> = {},
): Promise<APIResponse> {
  return request.post('/api/comments', { headers: { ...readerHeaders(address), ...headers }, data: comment });
}

/** Posts and expects 201 (published) or 202 (held); returns the comment. */
export async function postCommentOk(
  request: APIRequestContext,
  address: string,
  comment: NewComment,
  status: 201 | 202 = 201,
): Promise<ApiComment> {
  const response = await postComment(request, address, comment);
  expect(response.status(), `POST /api/comments answered ${await response.text()}`).toBe(status);
  const body = (await response.json()) as { comment: ApiComment; held: boolean };
  expect(body.held).toBe(status === 202);
  return body.comment;
}

/** Another browser for the same test: the project's device and locale, its own reader address. */
export function readerContext(
  browser: Browser,
  testInfo: TestInfo,
  address: string,
  options: { javaScriptEnabled?: boolean } = {},
): Promise<BrowserContext> {
  const use = testInfo.project.use;
  return browser.newContext({
    baseURL: use.baseURL,
    locale: use.locale,
    timezoneId: use.timezoneId,
    viewport: use.viewport,
    userAgent: use.userAgent,
    deviceScaleFactor: use.deviceScaleFactor,
    isMobile: use.isMobile,
    hasTouch: use.hasTouch,
    extraHTTPHeaders: readerHeaders(address),
    ...options,
  });
}

export const commentsSection = (page: Page): Locator => page.locator('section#comments');

/** The article's own comment form (reply forms have «أرسل الرد»). */
export const mainForm = (page: Page): Locator =>
  commentsSection(page).locator('form').filter({ has: page.getByRole('button', { name: 'أرسل التعليق', exact: true }) });

/** The interactive thread's top-level comments. */
export const threadList = (page: Page): Locator => commentsSection(page).getByRole('list', { name: 'قائمة التعليقات' });

export const threadItem = (page: Page, text: string): Locator => threadList(page).locator(':scope > li').filter({ hasText: text });

/** Waits until the interactive thread has loaded (sort buttons shown, nothing loading). */
export async function threadLoaded(page: Page): Promise<void> {
  await expect(commentsSection(page).getByRole('button', { name: 'الأحدث أولًا' })).toBeVisible();
  await expect(commentsSection(page).getByText('جارٍ تحميل التعليقات…')).toHaveCount(0);
}

/** Signs in through the editors' login page and waits for `next`. */
export async function signInAsEditor(page: Page, next = '/editor'): Promise<void> {
  await page.goto(`/editor/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel('كلمة المرور', { exact: true }).fill(editorPassword);
  await page.getByRole('button', { name: 'دخول', exact: true }).click();
  await page.waitForURL((url) => url.pathname === next);
}
