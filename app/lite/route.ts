import { frontPage } from '@/lib/content';
import { escapeHtml, liteDocument, liteList, liteResponse } from '@/lib/lite/html';
import { paths, site } from '@/lib/site';

export const dynamic = 'force-static';
export const revalidate = 30;

/** The lite home page: the latest stories, then each category's newest, every link to a lite article. */
export async function GET() {
  const { lead, latest, sections } = await frontPage();
  const top = [...(lead ? [lead] : []), ...latest].map(({ article }) => article);
  const body = [
    `<h1>${escapeHtml(site.name)}: آخر الأخبار</h1>`,
    liteList(top),
    ...sections.map(({ category, articles }) => `<h2>${escapeHtml(category.name)}</h2>${liteList(articles)}`),
  ].join('\n');
  return liteResponse(liteDocument({ title: `${site.name} | نسخة خفيفة`, description: site.description, canonicalPath: paths.home(), body }));
}
