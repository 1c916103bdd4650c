import type { Metadata } from 'next';
import { notFound, permanentRedirect } from 'next/navigation';
import { ArticleListPage } from '@/components/article-list-page';
import { getContentIndex } from '@/lib/content';
import { loadListing, parsePageParam, type ListingKind } from '@/lib/listings';

type Props = { kind: ListingKind; keyParam: string; pageParam?: string };

async function resolve({ kind, keyParam, pageParam }: Props) {
  const page = parsePageParam(pageParam);
  if (page === null) notFound();
  const listing = await loadListing(kind, keyParam, page);
  if (!listing) notFound();
  // /page/1 would be a second URL for the first page.
  if (pageParam === '1') permanentRedirect(listing.hrefFor(1));
  return listing;
}

/** Category, tag and author pages share one route body. */
export async function ListingRoute(props: Props) {
  const listing = await resolve(props);
  const index = await getContentIndex();
  return (
    <ArticleListPage
      kicker={listing.kicker}
      title={listing.title}
      description={listing.description}
      list={listing.list}
      categories={index.categoryBySlug}
      hrefFor={listing.hrefFor}
      showCategory={listing.kind !== 'category'}
    />
  );
}

export async function listingMetadata(props: Props): Promise<Metadata> {
  const listing = await resolve(props);
  const suffix = listing.list.page > 1 ? ` - الصفحة ${listing.list.page}` : '';
  return {
    title: `${listing.kicker ? `${listing.kicker}: ` : ''}${listing.title}${suffix}`,
    description: listing.description ?? `أحدث المقالات في «${listing.title}» على خبر.`,
    alternates: { canonical: listing.hrefFor(listing.list.page) },
  };
}
