import type { ArticleViews } from '@/lib/views/store';

/**
 * «الأكثر قراءة»: the articles most viewed in the last 24 hours that `keep`
 * accepts (published, and not the page's own article), then, while fewer than
 * `limit`, the most viewed of the last 7 days not already listed. Inputs are
 * most-viewed first, as ViewStore.top returns them.
 */
export function rankMostRead(day: readonly ArticleViews[], week: readonly ArticleViews[], keep: (slug: string) => boolean, limit: number): ArticleViews[] {
  const chosen: ArticleViews[] = [];
  const seen = new Set<string>();
  for (const entry of [...day, ...week]) {
    if (chosen.length >= limit) break;
    if (entry.views <= 0 || seen.has(entry.article) || !keep(entry.article)) continue;
    seen.add(entry.article);
    chosen.push(entry);
  }
  return chosen;
}
