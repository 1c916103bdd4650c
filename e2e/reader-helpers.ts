/**
 * Helpers for comments-reader.spec.ts. Every test posts as its own reader: the
 * server trusts X-Forwarded-For in the e2e setup (TRUST_PROXY=1), so a unique
 * address per test keeps the 15-second and 10-minute limits from leaking
 * between tests, projects and reruns against the same database.
 */
import { expect, type Browser, type BrowserContextOptions, type Page, type TestInfo } from '@playwright/test';
import { publishedArticles, waitForHydration, type Article } from './helpers';

let counter = 0;

export function uniqueAddress(): string {
  counter += 1;
  const seed = (Date.now() + process.pid * 7919 + counter * 104729) >>> 0;
  return `10.${(seed >>> 16) & 255}.${(seed >>> 8) & 255}.${(seed & 254) + 1}`;
}

export function nonce(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}

/** Desktop and phone run at once against one database: each project comments on its own articles. */
export function articleFor(testInfo: TestInfo, index: number): Article {
  const published = publishedArticles();
  const offset = testInfo.project.name === 'phone' ? Math.floor(published.length / 2) : 0;
  return published[(offset + index) % published.length]!;
}

export async function readerPage(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ ...options, extraHTTPHeaders: { 'x-forwarded-for': uniqueAddress() } });
  return context.newPage();
}

/** The number in «التعليقات (…)», read back from its Arabic plural form. */
export function countIn(text: string): number {
  if (text.includes('لا توجد تعليقات')) return 0;
  if (text.includes('تعليق واحد')) return 1;
  if (text.includes('تعليقان')) return 2;
  const digits = /(\d+)/.exec(text);
  if (!digits) throw new Error(`no comment count in «${text}»`);
  return Number(digits[1]);
}

export async function commentCount(page: Page): Promise<number> {
  return countIn(await page.locator('#comments-heading').innerText());
}

export async function postComment(page: Page, name: string, body: string): Promise<void> {
  const form = page.locator('#comments form').first();
  const submit = form.getByRole('button', { name: 'أرسل التعليق' });
  // The form's code loads when the comments come near, as a reader scrolling to them would.
  await page.locator('#comments').scrollIntoViewIfNeeded();
  await waitForHydration(submit);
  await form.getByLabel('الاسم', { exact: true }).fill(name);
  await form.getByLabel('التعليق', { exact: true }).fill(body);
  await submit.click();
}

export async function expectCommentShown(page: Page, body: string): Promise<void> {
  await expect(page.locator('#comments li').filter({ hasText: body }).first()).toBeVisible();
}
