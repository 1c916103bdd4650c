import type { Metadata } from 'next';
import { ListingRoute, listingMetadata } from '@/components/listing-route';

type Props = { params: Promise<{ slug: string; page: string }> };

export const revalidate = 60;

export function generateStaticParams(): { slug: string; page: string }[] {
  return [];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug, page } = await params;
  return listingMetadata({ kind: 'category', keyParam: slug, pageParam: page });
}

export default async function Page({ params }: Props) {
  const { slug, page } = await params;
  return <ListingRoute kind="category" keyParam={slug} pageParam={page} />;
}
