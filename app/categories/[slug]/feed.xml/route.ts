import { getCategory } from '@/lib/content';
import { feedResponse } from '@/lib/feeds';
import { errorResponse } from '@/lib/api-response';
import { paths, site } from '@/lib/site';

export const revalidate = 30;

export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const category = await getCategory(slug);
  if (!category) return errorResponse({ status: 404, code: 'not_found', message: 'القسم غير موجود.' });
  return feedResponse({
    title: `${category.name} | ${site.name}`,
    path: paths.category(category.slug),
    selfPath: `${paths.category(category.slug)}/feed.xml`,
    description: category.description,
    filter: { category: category.slug },
  });
}
