import 'server-only';
import { cache } from 'react';
import { getAuthor, getCategory, listArticles, type ArticlePage, type ListFilter } from '@/lib/content';
import { decodeParam } from '@/lib/routing';
import { paths } from '@/lib/site';

export { decodeParam, parsePageParam } from '@/lib/routing';

export type ListingKind = 'category' | 'tag' | 'author';

export type Listing = {
  kind: ListingKind;
  kicker?: string;
  title: string;
  description?: string;
  list: ArticlePage;
  /** URL of page n of this listing; page 1 has no /page/1 suffix. */
  hrefFor: (page: number) => string;
};

/** A category, tag or author page, or `null` when it (or that page of it) does not exist. */
export const loadListing = cache(async (kind: ListingKind, rawKey: string, page: number): Promise<Listing | null> => {
  if (kind === 'category') {
    const category = await getCategory(rawKey);
    if (!category) return null;
    const list = await listArticles({ category: category.slug }, page);
    return list && { kind, title: category.name, description: category.description, list, hrefFor: (n) => paths.category(category.slug, n) };
  }
  if (kind === 'author') {
    const author = await getAuthor(rawKey);
    if (!author) return null;
    const list = await listArticles({ author: author.slug }, page);
    return list && { kind, kicker: 'الكاتب', title: author.name, description: author.bio, list, hrefFor: (n) => paths.author(author.slug, n) };
  }
  const tag = decodeParam(rawKey);
  const filter: ListFilter = { tag };
  const list = await listArticles(filter, page);
  // A tag exists only while it has published articles.
  if (!list || list.total === 0) return null;
  return { kind, kicker: 'وسم', title: tag, list, hrefFor: (n) => paths.tag(tag, n) };
});
