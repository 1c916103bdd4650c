/**
 * Test data read straight from content/: expectations are derived from the
 * files editors write, never hard-coded, so the suite keeps passing when the
 * sample content changes and fails when the site stops reflecting it.
 *
 * Front matter is parsed with `yaml`'s YAML 1.2 core schema, the same schema
 * the site uses: an unquoted `2026-11-20T09:30:00+03:00` stays a string.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, type APIResponse, type Locator, type Page } from '@playwright/test';
import { parse } from 'yaml';

export const contentDir = path.resolve(__dirname, '..', process.env.CONTENT_DIR ?? 'content');

/** Articles per page on category, tag and author lists (lib/site.ts). */
export const pageSize = 12;

export type Category = { slug: string; name: string; description: string };
export type Author = { slug: string; name: string; bio?: string };
export type Article = {
  slug: string;
  title: string;
  description: string;
  date: string;
  updated?: string;
  publishedAt: number;
  category: string;
  author: string;
  tags: string[];
  draft: boolean;
  body: string;
};

/** Same normalisation the site applies to titles and tags. */
export function normalizeText(value: string): string {
  return value.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

function readJson<T>(name: string): T {
  return JSON.parse(readFileSync(path.join(contentDir, name), 'utf8')) as T;
}

function splitFrontMatter(file: string): { data: Record<string, unknown>; body: string } {
  const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (!text.startsWith('---\n')) throw new Error(`${file}: no front matter`);
  const end = text.indexOf('\n---', 3);
  if (end === -1) throw new Error(`${file}: unterminated front matter`);
  const data = (parse(text.slice(4, end + 1), { schema: 'core' }) ?? {}) as Record<string, unknown>;
  return { data, body: text.slice(end + 5) };
}

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name.startsWith('.')) return [];
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return markdownFiles(full);
    return entry.isFile() && entry.name.endsWith('.md') ? [full] : [];
  });
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : String(value ?? '');
}

/** Newest first; ties broken by slug, as the site does. */
function newestFirst(a: Article, b: Article): number {
  return b.publishedAt - a.publishedAt || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0);
}

let cachedArticles: Article[] | undefined;

/** Every article file, drafts and scheduled ones included, newest first. */
export function allArticles(): Article[] {
  cachedArticles ??= markdownFiles(path.join(contentDir, 'articles'))
    .map((file) => {
      const { data, body } = splitFrontMatter(file);
      const date = str(data.date);
      const updated = data.updated === undefined ? undefined : str(data.updated);
      const tags = Array.isArray(data.tags) ? data.tags.map((t) => normalizeText(str(t))).filter(Boolean) : [];
      return {
        slug: path.basename(file, '.md'),
        title: normalizeText(str(data.title)),
        description: normalizeText(str(data.description)),
        date,
        ...(updated ? { updated } : {}),
        publishedAt: Date.parse(date),
        category: str(data.category),
        author: str(data.author),
        tags: [...new Set(tags)],
        draft: data.draft === true,
        body,
      };
    })
    .sort(newestFirst);
  return cachedArticles;
}

export function isPublished(article: Article, now = Date.now()): boolean {
  return !article.draft && article.publishedAt <= now;
}

/** What readers may see, newest first. */
export function publishedArticles(): Article[] {
  const now = Date.now();
  return allArticles().filter((a) => isPublished(a, now));
}

/** Drafts and articles dated in the future: never shown anywhere. */
export function hiddenArticles(): Article[] {
  const now = Date.now();
  return allArticles().filter((a) => !isPublished(a, now));
}

export function categories(): Category[] {
  return readJson<Category[]>('categories.json');
}

export function authors(): Author[] {
  return readJson<Author[]>('authors.json');
}

export function category(slug: string): Category {
  const found = categories().find((c) => c.slug === slug);
  if (!found) throw new Error(`no category ${slug} in categories.json`);
  return found;
}

export function author(slug: string): Author {
  const found = authors().find((a) => a.slug === slug);
  if (!found) throw new Error(`no author ${slug} in authors.json`);
  return found;
}

export function article(slug: string): Article {
  const found = allArticles().find((a) => a.slug === slug);
  if (!found) throw new Error(`no article ${slug} in content/articles`);
  return found;
}

export function publishedIn(filter: { category?: string; tag?: string; author?: string }): Article[] {
  return publishedArticles().filter(
    (a) =>
      (filter.category === undefined || a.category === filter.category) &&
      (filter.tag === undefined || a.tags.includes(normalizeText(filter.tag))) &&
      (filter.author === undefined || a.author === filter.author),
  );
}

/** Page `n` (1-based) of a newest-first list. */
export function pageOf<T>(list: T[], n: number): T[] {
  return list.slice((n - 1) * pageSize, n * pageSize);
}

export function hasTable(markdown: string): boolean {
  return /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)+\|?\s*$/m.test(markdown);
}

export function subheadings(markdown: string): string[] {
  return [...markdown.matchAll(/^## +(.+?)\s*#*\s*$/gm)].map((m) => normalizeText(m[1]!));
}

/** Header cells of the first GFM table in a Markdown body. */
export function firstTableHeader(markdown: string): string[] {
  const lines = markdown.split('\n');
  const delimiter = lines.findIndex((line, i) => i > 0 && hasTable(line));
  if (delimiter < 1) return [];
  return lines[delimiter - 1]!
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((cell) => normalizeText(cell));
}

/** The longest published article that has `##` subheadings and a GFM table. */
export function longArticleWithTable(): Article {
  const candidates = publishedArticles().filter((a) => hasTable(a.body) && subheadings(a.body).length > 0);
  const longest = candidates.sort((a, b) => b.body.length - a.body.length)[0];
  if (!longest) throw new Error('content has no published article with a table and subheadings');
  return longest;
}

/** The newest published article that has been updated and carries tags. */
export function updatedArticle(): Article {
  const found = publishedArticles().find((a) => a.updated && a.tags.length > 0);
  if (!found) throw new Error('content has no published, updated article with tags');
  return found;
}

/** The category with the most published articles: the one that needs pagination. */
export function paginatedCategory(): Category {
  const counts = categories().map((c) => ({ c, n: publishedIn({ category: c.slug }).length }));
  const best = counts.sort((a, b) => b.n - a.n)[0];
  if (!best) throw new Error('no categories');
  return best.c;
}

export function sharedTagCount(a: Article, b: Article): number {
  return a.tags.filter((t) => b.tags.includes(t)).length;
}

/** Paths as the site builds them (lib/site.ts). */
export const paths = {
  article: (slug: string) => `/articles/${slug}`,
  category: (slug: string, page = 1) => (page > 1 ? `/categories/${slug}/page/${page}` : `/categories/${slug}`),
  tag: (tag: string, page = 1) =>
    page > 1 ? `/tags/${encodeURIComponent(tag)}/page/${page}` : `/tags/${encodeURIComponent(tag)}`,
  author: (slug: string, page = 1) => (page > 1 ? `/authors/${slug}/page/${page}` : `/authors/${slug}`),
};

export const notFoundHeading = 'الصفحة غير موجودة';

/** The Arabic not-found page: its heading and a way back home. */
export async function expectNotFoundPage(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: notFoundHeading })).toBeVisible();
  const home = page.getByRole('main').getByRole('link', { name: 'العودة إلى الصفحة الرئيسية' });
  await expect(home).toBeVisible();
  await expect(home).toHaveAttribute('href', '/');
}

/** Article slugs linked from a chunk of HTML, in order, without duplicates. */
export function articleLinksIn(html: string): string[] {
  const slugs = [...html.matchAll(/href="\/articles\/([^"#?]+)"/g)].map((m) => decodeURIComponent(m[1]!));
  return [...new Set(slugs)];
}

/** The raw server HTML of a page; fails unless the status is `status`. */
export async function serverHtml(response: APIResponse, status = 200): Promise<string> {
  expect(response.status(), `HTTP status of ${response.url()}`).toBe(status);
  return response.text();
}

/** Titles of the article headings inside a locator's scope, in document order. */
export async function headingTexts(page: Page, level: number, scope = page.getByRole('main')): Promise<string[]> {
  // textContent, not innerText: sections below the first screen are not laid out until the reader
  // nears them (content-visibility: auto), and until then their innerText is empty.
  const texts = await scope.getByRole('heading', { level }).allTextContents();
  return texts.map(normalizeText);
}

/**
 * Waits until React has hydrated an element, so a click reaches its handler
 * instead of the plain server-rendered fallback (a link would navigate away).
 */
export async function waitForHydration(locator: Locator): Promise<void> {
  await expect
    .poll(() => locator.evaluate((el) => Object.keys(el).some((key) => key.startsWith('__reactProps$'))), {
      message: 'the element is hydrated',
      // The page's scripts load and run after the HTML: on a loaded machine that takes more than
      // the 7.5 s default, and this only bounds a failure.
      timeout: 20_000,
    })
    .toBe(true);
}
