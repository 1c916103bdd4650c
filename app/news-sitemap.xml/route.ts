import { articlesForNewsSitemap } from '@/lib/content';
import { absoluteUrl, paths, site } from '@/lib/site';
import { xmlResponse, xmlText } from '@/lib/xml';

export const dynamic = 'force-static';
export const revalidate = 30;

/** Google News: articles published in the last 48 hours. */
export async function GET() {
  const recent = await articlesForNewsSitemap(Date.now() - 48 * 3600_000);
  const urls = recent
    .map(
      (a) =>
        `<url><loc>${xmlText(absoluteUrl(paths.article(a.slug)))}</loc><news:news><news:publication><news:name>${xmlText(site.name)}</news:name><news:language>ar</news:language></news:publication><news:publication_date>${new Date(a.publishedAt).toISOString()}</news:publication_date><news:title>${xmlText(a.title)}</news:title></news:news></url>`,
    )
    .join('\n');
  return xmlResponse(
    `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n${urls}\n</urlset>\n`,
  );
}
