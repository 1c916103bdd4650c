import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ArticleListPage } from '@/components/article-list-page';
import { loadListing, parsePageParam, type ListingKind } from '@/lib/listings';
import { pageMetadata } from '@/lib/seo';
import { site } from '@/lib/site';

type Props = { kind: ListingKind; keyParam: string; pageParam?: string };

async function resolve({ kind, keyParam, pageParam }: Props) {
  const page = parsePageParam(pageParam);
  if (page === null) notFound();
  const listing = await loadListing(kind, keyParam, page);
  // proxy.ts has answered unknown lists and pages already (lib/routing.ts decideRoute says why).
  if (!listing) notFound();
  return listing;
}

/** Category, tag and author pages share one route body. */
export async function ListingRoute(props: Props) {
  const listing = await resolve(props);
  return (
    <ArticleListPage
      kicker={listing.kicker}
      title={listing.title}
      description={listing.description}
      list={listing.list}
      entries={listing.entries}
      hrefFor={listing.hrefFor}
    />
  );
}

export async function listingMetadata(props: Props): Promise<Metadata> {
  const listing = await resolve(props);
  const suffix = listing.list.page > 1 ? ` - الصفحة ${listing.list.page}` : '';
  const title = `${listing.kicker ? `${listing.kicker}: ` : ''}${listing.title}${suffix}`;
  // Pages 2+ are their own canonical: each lists different articles.
  return pageMetadata({
    title,
    description: listing.description ?? `أحدث المقالات في «${listing.title}» على ${site.name}.`,
    path: listing.hrefFor(listing.list.page),
    ...(listing.kind === 'category' ? { rss: { url: `${listing.hrefFor(1)}/feed.xml`, title: `${listing.title} | ${site.name}` } } : {}),
  });
}

type RouteParams = Promise<Record<string, string>>;

/**
 * The six category/tag/author routes (first page and /page/N) differ only in
 * the kind and the name of the key parameter; each route file re-exports this.
 */
export function listingRoute(kind: ListingKind, keyName: string) {
  const props = async (params: RouteParams): Promise<Props> => {
    const values = await params;
    return { kind, keyParam: values[keyName] ?? '', pageParam: values.page };
  };
  return {
    // Nothing is built ahead: lists render on first request and are then cached.
    generateStaticParams: (): Record<string, string>[] => [],
    generateMetadata: async ({ params }: { params: RouteParams }) => listingMetadata(await props(params)),
    Page: async function ListingPage({ params }: { params: RouteParams }) {
      return <ListingRoute {...await props(params)} />;
    },
  };
}
