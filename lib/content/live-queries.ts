import 'server-only';
import { getContentIndex } from '@/lib/content/live';
import {
  entriesAfter,
  entriesBefore,
  isLiveEnded,
  liveTimeline,
  readLiveEntries,
  streamPage,
  type LiveEntry,
  type LiveTimeline,
} from '@/lib/content/live-coverage';
import type { ArticleMeta, ContentIndex } from '@/lib/content/load';
import { readableArticle } from '@/lib/content/queries';
import { formatDate } from '@/lib/format';
import type { LiveEntryView, LiveUpdatesResponse } from '@/lib/live-updates';
import { entryDomId } from '@/lib/live-updates';
import { absoluteUrl, paths, site } from '@/lib/site';

/*
 * The questions about breaking news and live pages, asked by the pages (through
 * lib/content/index.ts), the live API and the proxy (lib/routing.ts).
 */

export async function breakingArticle(now = Date.now()): Promise<ArticleMeta | undefined> {
  return (await getContentIndex()).archive.breaking(now);
}

async function timelineOf(article: ArticleMeta, now: number): Promise<{ timeline: LiveTimeline; index: ContentIndex }> {
  const index = await getContentIndex();
  const { entries } = await readLiveEntries(article, { authors: new Set(index.authorBySlug.keys()), now });
  return { timeline: liveTimeline(entries, now), index };
}

function view(entry: LiveEntry, article: ArticleMeta, index: ContentIndex): LiveEntryView {
  const date = formatDate(entry.time, site.timeZone);
  const author = entry.author ? index.authorBySlug.get(entry.author) : undefined;
  return {
    id: entry.id,
    time: date.iso,
    clock: date.time,
    day: date.gregorian,
    ...(entry.title ? { title: entry.title } : {}),
    key: entry.key,
    pinned: entry.pinned,
    ...(author ? { author: { name: author.name, href: paths.author(author.slug) } } : {}),
    html: entry.html,
    url: `${absoluteUrl(paths.article(article.slug))}#${entryDomId(entry.id)}`,
  };
}

export type LiveCoverage = {
  ended: boolean;
  pinned?: LiveEntryView;
  entries: LiveEntryView[];
  keyEvents: { id: string; label: string; clock: string }[];
  latestId?: string;
  page: number;
  totalPages: number;
  /** The latest 50 entries, for LiveBlogPosting's liveBlogUpdate. */
  updates: { id: string; time: string; title?: string; text: string; url: string }[];
};

const excerpt = (text: string, length = 90) => (text.length > length ? `${text.slice(0, length).trimEnd()}…` : text);

/** A live article's coverage at page `page` of its entries; `null` for an article that is not live or a page beyond the last. */
export async function liveCoverageOf(article: ArticleMeta, page = 1, now = Date.now()): Promise<LiveCoverage | null> {
  if (!article.live) return null;
  const { timeline, index } = await timelineOf(article, now);
  const slice = streamPage(timeline, page);
  if (!slice) return null;
  const url = absoluteUrl(paths.article(article.slug));
  return {
    ended: isLiveEnded(article, now),
    ...(timeline.pinned && page === 1 ? { pinned: view(timeline.pinned, article, index) } : {}),
    entries: slice.entries.map((e) => view(e, article, index)),
    keyEvents: timeline.keyEvents.map((e) => ({ id: e.id, label: e.title ?? excerpt(e.text), clock: formatDate(e.time, site.timeZone).time })),
    ...(timeline.latestId ? { latestId: timeline.latestId } : {}),
    page,
    totalPages: slice.totalPages,
    updates: timeline.visible.slice(0, 50).map((e) => ({
      id: e.id,
      time: e.time,
      ...(e.title ? { title: e.title } : {}),
      text: e.text,
      url: `${url}#${entryDomId(e.id)}`,
    })),
  };
}

/** Whether /articles/<slug>/updates/<page> exists: a published live article with that many pages. */
export async function liveUpdatesPageExists(slug: string, page: number | null, preview = false): Promise<boolean> {
  const article = await readableArticle(slug, { preview });
  return page !== null && page > 1 && !!article && (await liveCoverageOf(article, page)) !== null;
}

export type LiveUpdatesResult =
  | { kind: 'ok'; body: LiveUpdatesResponse }
  | { kind: 'not-found' }
  | { kind: 'unknown-cursor'; field: 'after' | 'before' };

/** The live API's question: entries newer than `after`, or the page older than `before`, of a published live article. */
export async function liveUpdates(slug: string, cursor: { after?: string; before?: string }, now = Date.now()): Promise<LiveUpdatesResult> {
  const article = await readableArticle(slug);
  if (!article?.live) return { kind: 'not-found' };
  const { timeline, index } = await timelineOf(article, now);
  const ended = isLiveEnded(article, now);
  const latest = timeline.latestId ? { latestId: timeline.latestId } : {};
  if (cursor.before !== undefined) {
    const older = entriesBefore(timeline, cursor.before);
    if (!older) return { kind: 'unknown-cursor', field: 'before' };
    return { kind: 'ok', body: { entries: older.entries.map((e) => view(e, article, index)), ended, hasMore: older.hasMore, ...latest } };
  }
  const newer = cursor.after === undefined ? timeline.visible.slice(0, 20) : entriesAfter(timeline, cursor.after);
  if (!newer) return { kind: 'unknown-cursor', field: 'after' };
  return { kind: 'ok', body: { entries: newer.map((e) => view(e, article, index)), ended, ...latest } };
}
