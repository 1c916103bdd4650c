import { listingRoute } from '@/components/listing-route';

const route = listingRoute('category', 'slug');

// Regenerated at most once a minute so new articles appear without a rebuild.
export const revalidate = 60;
export const generateStaticParams = route.generateStaticParams;
export const generateMetadata = route.generateMetadata;
export default route.Page;
