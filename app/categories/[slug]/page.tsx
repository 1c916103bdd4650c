import type { Metadata } from 'next';
import { ListingRoute, listingMetadata } from '@/components/listing-route';

type Props = { params: Promise<{ slug: string }> };

// Regenerated at most once a minute so new articles appear without a rebuild.
export const revalidate = 60;

export function generateStaticParams(): { slug: string }[] {
  return [];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  return listingMetadata({ kind: 'category', keyParam: slug });
}

export default async function Page({ params }: Props) {
  const { slug } = await params;
  return <ListingRoute kind="category" keyParam={slug} />;
}
