import 'server-only';
import { getContentIndex } from '@/lib/content/live';
import type { ArticleMeta, ContentIndex } from '@/lib/content/load';
import { publishedList } from '@/lib/content/queries';

/** Every public page's subject, with the newest published article that dates it. */
export type SitemapContent = {
  /** Published articles, newest first. */
  articles: ArticleMeta[];
  /** Every category, in navigation order, including ones with nothing published yet. */
  categories: { slug: string; newest?: ArticleMeta }[];
  /** Tags and authors with at least one published article: the others have no page. */
  tags: { tag: string; newest: ArticleMeta }[];
  authors: { slug: string; newest: ArticleMeta }[];
};

export function sitemapContentOf(index: ContentIndex, now: number): SitemapContent {
  const tags: SitemapContent['tags'] = [];
  for (const tag of index.byTag.keys()) {
    const newest = publishedList(index, { tag }, now)[0];
    if (newest) tags.push({ tag, newest });
  }
  const authors: SitemapContent['authors'] = [];
  for (const { slug } of index.authors) {
    const newest = publishedList(index, { author: slug }, now)[0];
    if (newest) authors.push({ slug, newest });
  }
  return {
    articles: publishedList(index, {}, now),
    categories: index.categories.map(({ slug }) => ({ slug, newest: publishedList(index, { category: slug }, now)[0] })),
    tags,
    authors,
  };
}

export async function sitemapContent(): Promise<SitemapContent> {
  return sitemapContentOf(await getContentIndex(), Date.now());
}

/** Published articles, newest first, published at or after `since` (Google News takes two days). */
export async function articlesForNewsSitemap(since: number): Promise<ArticleMeta[]> {
  const published = publishedList(await getContentIndex(), {}, Date.now());
  const end = published.findIndex((article) => article.publishedAt < since);
  return end === -1 ? published : published.slice(0, end);
}
