import 'server-only';
import type { Archive, ListFilter } from '@/lib/content/archive';
import { getContentIndex } from '@/lib/content/live';
import { isPublished, normalizeText, type ArticleMeta } from '@/lib/content/load';
import type { Author, Category } from '@/lib/content/schema';
import { site } from '@/lib/site';

/*
 * The questions the proxy asks as well as the pages. They need no React, because the proxy runs
 * outside React's server renderer; pages reach them through lib/content/index.ts.
 */

export type { ListFilter } from '@/lib/content/archive';

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

// Tags are kept NFC-normalised; a URL's may not be.
const normalised = (filter: ListFilter): ListFilter => ('tag' in filter ? { tag: normalizeText(filter.tag) } : filter);

/** Page `page` of a list of `total` articles; `null` when there is no such page. */
function pageOf(archive: Archive, filter: ListFilter, page: number, pageSize: number, now: number): ArticlePage | null {
  const total = archive.count(filter, now);
  const totalPages = Math.max(1, Math.ceil(total / pageSize));
  if (!Number.isInteger(page) || page < 1 || page > totalPages) return null;
  return { items: archive.list(filter, now, (page - 1) * pageSize, pageSize), page, totalPages, total };
}

/** The newest `limit` published articles of a list; an unknown category, tag or author has none. */
export async function latestArticles(limit: number, filter: ListFilter = {}): Promise<ArticleMeta[]> {
  return (await getContentIndex()).archive.list(normalised(filter), Date.now(), 0, limit);
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
    const list = category && pageOf(index.archive, { category: key }, page, pageSize, now);
    return category && list ? { kind, category, list } : null;
  }
  if (kind === 'author') {
    const author = index.authorBySlug.get(key);
    const list = author && pageOf(index.archive, { author: key }, page, pageSize, now);
    return author && list ? { kind, author, list } : null;
  }
  const tag = normalizeText(key);
  const list = pageOf(index.archive, { tag }, page, pageSize, now);
  // A tag exists only while it has published articles.
  return list && list.total > 0 ? { kind, tag, list } : null;
}

/** The article a reader may see at /articles/<slug>; with `preview`, drafts and scheduled ones too. */
export async function readableArticle(slug: string, { preview = false, fresh = false } = {}): Promise<ArticleMeta | undefined> {
  const article = (await getContentIndex({ fresh })).archive.article(slug);
  return article && (preview || isPublished(article)) ? article : undefined;
}

/**
 * The unpublished articles a picture under public/ is embargoed for, or `null` when readers may see
 * it: a picture is held back while every article that shows it is a draft or scheduled, and is
 * public as soon as one of them is published, or when no article names it at all.
 */
export async function imageEmbargo(src: string, now = Date.now()): Promise<ArticleMeta[] | null> {
  const articles = (await getContentIndex()).archive.imageUsers(src);
  if (!articles.length || articles.some((a) => isPublished(a, now))) return null;
  return articles;
}
