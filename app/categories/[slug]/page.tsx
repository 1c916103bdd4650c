import { listingRoute } from '@/app/_lists/listing-route';

const route = listingRoute('category', 'slug');

export const revalidate = 30;
export const generateStaticParams = route.generateStaticParams;
export const generateMetadata = route.generateMetadata;
export default route.Page;
