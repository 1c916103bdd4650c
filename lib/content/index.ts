import 'server-only';
import { watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { cache } from 'react';
import { bodyOf } from '@/lib/content/front-matter';
import { ContentLoader, type ArticleMeta, type ContentIndex } from '@/lib/content/load';
import { markdownToText, renderMarkdown } from '@/lib/content/markdown';
import { ContentError, formatProblem } from '@/lib/content/problems';
import { rankRelated } from '@/lib/content/related';
import { normalizeText } from '@/lib/content/load';
import { readingMinutes } from '@/lib/format';
import { site } from '@/lib/site';

export type { ArticleMeta, ContentIndex } from '@/lib/content/load';
export type { Author, Category } from '@/lib/content/schema';

// Content is read at run time from a folder editors write to; it is deliberately not traced into the build.
export const contentDir = path.resolve(/*turbopackIgnore: true*/ process.cwd(), process.env.CONTENT_DIR ?? 'content');

const isBuild = process.env.NEXT_PHASE === 'phase-production-build';
const isDev = process.env.NODE_ENV === 'development';

/**
 * How the running server notices edits: a recursive file watcher marks the
 * index dirty and the next request rescans; a periodic rescan is the safety
 * net for file systems that do not report changes (network mounts, some
 * containers). A rescan stats every file, re-reads only the changed ones and
 * runs in the background while requests are answered from the previous index.
 */
const rescanWhenWatchedMs = 60_000;
const rescanWhenPolledMs = 5_000;

type State = {
  loader: ContentLoader;
  current?: Promise<ContentIndex>;
  latest?: ContentIndex;
  scanning?: Promise<ContentIndex>;
  lastScan: number;
  dirty: boolean;
  watcher?: FSWatcher;
  debounce?: NodeJS.Timeout;
  publication?: NodeJS.Timeout;
  lastReport?: string;
};

// Next may evaluate this module once per route bundle; one index per process is wanted.
const globalState = globalThis as typeof globalThis & { __khabarContent?: State };
const state: State = (globalState.__khabarContent ??= {
  loader: new ContentLoader({ contentDir, publicDir: path.resolve(/*turbopackIgnore: true*/ process.cwd(), 'public') }),
  lastScan: 0,
  dirty: false,
});

function startWatching() {
  if (state.watcher || isBuild || isDev) return;
  try {
    state.watcher = watch(contentDir, { recursive: true, persistent: false }, () => {
      // Editors' tools write a file in several steps; one rescan after the burst is enough.
      clearTimeout(state.debounce);
      state.debounce = setTimeout(() => void rescan(), 300);
      state.debounce.unref();
    });
    state.watcher.on('error', (error) => {
      console.error('[content] file watcher stopped, falling back to periodic rescans', error);
      state.watcher?.close();
      state.watcher = undefined;
    });
  } catch (error) {
    console.error('[content] cannot watch CONTENT_DIR, falling back to periodic rescans', error);
  }
}

async function scan(): Promise<ContentIndex> {
  const index = await state.loader.scan();
  const report = index.problems.map(formatProblem).join('\n');
  if (isBuild && index.problems.length) throw new ContentError(index.problems);
  if (report !== state.lastReport) {
    state.lastReport = report;
    // A broken file on a live site must not take the site down: it is skipped and reported.
    if (report) console.error(`[content] ${index.problems.length} problem(s), affected files are not served:\n${report}`);
  }
  return index;
}

/**
 * Tells the running server that cached pages are stale. Page caches live in
 * Next, which only accepts invalidation inside a request, so the server calls
 * its own revalidation endpoint (scripts/serve.mjs provides the address and a
 * per-process token). Without them, pages refresh on their 60-second timer.
 */
function pagesAreStale(reason: string) {
  const self = process.env.KHABAR_SELF_URL;
  const token = process.env.KHABAR_INTERNAL_TOKEN;
  if (!self || !token || isBuild || isDev) return;
  fetch(`${self}/api/revalidate`, { method: 'POST', headers: { 'x-khabar-internal': token, 'x-khabar-reason': reason } }).then(
    (response) => {
      if (!response.ok) console.error(`[content] revalidation answered ${response.status}`);
    },
    (error: unknown) => console.error('[content] revalidation failed', error),
  );
}

/** Scheduled articles go live at their time, not at the next page timer. */
function schedulePublication(index: ContentIndex) {
  clearTimeout(state.publication);
  if (isBuild || isDev) return;
  const now = Date.now();
  let next = Infinity;
  for (const at of index.columns.visibleFrom) if (at > now && at < next) next = at;
  if (next === Infinity) return;
  // setTimeout holds at most ~24.8 days; a far-off date is simply looked at again later.
  const delay = Math.min(next - now + 250, 24 * 3600_000);
  state.publication = setTimeout(() => {
    if (Date.now() >= next) pagesAreStale('scheduled');
    schedulePublication(state.latest ?? index);
  }, delay);
  state.publication.unref();
}

function adopt(index: ContentIndex) {
  const changed = state.latest !== undefined && state.latest !== index;
  state.latest = index;
  state.current = Promise.resolve(index);
  if (changed || !state.publication) schedulePublication(index);
  if (changed) pagesAreStale('content');
}

/** One rescan at a time; requests during it are answered from the previous index. */
function rescan(): Promise<ContentIndex> {
  if (state.scanning) {
    state.dirty = true;
    return state.scanning;
  }
  state.lastScan = Date.now();
  state.dirty = false;
  const scanning = scan().then(
    (index) => {
      adopt(index);
      return index;
    },
    (error: unknown) => {
      console.error('[content] rescan failed, keeping the previous index', error);
      if (state.latest) return state.latest;
      throw error;
    },
  );
  state.scanning = scanning.finally(() => {
    state.scanning = undefined;
    if (state.dirty && !isDev) void rescan();
  });
  return state.scanning;
}

function rescanDue(now: number): boolean {
  if (isBuild) return false;
  if (isDev || state.dirty) return true;
  return now - state.lastScan >= (state.watcher ? rescanWhenWatchedMs : rescanWhenPolledMs);
}

/**
 * The content index. `fresh` waits for a rescan first: previews and the
 * revalidation endpoint must see what is on disk now.
 */
export async function getContentIndex(options: { fresh?: boolean } = {}): Promise<ContentIndex> {
  if (!state.current) {
    startWatching();
    const first = rescan();
    state.current = first;
    first.catch(() => {
      if (state.current === first) state.current = undefined;
    });
    return first;
  }
  if (options.fresh) return rescan();
  if (!state.scanning && rescanDue(Date.now())) {
    const next = rescan();
    // In development an edit should show on the very next reload.
    if (isDev) return next;
  }
  return state.current;
}

export function isPublished(article: ArticleMeta, now = Date.now()): boolean {
  return !article.draft && article.publishedAt <= now;
}

export const getCategories = cache(async () => (await getContentIndex()).categories);

export const getCategory = cache(async (slug: string) => (await getContentIndex()).categoryBySlug.get(slug));

export const getAuthor = cache(async (slug: string) => (await getContentIndex()).authorBySlug.get(slug));

/** A published article by slug; `undefined` for unknown, draft and scheduled ones alike. */
export const getPublishedArticle = cache(async (slug: string): Promise<ArticleMeta | undefined> => {
  const index = await getContentIndex();
  const article = index.bySlug.get(slug);
  if (article && isPublished(article)) return article;
  const problems = index.invalid.get(slug);
  // In development the editor sees why the file is not served instead of a bare 404.
  if (isDev && problems?.length) throw new ContentError(problems);
  return undefined;
});

/** Any valid article, drafts and scheduled ones included, read fresh from disk: for previews only. */
export const getArticleForPreview = cache(async (slug: string): Promise<ArticleMeta | undefined> => {
  const index = await getContentIndex({ fresh: true });
  const article = index.bySlug.get(slug);
  if (!article && isDev && index.invalid.get(slug)?.length) throw new ContentError(index.invalid.get(slug)!);
  return article;
});

/** What is not live yet: drafts, and scheduled articles soonest first. Read fresh, for the editors' desk. */
export async function listUnpublished(): Promise<{ drafts: ArticleMeta[]; scheduled: ArticleMeta[]; index: ContentIndex }> {
  const index = await getContentIndex({ fresh: true });
  const now = Date.now();
  const waiting = index.articles.filter((a) => !isPublished(a, now));
  return {
    drafts: waiting.filter((a) => a.draft),
    scheduled: waiting.filter((a) => !a.draft).sort((a, b) => a.publishedAt - b.publishedAt),
    index,
  };
}

export type ArticlePage = {
  items: ArticleMeta[];
  page: number;
  totalPages: number;
  total: number;
};

export type ListFilter = { category: string } | { tag: string } | { author: string } | Record<string, never>;

function listFor(index: ContentIndex, filter: ListFilter): ArticleMeta[] {
  if ('category' in filter) return index.byCategory.get(filter.category) ?? [];
  if ('tag' in filter) return index.byTag.get(normalizeText(filter.tag)) ?? [];
  if ('author' in filter) return index.byAuthor.get(filter.author) ?? [];
  return index.articles;
}

/** Published articles, newest first, one page of them; `null` when the page does not exist. */
export async function listArticles(filter: ListFilter, page = 1, pageSize: number = site.pageSize): Promise<ArticlePage | null> {
  const now = Date.now();
  const published = listFor(await getContentIndex(), filter).filter((a) => isPublished(a, now));
  const totalPages = Math.max(1, Math.ceil(published.length / pageSize));
  if (!Number.isInteger(page) || page < 1 || page > totalPages) return null;
  return {
    items: published.slice((page - 1) * pageSize, page * pageSize),
    page,
    totalPages,
    total: published.length,
  };
}

export async function latestArticles(limit: number, filter: ListFilter = {}): Promise<ArticleMeta[]> {
  const now = Date.now();
  const result: ArticleMeta[] = [];
  for (const article of listFor(await getContentIndex(), filter)) {
    if (result.length >= limit) break;
    if (isPublished(article, now)) result.push(article);
  }
  return result;
}

/** Tags that have at least one published article. */
export async function hasPublishedTag(tag: string): Promise<boolean> {
  return (await latestArticles(1, { tag })).length > 0;
}

export async function relatedArticles(article: ArticleMeta, limit = 6): Promise<ArticleMeta[]> {
  return rankRelated(await getContentIndex(), article, Date.now(), limit);
}

export type RenderedArticle = { html: string; readingMinutes: number };

export const renderArticle = cache(async (article: ArticleMeta): Promise<RenderedArticle> => {
  const body = bodyOf(await readFile(article.file, 'utf8'));
  return { html: renderMarkdown(body), readingMinutes: readingMinutes(markdownToText(body)) };
});

/** Slugs to prerender at build time: the newest published articles only. */
export async function recentArticleSlugs(limit: number): Promise<string[]> {
  return (await latestArticles(limit)).map((a) => a.slug);
}
