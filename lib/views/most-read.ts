import 'server-only';
import { unstable_cache } from 'next/cache';
import { getPublishedArticle } from '@/lib/content';
import { paths } from '@/lib/site';
import { rankMostRead } from '@/lib/views/ranking';
import { getViewStore } from '@/lib/views/service';
import { dayMs, type ArticleViews } from '@/lib/views/store';

export type MostReadItem = { slug: string; href: string; title: string; views: number };

/** The list's length, and how many candidates are fetched to fill it after drafts and the page's own article are left out. */
export const mostReadLength = 10;
const candidates = 50;

/** Seconds a list is served before it is read again; pages (revalidate = 30) take it in on their next regeneration. */
export const mostReadRevalidate = 30;
export const mostReadTag = 'most-read';

/**
 * The store's side of the list, shared by every page through Next's data cache:
 * one pair of queries per 30 seconds, however many pages regenerate. Slugs only:
 * whether an article is published is decided on every render, so an article
 * re-drafted a second ago is already gone even from a cached list.
 */
const readCandidates = unstable_cache(
  async (): Promise<{ day: ArticleViews[]; week: ArticleViews[] }> => {
    const store = getViewStore();
    const now = Date.now();
    const [day, week] = await Promise.all([store.top(now - dayMs, candidates), store.top(now - 7 * dayMs, candidates)]);
    return { day, week };
  },
  ['views-most-read-v1'],
  { revalidate: mostReadRevalidate, tags: [mostReadTag] },
);

/** «الأكثر قراءة» for a page: published articles only, never `exclude` (the article being read). */
export async function mostRead(exclude?: string): Promise<MostReadItem[]> {
  let lists: { day: ArticleViews[]; week: ArticleViews[] };
  try {
    lists = await readCandidates();
  } catch (error) {
    // Counts are a garnish: a store that cannot be read hides the list, never the page.
    console.error('[views] most-read list unavailable', error);
    return [];
  }
  const slugs = new Set([...lists.day, ...lists.week].map((entry) => entry.article));
  const published = new Map<string, string>();
  await Promise.all(
    [...slugs].map(async (slug) => {
      const article = slug === exclude ? undefined : await getPublishedArticle(slug);
      if (article) published.set(slug, article.title);
    }),
  );
  return rankMostRead(lists.day, lists.week, (slug) => published.has(slug), mostReadLength).map((entry) => ({
    slug: entry.article,
    href: paths.article(entry.article),
    title: published.get(entry.article)!,
    views: entry.views,
  }));
}
