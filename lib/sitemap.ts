import type { ArticleMeta, SitemapContent } from '@/lib/content';
import { lastModified } from '@/lib/content/corrections';
import { absoluteUrl, paths } from '@/lib/site';
import { xmlText } from '@/lib/xml';

export type SitemapEntry = { loc: string; lastmod?: string };

/** The protocol's limit per file; an index of child sitemaps takes over beyond it. */
export const urlsPerSitemap = 50_000;

const iso = (ms: number) => new Date(ms).toISOString();
const lastmodOf = (newest: ArticleMeta | undefined) => newest && iso(lastModified(newest).at);

/** Every public page: home, categories, tags, authors and published articles, with lastmod. */
export function sitemapEntries(content: SitemapContent): SitemapEntry[] {
  const newest = content.articles[0];
  const entries: SitemapEntry[] = [{ loc: absoluteUrl('/'), lastmod: newest && iso(newest.modifiedAt) }];
  for (const { slug, newest } of content.categories) entries.push({ loc: absoluteUrl(paths.category(slug)), lastmod: lastmodOf(newest) });
  for (const { tag, newest } of content.tags) entries.push({ loc: absoluteUrl(paths.tag(tag)), lastmod: lastmodOf(newest) });
  for (const { slug, newest } of content.authors) entries.push({ loc: absoluteUrl(paths.author(slug)), lastmod: lastmodOf(newest) });
  for (const { slug, modifiedAt } of content.articles) entries.push({ loc: absoluteUrl(paths.article(slug)), lastmod: iso(modifiedAt) });
  return entries;
}

export function renderUrlset(entries: SitemapEntry[]): string {
  const urls = entries
    .map((e) => `<url><loc>${xmlText(e.loc)}</loc>${e.lastmod ? `<lastmod>${e.lastmod}</lastmod>` : ''}</url>`)
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls}\n</urlset>\n`;
}

export function renderSitemapIndex(count: number, lastmod?: string): string {
  const items = Array.from(
    { length: count },
    (_, i) => `<sitemap><loc>${xmlText(absoluteUrl(`/sitemaps/${i + 1}.xml`))}</loc>${lastmod ? `<lastmod>${lastmod}</lastmod>` : ''}</sitemap>`,
  ).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${items}\n</sitemapindex>\n`;
}

/** One file when everything fits; otherwise the index, and child n holds the n-th slice. */
export function sitemapPart(entries: SitemapEntry[], part: number, perFile = urlsPerSitemap): SitemapEntry[] | null {
  const count = Math.ceil(entries.length / perFile);
  if (!Number.isInteger(part) || part < 1 || part > count) return null;
  return entries.slice((part - 1) * perFile, part * perFile);
}
