import type { Metadata } from 'next';
import type { BreadcrumbList, LiveBlogPosting, NewsArticle, WebSite, WithContext } from 'schema-dts';
import type { ArticleMeta, Author, Category, LiveCoverage } from '@/lib/content';
import { lastModified } from '@/lib/content/corrections';
import { absoluteUrl, paths, site } from '@/lib/site';

/**
 * Every page's metadata and structured data, built from `site` so canonical
 * links, Open Graph and JSON-LD always agree with the sitemap and feeds.
 */
const feedAlternate = { 'application/rss+xml': [{ url: paths.feed(), title: site.name }] };

export function pageMetadata(options: { title?: string; description: string; path: string; rss?: { url: string; title: string } }): Metadata {
  return {
    ...(options.title ? { title: options.title } : {}),
    description: options.description,
    alternates: {
      canonical: options.path,
      types: options.rss ? { 'application/rss+xml': [options.rss] } : feedAlternate,
    },
    openGraph: {
      type: 'website',
      siteName: site.name,
      locale: site.openGraphLocale,
      url: options.path,
      title: options.title ?? site.name,
      description: options.description,
    },
    twitter: { card: 'summary', title: options.title ?? site.name, description: options.description },
  };
}

export function articleMetadata(article: ArticleMeta, category?: Category, author?: Author): Metadata {
  const url = paths.article(article.slug);
  return {
    title: article.title,
    description: article.description,
    alternates: { canonical: url, types: feedAlternate },
    openGraph: {
      type: 'article',
      siteName: site.name,
      locale: site.openGraphLocale,
      url,
      title: article.title,
      description: article.description,
      publishedTime: new Date(article.publishedAt).toISOString(),
      modifiedTime: new Date(lastModified(article).at).toISOString(),
      ...(category ? { section: category.name } : {}),
      ...(author ? { authors: [absoluteUrl(paths.author(author.slug))] } : {}),
      tags: article.tags,
      // og:image (with its size) comes from app/articles/[slug]/opengraph-image.ts.
    },
    twitter: { card: 'summary_large_image', title: article.title, description: article.description },
  };
}

export function articleJsonLd(
  article: ArticleMeta,
  category?: Category,
  author?: Author,
  live?: LiveCoverage | null,
): [WithContext<NewsArticle> | WithContext<LiveBlogPosting>, WithContext<BreadcrumbList>] {
  const url = absoluteUrl(paths.article(article.slug));
  const news: WithContext<NewsArticle> = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: article.title,
    description: article.description,
    // The dates keep the offset the editor wrote.
    datePublished: article.date,
    // A correction is a change to the article: search engines should see its date.
    dateModified: lastModified(article).iso,
    inLanguage: 'ar',
    mainEntityOfPage: { '@type': 'WebPage', '@id': url },
    url,
    ...(article.image ? { image: [absoluteUrl(article.image.src)] } : {}),
    ...(category ? { articleSection: category.name } : {}),
    ...(article.tags.length ? { keywords: article.tags.join('، ') } : {}),
    ...(author ? { author: { '@type': 'Person', name: author.name, url: absoluteUrl(paths.author(author.slug)) } } : {}),
    publisher: {
      '@type': 'NewsMediaOrganization',
      name: site.name,
      url: absoluteUrl('/'),
      logo: { '@type': 'ImageObject', url: absoluteUrl('/icon.svg') },
    },
  };
  const breadcrumbs: WithContext<BreadcrumbList> = {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: [
      { '@type': 'ListItem', position: 1, name: 'الرئيسية', item: absoluteUrl('/') },
      ...(category ? [{ '@type': 'ListItem' as const, position: 2, name: category.name, item: absoluteUrl(paths.category(category.slug)) }] : []),
      { '@type': 'ListItem', position: category ? 3 : 2, name: article.title, item: url },
    ],
  };
  return [live ? liveBlogPosting(news, article, live) : news, breadcrumbs];
}

/** A live page is a LiveBlogPosting: the article's fields, the coverage's span and its latest 50 entries. */
function liveBlogPosting(news: WithContext<NewsArticle>, article: ArticleMeta, live: LiveCoverage): WithContext<LiveBlogPosting> {
  const newest = live.updates[0]?.time;
  return {
    ...news,
    '@type': 'LiveBlogPosting',
    coverageStartTime: article.date,
    ...(live.ended && article.live?.ended ? { coverageEndTime: article.live.ended } : {}),
    // The page changes with every entry, and the latest is what it was last modified by.
    ...(newest && Date.parse(newest) > Date.parse(String(news.dateModified)) ? { dateModified: newest } : {}),
    liveBlogUpdate: live.updates.map((update) => ({
      '@type': 'BlogPosting' as const,
      headline: update.title ?? (update.text.length > 110 ? `${update.text.slice(0, 109)}…` : update.text),
      datePublished: update.time,
      articleBody: update.text,
      url: update.url,
      inLanguage: 'ar',
    })),
  };
}

export function websiteJsonLd(): WithContext<WebSite> {
  return {
    '@context': 'https://schema.org',
    '@type': 'WebSite',
    name: site.name,
    url: absoluteUrl('/'),
    inLanguage: 'ar',
    potentialAction: {
      '@type': 'SearchAction',
      target: `${absoluteUrl('/search')}?q={search_term_string}`,
      // schema.org's convention for the placeholder; schema-dts has no field for it.
      ...({ 'query-input': 'required name=search_term_string' } as object),
    },
  };
}

/** JSON for a <script type="application/ld+json">: "<" is escaped so no text can close the script. */
export function jsonLdScript(data: unknown): string {
  return JSON.stringify(data).replace(/</g, '\\u003c');
}
