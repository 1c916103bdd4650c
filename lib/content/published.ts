import { isPublished, type ArticleMeta, type PublishedList } from '@/lib/content/load';

/**
 * The published articles of one list (`all`, newest first), worked out once per index and reused
 * for as long as no scheduled article in the list comes due. The proxy asks whether page N of a
 * list exists and the page then renders it: both calls land here, and the second costs a map
 * look-up instead of a pass over the list.
 */
export function publishedIn(lists: Map<string, PublishedList>, key: string, all: readonly ArticleMeta[], now: number): ArticleMeta[] {
  const known = lists.get(key);
  if (known && known.from <= now && now < known.until) return known.items;
  const items: ArticleMeta[] = [];
  let from = -Infinity;
  let until = Infinity;
  for (const article of all) {
    if (isPublished(article, now)) {
      items.push(article);
      from = Math.max(from, article.publishedAt);
    } else if (!article.draft) {
      until = Math.min(until, article.publishedAt);
    }
  }
  lists.set(key, { items, from, until });
  return items;
}
