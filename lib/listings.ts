import 'server-only';
import { cache } from 'react';
import { listingPage, withCategories, type ArticleEntry, type ArticlePage, type ListingKind } from '@/lib/content';
import { decodeParam } from '@/lib/routing';
import { paths } from '@/lib/site';

export { decodeParam, parsePageParam } from '@/lib/routing';
export type { ListingKind } from '@/lib/content';

export type Listing = {
  kind: ListingKind;
  kicker?: string;
  title: string;
  description?: string;
  list: ArticlePage;
  /** The page's articles; a category's own page does not repeat the category on each card. */
  entries: ArticleEntry[];
  /** URL of page n of this listing; page 1 has no /page/1 suffix. */
  hrefFor: (page: number) => string;
};

/**
 * A category, tag or author page, or `null` when it (or that page of it) does not exist. The
 * proxy asked lib/content the same question for this request; the answer is remembered on the
 * content index, so asking again here costs a look-up, not another pass over the list.
 */
export const loadListing = cache(async (kind: ListingKind, rawKey: string, page: number): Promise<Listing | null> => {
  const found = await listingPage(kind, decodeParam(rawKey), page);
  if (!found) return null;
  const { list } = found;
  if (found.kind === 'category') {
    const { category } = found;
    const entries = list.items.map((article) => ({ article }));
    return { kind, title: category.name, description: category.description, list, entries, hrefFor: (n) => paths.category(category.slug, n) };
  }
  const entries = await withCategories(list.items);
  if (found.kind === 'author') {
    const { author } = found;
    return { kind, kicker: 'الكاتب', title: author.name, description: author.bio, list, entries, hrefFor: (n) => paths.author(author.slug, n) };
  }
  const { tag } = found;
  return { kind, kicker: 'وسم', title: tag, list, entries, hrefFor: (n) => paths.tag(tag, n) };
});
