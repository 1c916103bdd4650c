import 'server-only';
import { getContentIndex } from '@/lib/content/live';
import { isPublished, normalizeText, type ArticleMeta, type ContentIndex } from '@/lib/content/load';
import { publishedIn } from '@/lib/content/published';
import type { Author, Category } from '@/lib/content/schema';
import { site } from '@/lib/site';

/*
 * The questions the proxy asks as well as the pages. They need no React, because the proxy runs
 * outside React's server renderer; pages reach them through lib/content/index.ts.
 */

export type ListFilter = { category: string } | { tag: string } | { author: string } | Record<string, never>;

export type ArticlePage = {
  items: ArticleMeta[];
  page: number;
  totalPages: number;
  total: number;
};

export type ListingKind = 'category' | 'tag' | 'author';

/** One page of a category, tag or author list, with what the list is of. */
export type ListingPage =
  | { kind: 'category'; category: Category; list: ArticlePage }
  | { kind: 'author'; author: Author; list: ArticlePage }
  | { kind: 'tag'; tag: string; list: ArticlePage };

/** Published articles, newest first; an unknown category, tag or author has none. */
export function publishedList(index: ContentIndex, filter: ListFilter, now: number): ArticleMeta[] {
  if ('category' in filter) return published(index, `category:${filter.category}`, index.byCategory.get(filter.category), now);
  if ('author' in filter) return published(index, `author:${filter.author}`, index.byAuthor.get(filter.author), now);
  if ('tag' in filter) {
    const tag = normalizeText(filter.tag);
    return published(index, `tag:${tag}`, index.byTag.get(tag), now);
  }
  return published(index, 'all', index.articles, now);
}

// Only lists the index has are remembered, so made-up tags in URLs cannot grow the memo.
function published(index: ContentIndex, key: string, all: ArticleMeta[] | undefined, now: number): ArticleMeta[] {
  return all ? publishedIn(index.publishedLists, key, all, now) : [];
}

function pageOf(items: ArticleMeta[], page: number, pageSize: number): ArticlePage | null {
  const totalPages = Math.max(1, Math.ceil(items.length / pageSize));
  if (!Number.isInteger(page) || page < 1 || page > totalPages) return null;
  return { items: items.slice((page - 1) * pageSize, page * pageSize), page, totalPages, total: items.length };
}

export async function latestArticles(limit: number, filter: ListFilter = {}): Promise<ArticleMeta[]> {
  return publishedList(await getContentIndex(), filter, Date.now()).slice(0, limit);
}

/**
 * Page `page` of a list; `null` when the list, or that page of it, does not exist. `key` is the
 * decoded URL segment (lib/routing.ts decodeParam).
 */
export async function listingPage(kind: ListingKind, key: string, page: number, pageSize: number = site.pageSize): Promise<ListingPage | null> {
  const index = await getContentIndex();
  const now = Date.now();
  if (kind === 'category') {
    const category = index.categoryBySlug.get(key);
    const list = category && pageOf(publishedList(index, { category: key }, now), page, pageSize);
    return category && list ? { kind, category, list } : null;
  }
  if (kind === 'author') {
    const author = index.authorBySlug.get(key);
    const list = author && pageOf(publishedList(index, { author: key }, now), page, pageSize);
    return author && list ? { kind, author, list } : null;
  }
  const tag = normalizeText(key);
  const list = pageOf(publishedList(index, { tag }, now), page, pageSize);
  // A tag exists only while it has published articles.
  return list && list.total > 0 ? { kind, tag, list } : null;
}

/** The article a reader may see at /articles/<slug>; with `preview`, drafts and scheduled ones too. */
export async function readableArticle(slug: string, { preview = false, fresh = false } = {}): Promise<ArticleMeta | undefined> {
  const article = (await getContentIndex({ fresh })).bySlug.get(slug);
  return article && (preview || isPublished(article)) ? article : undefined;
}

// Which articles use each picture, worked out once per content index (a new index is a new key).
const imageUsers = new WeakMap<object, Map<string, ArticleMeta[]>>();

/**
 * The unpublished articles a picture under public/ is embargoed for, or `null` when readers may see
 * it: a picture is held back while every article that shows it is a draft or scheduled, and is
 * public as soon as one of them is published, or when no article names it at all.
 */
export async function imageEmbargo(src: string, now = Date.now()): Promise<ArticleMeta[] | null> {
  const index = await getContentIndex();
  let users = imageUsers.get(index);
  if (!users) {
    users = new Map();
    for (const article of index.articles) {
      if (!article.image) continue;
      const list = users.get(article.image.src);
      if (list) list.push(article);
      else users.set(article.image.src, [article]);
    }
    imageUsers.set(index, users);
  }
  const articles = users.get(src);
  if (!articles || articles.some((a) => isPublished(a, now))) return null;
  return articles;
}
