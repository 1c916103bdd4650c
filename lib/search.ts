import 'server-only';
import path from 'node:path';
import { followArchive, getPublishedArticle, searchArchive, withCategories, type ArticleEntry, type ArticleMeta, type ChangeFeed } from '@/lib/content';
import { countLimit, type IndexProgress, type SearchHits, type SearchIndex, type SearchSort } from '@/lib/search/index';
import { hasTerms, parseQuery, type ParsedQuery } from '@/lib/search/query';
import { openSqliteSearch } from '@/lib/search/sqlite-search';
import { settings } from '@/lib/settings.mjs';
import { onShutdown, processSingleton } from '@/server/runtime.mjs';

export { maxQueryLength } from '@/lib/search/query';
export { countLimit } from '@/lib/search/index';
export { indexingNotice } from '@/lib/search/progress';

/**
 * How long a search waits for the index to take in a small change (a new or edited file is in
 * within milliseconds), so the reader who just published finds it. A first build of a large
 * archive, or a large change, is not waited for: the page says how far it is.
 */
const catchUpMs = 4000;
const smallChange = 100;

type State = { index: SearchIndex; following: boolean };

// Next may evaluate this module once per route bundle; one open index per process is wanted.
const state = processSingleton<State>('search', () => {
  // Beside the content index it follows (lib/content/archive.ts), in one file.
  const index = openSqliteSearch(path.join(settings().dataDir, 'archive.db'));
  onShutdown(() => index.close());
  return { index, following: false };
});

function adopt(feed: ChangeFeed): Promise<void> {
  return state.index.sync(feed).catch((error: unknown) => {
    console.error('[search] updating the index failed; searches use what it holds', error);
  });
}

/**
 * Starts indexing at server start (instrumentation.ts) and follows every content change from
 * then on, so neither a first build nor a new file waits for a reader's search.
 */
export function warmSearch(): void {
  if (state.following) return;
  state.following = true;
  followArchive((feed) => void adopt(feed));
}

/** A small change (a new or edited file, a cold start over a kept index) is waited for; a large one is shown as progress. */
async function caughtUp(): Promise<void> {
  warmSearch();
  const feed = await searchArchive();
  const pending = state.index.pending(feed);
  if (pending === 0 || pending > smallChange) return;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([adopt(feed), new Promise<void>((resolve) => (timer = setTimeout(resolve, catchUpMs)))]);
  clearTimeout(timer);
}

export type SearchRequest = { query: string; page: number; category?: string; sort: SearchSort; pageSize?: number };

export type FoundPage = {
  query: ParsedQuery;
  /** False for an empty or punctuation-only query, or one with exclusions alone: the help is shown. */
  searched: boolean;
  results: ArticleEntry[];
  /** Above `countLimit` it means «more than countLimit» (byCategory's counts too); pages stop there. */
  total: number;
  page: number;
  totalPages: number;
  byCategory: SearchHits['byCategory'];
  progress: IndexProgress;
};

export async function searchArticles(request: SearchRequest): Promise<FoundPage> {
  const query = parseQuery(request.query);
  const pageSize = request.pageSize ?? 10;
  const empty = { query, results: [], total: 0, page: 1, totalPages: 0, byCategory: [] };
  if (!hasTerms(query)) return { ...empty, searched: false, progress: state.index.progress() };
  await caughtUp();
  const hits = await state.index.search(query, { page: request.page, pageSize, category: request.category, sort: request.sort, now: Date.now() });
  // The index may briefly hold an article the content no longer serves: it is left out.
  const articles = (await Promise.all(hits.slugs.map((slug) => getPublishedArticle(slug)))).filter((a): a is ArticleMeta => a !== undefined);
  return {
    query,
    searched: true,
    results: await withCategories(articles),
    total: hits.total,
    page: request.page,
    totalPages: Math.ceil(Math.min(hits.total, countLimit) / pageSize),
    byCategory: hits.byCategory,
    progress: state.index.progress(),
  };
}
