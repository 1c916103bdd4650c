import type { ArticleMeta } from '@/lib/content/load';

/** How long a breaking article stays in the banner when the editor gives no `breakingUntil`. */
export const breakingDefaultMs = 6 * 3600_000;

/** `breakingUntil` as written, else six hours after the later of `date` and `updated`. */
export function breakingUntil(fm: { date: string; updated?: string; breakingUntil?: string }): number {
  if (fm.breakingUntil) return Date.parse(fm.breakingUntil);
  return Math.max(Date.parse(fm.date), fm.updated ? Date.parse(fm.updated) : -Infinity) + breakingDefaultMs;
}

export function isBreakingAt(article: ArticleMeta, now: number): boolean {
  // Published as in load.ts isPublished, which imports this module for `breakingUntil`.
  return article.breakingUntil !== undefined && !article.draft && article.publishedAt <= now && now < article.breakingUntil;
}

/** The one article the banner links to: the newest published breaking article not yet expired. */
export function currentBreaking(articles: readonly ArticleMeta[], now: number): ArticleMeta | undefined {
  let best: ArticleMeta | undefined;
  for (const article of articles) {
    if (isBreakingAt(article, now) && (!best || article.publishedAt > best.publishedAt)) best = article;
  }
  return best;
}
