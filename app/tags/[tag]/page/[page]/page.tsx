import type { Metadata } from 'next';
import { ListingRoute, listingMetadata } from '@/components/listing-route';

type Props = { params: Promise<{ tag: string; page: string }> };

export const revalidate = 60;

export function generateStaticParams(): { tag: string; page: string }[] {
  return [];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { tag, page } = await params;
  return listingMetadata({ kind: 'tag', keyParam: tag, pageParam: page });
}

export default async function Page({ params }: Props) {
  const { tag, page } = await params;
  return <ListingRoute kind="tag" keyParam={tag} pageParam={page} />;
}
