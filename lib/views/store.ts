/** One view waiting to be written: the article, the reader's salted hash, and when it was sent. */
export type PendingView = { article: string; reader: string; at: number };

export type ArticleViews = { article: string; views: number };

export type HourViews = { hour: number; views: number };

export const hourMs = 3_600_000;
export const dayMs = 86_400_000;

/** The start (UTC, ms) of the hour a time falls in: the bucket a view is counted in. */
export const hourOf = (at: number) => Math.floor(at / hourMs) * hourMs;
/** The start (UTC, ms) of the day a time falls in: the bucket compacted hours go to. */
export const dayOf = (at: number) => Math.floor(at / dayMs) * dayMs;

/**
 * View counts as the site sees them. Counts live in hourly buckets per article;
 * buckets older than the compaction horizon are folded into daily totals.
 * SQLite (sqlite-store.ts) is the embedded default; PostgreSQL (pg-store.ts)
 * implements the same interface for several instances sharing one database.
 */
export interface ViewStore {
  /**
   * Writes a batch in one transaction. A view is counted only when the same
   * reader has no counted view of that article in the `dedupMs` before it, in
   * any process; resolves to how many were counted.
   */
  record(views: PendingView[], dedupMs: number): Promise<number>;
  /** Articles by their views from `since` (inclusive) on, most first; equal counts by slug. */
  top(since: number, limit: number): Promise<ArticleViews[]>;
  /** Site-wide views per hourly bucket from `since` on, oldest first; hours without views are left out. */
  hourly(since: number): Promise<HourViews[]>;
  /** Folds hourly buckets that start before `before` into daily totals; resolves to how many buckets went. */
  compact(before: number): Promise<number>;
  /** Forgets reader hashes last counted before `before`: only the dedup window needs them. */
  forgetReaders(before: number): Promise<number>;
  /**
   * The salt of one day (`YYYY-MM-DD`), created on first use by whichever
   * instance asks first; salts of earlier days are deleted, so yesterday's
   * reader hashes can no longer be linked to anyone.
   */
  dailySalt(day: string, create: () => string): Promise<string>;
  /** Every article's all-time total, daily totals included (tests and benchmarks check sums with it). */
  totals(): Promise<ArticleViews[]>;
  /** Releases the file or the connection pool. */
  close(): Promise<void>;
}
