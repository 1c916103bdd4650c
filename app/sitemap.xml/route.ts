import { sitemapContent } from '@/lib/content';
import { renderSitemapIndex, renderUrlset, sitemapEntries, urlsPerSitemap } from '@/lib/sitemap';
import { xmlResponse } from '@/lib/xml';

export const dynamic = 'force-static';
export const revalidate = 30;

/** One sitemap while it fits the protocol's 50,000 URLs; an index of /sitemaps/N.xml beyond that. */
export async function GET() {
  const entries = sitemapEntries(await sitemapContent());
  if (entries.length <= urlsPerSitemap) return xmlResponse(renderUrlset(entries));
  return xmlResponse(renderSitemapIndex(Math.ceil(entries.length / urlsPerSitemap), entries[0]?.lastmod));
}
