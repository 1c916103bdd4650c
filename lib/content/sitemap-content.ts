import 'server-only';
import { getContentIndex } from '@/lib/content/live';
import type { ArticleMeta, ContentIndex } from '@/lib/content/load';

/** Every public page's subject, with the newest published article that dates it. */
export type SitemapContent = {
  /** Published articles, newest first, with their last change (an archive's worth: no more than that is read). */
  articles: { slug: string; modifiedAt: number }[];
  /** Every category, in navigation order, including ones with nothing published yet. */
  categories: { slug: string; newest?: ArticleMeta }[];
  /** Tags and authors with at least one published article: the others have no page. */
  tags: { tag: string; newest: ArticleMeta }[];
  authors: { slug: string; newest: ArticleMeta }[];
};

export function sitemapContentOf({ archive, authors, categories }: ContentIndex, now: number): SitemapContent {
  const newest = (filter: Parameters<typeof archive.list>[0]) => archive.list(filter, now, 0, 1)[0];
  const withArticles: SitemapContent['authors'] = [];
  for (const { slug } of authors) {
    const article = newest({ author: slug });
    if (article) withArticles.push({ slug, newest: article });
  }
  return {
    articles: archive.sitemapRows(now),
    categories: categories.map(({ slug }) => ({ slug, newest: newest({ category: slug }) })),
    tags: archive.tagsWithNewest(now),
    authors: withArticles,
  };
}

export async function sitemapContent(): Promise<SitemapContent> {
  return sitemapContentOf(await getContentIndex(), Date.now());
}

/** Published articles, newest first, published at or after `since` (Google News takes two days). */
export async function articlesForNewsSitemap(since: number): Promise<ArticleMeta[]> {
  const { archive } = await getContentIndex();
  const now = Date.now();
  // Newest first: read a page at a time until one reaches past `since`.
  const found: ArticleMeta[] = [];
  for (let offset = 0; ; offset += 200) {
    const page = archive.list({}, now, offset, 200);
    const end = page.findIndex((article) => article.publishedAt < since);
    found.push(...(end === -1 ? page : page.slice(0, end)));
    if (end !== -1 || page.length < 200) return found;
  }
}
