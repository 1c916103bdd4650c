import type { Metadata } from 'next';
import type { BreadcrumbList, NewsArticle, WebSite, WithContext } from 'schema-dts';
import type { ArticleMeta, Author, Category } from '@/lib/content';
import { absoluteUrl, paths, site } from '@/lib/site';

/**
 * Every page's metadata and structured data, built from `site` so canonical
 * links, Open Graph and JSON-LD always agree with the sitemap and feeds.
 */
const feedAlternate = { 'application/rss+xml': [{ url: '/feed.xml', title: site.name }] };

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
      modifiedTime: new Date(article.updatedAt ?? article.publishedAt).toISOString(),
      ...(category ? { section: category.name } : {}),
      ...(author ? { authors: [absoluteUrl(paths.author(author.slug))] } : {}),
      tags: article.tags,
      // og:image (with its size) comes from app/articles/[slug]/opengraph-image.ts.
    },
    twitter: { card: 'summary_large_image', title: article.title, description: article.description },
  };
}

export function articleJsonLd(article: ArticleMeta, category?: Category, author?: Author): [WithContext<NewsArticle>, WithContext<BreadcrumbList>] {
  const url = absoluteUrl(paths.article(article.slug));
  const news: WithContext<NewsArticle> = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: article.title,
    description: article.description,
    // The dates keep the offset the editor wrote.
    datePublished: article.date,
    dateModified: article.updated ?? article.date,
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
  return [news, breadcrumbs];
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
