import type { Metadata } from 'next';
import { ListingRoute, listingMetadata } from '@/components/listing-route';

type Props = { params: Promise<{ tag: string }> };

// Regenerated at most once a minute so new articles appear without a rebuild.
export const revalidate = 60;

export function generateStaticParams(): { tag: string }[] {
  return [];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { tag } = await params;
  return listingMetadata({ kind: 'tag', keyParam: tag });
}

export default async function Page({ params }: Props) {
  const { tag } = await params;
  return <ListingRoute kind="tag" keyParam={tag} />;
}
