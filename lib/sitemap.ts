import { isPublished, type ArticleMeta, type ContentIndex } from '@/lib/content/load';
import { absoluteUrl, paths } from '@/lib/site';
import { xmlText } from '@/lib/xml';

export type SitemapEntry = { loc: string; lastmod?: string };

/** The protocol's limit per file; an index of child sitemaps takes over beyond it. */
export const urlsPerSitemap = 50_000;

const iso = (ms: number) => new Date(ms).toISOString();

/** Every public page: home, categories, tags, authors and published articles, with lastmod. */
export function sitemapEntries(index: ContentIndex, now: number): SitemapEntry[] {
  const visible = (list: ArticleMeta[]) => list.filter((a) => isPublished(a, now));
  const published = visible(index.articles);
  const newest = (list: ArticleMeta[]) => list[0] && iso(Math.max(list[0].updatedAt ?? 0, list[0].publishedAt));
  const entries: SitemapEntry[] = [{ loc: absoluteUrl('/'), lastmod: newest(published) }];
  for (const category of index.categories) {
    const list = visible(index.byCategory.get(category.slug) ?? []);
    entries.push({ loc: absoluteUrl(paths.category(category.slug)), lastmod: newest(list) });
  }
  for (const [tag, all] of index.byTag) {
    const list = visible(all);
    if (list.length) entries.push({ loc: absoluteUrl(paths.tag(tag)), lastmod: newest(list) });
  }
  for (const author of index.authors) {
    const list = visible(index.byAuthor.get(author.slug) ?? []);
    if (list.length) entries.push({ loc: absoluteUrl(paths.author(author.slug)), lastmod: newest(list) });
  }
  for (const article of published) {
    entries.push({ loc: absoluteUrl(paths.article(article.slug)), lastmod: iso(article.updatedAt ?? article.publishedAt) });
  }
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
