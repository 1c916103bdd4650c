import 'server-only';
import { readFile } from 'node:fs/promises';
import { cache } from 'react';
import { bodyOf } from '@/lib/content/front-matter';
import { followContentIndex, getContentIndex } from '@/lib/content/live';
import { breakingArticle } from '@/lib/content/live-queries';
import type { ArchiveChange } from '@/lib/content/archive';
import type { ArticleMeta, ContentIndex } from '@/lib/content/load';
import { markdownToText, renderMarkdown, renderMarkdownLite } from '@/lib/content/markdown';
import { ContentError, type ContentProblem } from '@/lib/content/problems';
import { latestArticles, readableArticle, type ListFilter } from '@/lib/content/queries';
import type { Author, Category } from '@/lib/content/schema';
import { readingMinutes } from '@/lib/format';
import { settings } from '@/lib/settings.mjs';

/*
 * What pages, route handlers and the rest of lib/ ask of the content, by name. The index itself
 * (getContentIndex, ContentIndex) stays inside lib/content/; eslint.config.mjs enforces it.
 */

export { isPublished } from '@/lib/content/load';
export {
  latestArticles,
  listingPage,
  type ArticlePage,
  type ListFilter,
  type ListingKind,
  type ListingPage,
} from '@/lib/content/queries';
export { articlesForNewsSitemap, sitemapContent, type SitemapContent } from '@/lib/content/sitemap-content';
export { liveCoverageOf as liveCoverage, liveUpdates, type LiveCoverage, type LiveUpdatesResult } from '@/lib/content/live-queries';
export type { ArticleMeta } from '@/lib/content/load';
export type { ArchiveChange } from '@/lib/content/archive';
export type { Author, Category } from '@/lib/content/schema';

/** An article with its category, for cards that show the category above the headline. */
export type ArticleEntry = { article: ArticleMeta; category?: Category };

/**
 * What the search index follows: the archive's change feed. Every article written or removed
 * takes the next version; an index that remembers the last version it took in asks only for the
 * changes after it (a restart over an unchanged archive asks for nothing).
 */
export type ChangeFeed = {
  /** Identifies the archive: versions of another one mean nothing. */
  readonly id: string;
  changesSince(version: number, limit: number): ArchiveChange[];
  pendingSince(version: number): number;
  /** Valid articles, drafts included. */
  size(): number;
};

const isDev = settings().development;

/** Categories in navigation order (categories.json). */
export const getCategories = cache(async (): Promise<Category[]> => (await getContentIndex()).categories);

export const getCategory = cache(async (slug: string) => (await getContentIndex()).categoryBySlug.get(slug));

export const getAuthor = cache(async (slug: string) => (await getContentIndex()).authorBySlug.get(slug));

/** A published article by slug; `undefined` for unknown, draft and scheduled ones alike. */
export const getPublishedArticle = cache(async (slug: string): Promise<ArticleMeta | undefined> => {
  return (await readableArticle(slug)) ?? explainMissing(slug);
});

/** Any valid article, drafts and scheduled ones included, read fresh from disk: for previews only. */
export const getArticleForPreview = cache(async (slug: string): Promise<ArticleMeta | undefined> => {
  return (await readableArticle(slug, { preview: true, fresh: true })) ?? explainMissing(slug);
});

// In development the editor sees why the file is not served instead of a bare 404.
async function explainMissing(slug: string): Promise<undefined> {
  const problems = isDev ? (await getContentIndex()).archive.problemsOf(slug) : undefined;
  if (problems?.length) throw new ContentError(problems);
  return undefined;
}

export async function withCategories(articles: ArticleMeta[]): Promise<ArticleEntry[]> {
  const { categoryBySlug } = await getContentIndex();
  return articles.map((article) => ({ article, category: categoryBySlug.get(article.category) }));
}

export type FrontPage = {
  lead?: ArticleEntry;
  latest: ArticleEntry[];
  /** Each category's newest four, in navigation order; categories with nothing published are left out. */
  sections: { category: Category; articles: ArticleMeta[] }[];
};

export async function frontPage(): Promise<FrontPage> {
  const { archive, categories } = await getContentIndex();
  const now = Date.now();
  const [lead, ...latest] = await withCategories(archive.list({}, now, 0, 7));
  const sections = categories
    .map((category) => ({ category, articles: archive.list({ category: category.slug }, now, 0, 4) }))
    .filter((section) => section.articles.length);
  return { lead, latest, sections };
}

/** The latest published articles of a feed, with their author and category. */
export async function feedArticles(limit: number, filter: ListFilter = {}): Promise<{ article: ArticleMeta; author?: Author; category?: Category }[]> {
  const { authorBySlug, categoryBySlug } = await getContentIndex();
  return (await latestArticles(limit, filter)).map((article) => ({
    article,
    author: authorBySlug.get(article.author),
    category: categoryBySlug.get(article.category),
  }));
}

/** Headlines by slug, drafts and scheduled articles included (comments name their article by slug). */
export async function articleTitles(slugs: Iterable<string>): Promise<Map<string, string>> {
  const { archive } = await getContentIndex();
  const titles = new Map<string, string>();
  for (const slug of slugs) {
    const title = archive.article(slug)?.title;
    if (title !== undefined) titles.set(slug, title);
  }
  return titles;
}

/** What is not live yet: drafts, and scheduled articles soonest first. Read fresh, for the editors' desk. */
export async function listUnpublished(): Promise<{ drafts: ArticleMeta[]; scheduled: ArticleMeta[]; problems: ContentProblem[] }> {
  const index = await getContentIndex({ fresh: true });
  const waiting = index.archive.unpublished(Date.now());
  return {
    drafts: waiting.filter((a) => a.draft).sort((a, b) => b.publishedAt - a.publishedAt),
    scheduled: waiting.filter((a) => !a.draft),
    problems: index.problems,
  };
}

export type ContentCounts = { articles: number; problems: number };

/** Valid articles (drafts included) and problems in the index as it is: the health check. */
export async function contentHealth(): Promise<ContentCounts> {
  return countsOf(await getContentIndex());
}

/** Loads the index and starts its file watcher: instrumentation.ts, when the server starts. */
export async function warmContent(): Promise<ContentCounts> {
  return contentHealth();
}

/** Rescans CONTENT_DIR now and reports the same counts: the revalidation endpoint. */
export async function refreshContent(): Promise<ContentCounts> {
  return countsOf(await getContentIndex({ fresh: true }));
}

const countsOf = (index: ContentIndex): ContentCounts => ({ articles: index.size, problems: index.problems.length });

/** The change feed the search index follows, once the content has been scanned. */
export async function searchArchive(): Promise<ChangeFeed> {
  return (await getContentIndex()).archive;
}

/**
 * Calls `follower` with the feed now (once loaded) and after every change the watcher or a
 * rescan picks up, without waiting for a request: the search index is kept in step this way.
 */
export function followArchive(follower: (feed: ChangeFeed) => void): void {
  followContentIndex((index) => follower(index.archive));
}

export async function relatedArticles(article: ArticleMeta, limit = 6): Promise<ArticleMeta[]> {
  const { archive, categories } = await getContentIndex();
  return archive.related(article, Date.now(), limit, categories);
}

export type RenderedArticle = { html: string; readingMinutes: number };

export const renderArticle = cache(async (article: ArticleMeta): Promise<RenderedArticle> => {
  const body = bodyOf(await readFile(article.file, 'utf8'));
  return { html: renderMarkdown(body), readingMinutes: readingMinutes(markdownToText(body)) };
});

/** The article body for the lite edition: images as linked descriptions. */
export async function renderLiteArticle(article: ArticleMeta): Promise<string> {
  return renderMarkdownLite(bodyOf(await readFile(article.file, 'utf8')));
}

/** Slugs to prerender at build time: the newest published articles only. */
export async function recentArticleSlugs(limit: number): Promise<string[]> {
  return (await latestArticles(limit)).map((a) => a.slug);
}

/** What the «عاجل» banner shows now: the newest published breaking article not yet expired. */
export async function breakingNews(): Promise<{ slug: string; title: string } | undefined> {
  const article = await breakingArticle();
  return article && { slug: article.slug, title: article.title };
}
