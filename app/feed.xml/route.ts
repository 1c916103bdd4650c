import { feedResponse } from '@/lib/feeds';
import { paths, site } from '@/lib/site';

export const dynamic = 'force-static';
export const revalidate = 30;

export function GET() {
  return feedResponse({ title: site.name, path: '/', selfPath: paths.feed(), description: site.description });
}
