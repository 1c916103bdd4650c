/**
 * Facts about the site that every page, feed and script shares. Absolute
 * URLs are always built from `site.url` so canonical links, sitemaps and
 * structured data can never disagree.
 */
function readSiteUrl(): string {
  const raw = process.env.SITE_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
  try {
    const url = new URL(raw);
    return url.origin;
  } catch {
    throw new Error(`SITE_URL: expected an absolute URL such as https://khabar.example, got "${raw}"`);
  }
}

function readTimeZone(): string {
  const zone = process.env.SITE_TIME_ZONE ?? 'Asia/Riyadh';
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    throw new Error(`SITE_TIME_ZONE: expected an IANA time zone such as Asia/Riyadh, got "${zone}"`);
  }
}

export const site = {
  name: 'خبر',
  latinName: 'Khabar',
  tagline: 'أخبار العالم العربي والعالم، بدقة ووضوح',
  description: 'خبر: موقع إخباري عربي يغطي أخبار العالم والشرق الأوسط والاقتصاد والتكنولوجيا والرياضة والثقافة.',
  locale: 'ar',
  openGraphLocale: 'ar_AR',
  dir: 'rtl',
  url: readSiteUrl(),
  timeZone: readTimeZone(),
  /** Articles per page on category, tag and author lists. */
  pageSize: 12,
  /** Articles prerendered at build time; older ones render on first request. */
  prerenderRecent: 60,
} as const;

export function absoluteUrl(path: string): string {
  return new URL(path, site.url).toString();
}

export const paths = {
  home: () => '/',
  article: (slug: string) => `/articles/${slug}`,
  category: (slug: string, page = 1) => (page > 1 ? `/categories/${slug}/page/${page}` : `/categories/${slug}`),
  tag: (tag: string, page = 1) =>
    page > 1 ? `/tags/${encodeURIComponent(tag)}/page/${page}` : `/tags/${encodeURIComponent(tag)}`,
  author: (slug: string, page = 1) => (page > 1 ? `/authors/${slug}/page/${page}` : `/authors/${slug}`),
};
