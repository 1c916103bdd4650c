import 'server-only';
import { readFile } from 'node:fs/promises';
import { cache } from 'react';
import { bodyOf } from '@/lib/content/front-matter';
import { getContentIndex, isPublished, listFor, type ListFilter } from '@/lib/content/live';
import type { ArticleMeta, ContentIndex } from '@/lib/content/load';
import { markdownToText, renderMarkdown } from '@/lib/content/markdown';
import { ContentError } from '@/lib/content/problems';
import { rankRelated } from '@/lib/content/related';
import { readingMinutes } from '@/lib/format';
import { settings } from '@/lib/settings.mjs';

export { contentDir, getContentIndex, isPublished, listArticles, type ArticlePage, type ListFilter } from '@/lib/content/live';
export type { ArticleMeta, ContentIndex } from '@/lib/content/load';
export type { Author, Category } from '@/lib/content/schema';

const isDev = settings().development;

export const getCategories = cache(async () => (await getContentIndex()).categories);

export const getCategory = cache(async (slug: string) => (await getContentIndex()).categoryBySlug.get(slug));

export const getAuthor = cache(async (slug: string) => (await getContentIndex()).authorBySlug.get(slug));

/** A published article by slug; `undefined` for unknown, draft and scheduled ones alike. */
export const getPublishedArticle = cache(async (slug: string): Promise<ArticleMeta | undefined> => {
  const index = await getContentIndex();
  const article = index.bySlug.get(slug);
  if (article && isPublished(article)) return article;
  const problems = index.invalid.get(slug);
  // In development the editor sees why the file is not served instead of a bare 404.
  if (isDev && problems?.length) throw new ContentError(problems);
  return undefined;
});

/** Any valid article, drafts and scheduled ones included, read fresh from disk: for previews only. */
export const getArticleForPreview = cache(async (slug: string): Promise<ArticleMeta | undefined> => {
  const index = await getContentIndex({ fresh: true });
  const article = index.bySlug.get(slug);
  if (!article && isDev && index.invalid.get(slug)?.length) throw new ContentError(index.invalid.get(slug)!);
  return article;
});

/** What is not live yet: drafts, and scheduled articles soonest first. Read fresh, for the editors' desk. */
export async function listUnpublished(): Promise<{ drafts: ArticleMeta[]; scheduled: ArticleMeta[]; index: ContentIndex }> {
  const index = await getContentIndex({ fresh: true });
  const now = Date.now();
  const waiting = index.articles.filter((a) => !isPublished(a, now));
  return {
    drafts: waiting.filter((a) => a.draft),
    scheduled: waiting.filter((a) => !a.draft).sort((a, b) => a.publishedAt - b.publishedAt),
    index,
  };
}

export async function latestArticles(limit: number, filter: ListFilter = {}): Promise<ArticleMeta[]> {
  const now = Date.now();
  const result: ArticleMeta[] = [];
  for (const article of listFor(await getContentIndex(), filter)) {
    if (result.length >= limit) break;
    if (isPublished(article, now)) result.push(article);
  }
  return result;
}

export async function relatedArticles(article: ArticleMeta, limit = 6): Promise<ArticleMeta[]> {
  return rankRelated(await getContentIndex(), article, Date.now(), limit);
}

export type RenderedArticle = { html: string; readingMinutes: number };

export const renderArticle = cache(async (article: ArticleMeta): Promise<RenderedArticle> => {
  const body = bodyOf(await readFile(article.file, 'utf8'));
  return { html: renderMarkdown(body), readingMinutes: readingMinutes(markdownToText(body)) };
});

/** Slugs to prerender at build time: the newest published articles only. */
export async function recentArticleSlugs(limit: number): Promise<string[]> {
  return (await latestArticles(limit)).map((a) => a.slug);
}
