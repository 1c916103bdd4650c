import { listingRoute } from '@/app/_lists/listing-route';

const route = listingRoute('tag', 'tag');

// 30 s in a shared cache and 30 s more stale: live within a minute through a CDN (see publicCacheControl in lib/site.ts).
export const revalidate = 30;
export const generateStaticParams = route.generateStaticParams;
export const generateMetadata = route.generateMetadata;
export default route.Page;
