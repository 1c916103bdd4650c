import { settings } from '@/lib/settings.mjs';

/**
 * Facts about the site that every page, feed and script shares. Absolute
 * URLs are always built from `site.url` so canonical links, sitemaps and
 * structured data can never disagree.
 */
export const site = {
  name: 'خبر',
  latinName: 'Khabar',
  tagline: 'أخبار العالم العربي والعالم، بدقة ووضوح',
  description: 'خبر: موقع إخباري عربي يغطي أخبار العالم والشرق الأوسط والاقتصاد والتكنولوجيا والرياضة والثقافة.',
  locale: 'ar',
  openGraphLocale: 'ar_AR',
  dir: 'rtl',
  /** The origin every absolute URL is built from (SITE_URL). */
  url: settings().siteUrl,
  timeZone: settings().timeZone,
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
  lite: () => '/lite',
  liteArticle: (slug: string) => `/lite/articles/${slug}`,
  feed: () => '/feed.xml',
};

/**
 * What published pages, feeds and sitemaps tell shared caches (a CDN, nginx):
 * fresh for 30 s, then served stale for at most 30 s more while the cache
 * fetches the new copy, so an edit is live through a cache within a minute.
 *
 * The convention behind every `export const revalidate = 30` in app/: each
 * public page, feed and sitemap route is regenerated after 30 s. It is written
 * out as a literal in each route because Next reads route segment config
 * without running the module; lib/site.test.ts keeps them all equal to the
 * s-maxage here. Pages get this header from Next itself (`expireTime: 60` in
 * next.config.js; stale-while-revalidate is expireTime - revalidate); the
 * feed and sitemap handlers send it themselves (lib/xml.ts). Next's own copy
 * is refreshed at once when a content file changes, so the cache's minute is
 * all the delay there is. Previews, editor pages and 404s are
 * `private, no-store` (Next's default for dynamic and not-found responses).
 */
export const publicCacheControl = 'public, s-maxage=30, stale-while-revalidate=30';
