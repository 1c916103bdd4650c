import type { ArticleMeta, ChangeFeed } from '@/lib/content';
import type { ParsedQuery } from '@/lib/search/query';

/** What the index keeps of an article; the body is read from `file` when the file changed. */
export type SearchDocument = Pick<ArticleMeta, 'slug' | 'file' | 'title' | 'description' | 'tags' | 'category' | 'publishedAt' | 'draft'>;

export type SearchSort = 'relevance' | 'date';

export type SearchOptions = {
  page: number;
  pageSize: number;
  category?: string;
  sort: SearchSort;
  /** Articles dated later, and drafts, are never returned. */
  now: number;
};

export type SearchHits = {
  /** Slugs of the page asked for, best (or newest) first. */
  slugs: string[];
  /**
   * Matches in the category asked for, or in all. Engines may stop counting past
   * `countLimit`: a larger figure means «more than countLimit», and pages go no further.
   */
  total: number;
  /**
   * Categories with matches, whatever category was asked for: the filter links. Counted when
   * `total` is within `countLimit` (when no category was asked for) or the engine chooses to.
   */
  byCategory: { category: string; count?: number }[];
};

/**
 * What a count above this says is «more than this». Counts stop past it: beyond it a reader learns
 * only «more than 1,000», and counting every match of a common word at 250,000 articles cost more
 * than the rest of the search.
 */
export const countLimit = 1000;

/** How much of the archive the index holds; `indexed < total` while a first build runs. */
export type IndexProgress = { indexed: number; total: number };

/**
 * The search index as pages see it. SQLite FTS5 (sqlite-search.ts) is the
 * embedded default; another engine would implement the same.
 */
export interface SearchIndex {
  search(query: ParsedQuery, options: SearchOptions): Promise<SearchHits>;
  /**
   * Brings the index in line with the archive's change feed: only the changes after the last
   * one it took in are read, in slices that leave the event loop free. A call while one runs
   * has the running one go on to the end of the feed, and resolves with it.
   */
  sync(feed: ChangeFeed): Promise<void>;
  /** How many of the feed's changes the index has yet to take in. */
  pending(feed: ChangeFeed): number;
  progress(): IndexProgress;
  close(): void;
}
