import 'server-only';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { splitFrontMatter } from '@/lib/content/front-matter';
import { liveEntryFolder } from '@/lib/content/live-entry-files';
import type { ArticleMeta } from '@/lib/content/load';
import { markdownToText, renderMarkdown } from '@/lib/content/markdown';
import type { ContentProblem } from '@/lib/content/problems';
import { dateTime, issueField, slugPattern } from '@/lib/content/schema';

/*
 * Live coverage: an article with `live: true` and one Markdown file per entry in the folder named
 * after it. Entries are not part of the content index (a busy live page gains one every minute or
 * two); they are read when asked for, re-read only when a file's size or time changes, and each
 * folder is looked at no more than once a second however many readers poll it.
 */

const entryFields = 'time, title, key, pinned, author';

export const liveEntrySchema = z.strictObject(
  {
    time: dateTime,
    title: z.string({ error: 'expected text: a short headline for the entry' }).trim().min(1, { error: 'expected a non-empty headline' }).optional(),
    key: z.boolean({ error: 'expected true or false' }).optional(),
    pinned: z.boolean({ error: 'expected true or false' }).optional(),
    author: z.string({ error: 'expected an author slug from authors.json' }).regex(slugPattern, { error: 'expected an author slug from authors.json' }).optional(),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys' ? `unknown field; expected one of ${entryFields}` : 'expected a front matter block of key: value lines',
  },
);

export type LiveEntry = {
  /** The file name without `.md`: the entry's address on the page and the API's cursor. */
  id: string;
  /** ISO 8601 with the offset the editor wrote. */
  time: string;
  at: number;
  title?: string;
  key: boolean;
  pinned: boolean;
  author?: string;
  html: string;
  text: string;
};

/** Parses one entry file; `authors` are the known author slugs. */
export function parseLiveEntry(
  source: string,
  { id, shown, authors }: { id: string; shown: string; authors: ReadonlySet<string> },
): { entry?: LiveEntry; problems: ContentProblem[] } {
  const problems: ContentProblem[] = [];
  if (!slugPattern.test(id)) {
    problems.push({ file: shown, field: '(file name)', message: `expected lower-case letters, digits and single hyphens (e.g. 20261202-0930.md); got "${id}"` });
  }
  const split = splitFrontMatter(source);
  if ('error' in split) return { problems: [...problems, { file: shown, field: '(front matter)', message: split.error }] };
  const result = liveEntrySchema.safeParse(split.data ?? {});
  if (!result.success) {
    for (const issue of result.error.issues) problems.push({ file: shown, field: issueField(issue), message: issue.message });
    return { problems };
  }
  const fm = result.data;
  if (fm.author && authors.size && !authors.has(fm.author)) {
    problems.push({ file: shown, field: 'author', message: `expected one of ${[...authors].join(', ')}; got "${fm.author}"` });
  }
  if (!split.body.trim()) problems.push({ file: shown, field: '(body)', message: 'expected the text of the entry below the front matter' });
  if (problems.length) return { problems };
  return {
    problems,
    entry: {
      id,
      time: fm.time,
      at: Date.parse(fm.time),
      ...(fm.title ? { title: fm.title.normalize('NFC') } : {}),
      key: fm.key ?? false,
      pinned: fm.pinned ?? false,
      ...(fm.author ? { author: fm.author } : {}),
      html: renderMarkdown(split.body),
      text: markdownToText(split.body),
    },
  };
}

/** Newest first; ties by id, so every reader and every page agrees on one order. */
export function newestEntryFirst(a: LiveEntry, b: LiveEntry): number {
  return b.at - a.at || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

type CachedEntry = { mtimeMs: number; size: number; result: { entry?: LiveEntry; problems: ContentProblem[] } };
type Folder = { checkedAt: number; files: Map<string, CachedEntry>; entries: LiveEntry[]; problems: ContentProblem[] };

/** How long one look at a folder answers for. */
const folderFreshMs = 1000;
const folders = new Map<string, Folder>();

/**
 * Every valid entry of a live article, scheduled ones included, newest first. A broken entry is
 * left out and reported in `problems`; the rest are shown.
 */
export async function readLiveEntries(
  article: Pick<ArticleMeta, 'file'>,
  { authors, cwd = process.cwd(), now = Date.now() }: { authors: ReadonlySet<string>; cwd?: string; now?: number },
): Promise<{ entries: LiveEntry[]; problems: ContentProblem[] }> {
  const dir = liveEntryFolder(article.file);
  const known = folders.get(dir);
  if (known && now - known.checkedAt < folderFreshMs) return known;
  const files = new Map<string, CachedEntry>();
  let names: string[] = [];
  try {
    names = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isFile() && e.name.endsWith('.md') && !e.name.startsWith('.')).map((e) => e.name);
  } catch {
    // No folder yet: a live page whose first entry has not been written.
  }
  await Promise.all(
    names.map(async (name) => {
      const file = path.join(dir, name);
      try {
        const info = await stat(file);
        const cached = known?.files.get(file);
        if (cached && cached.mtimeMs === info.mtimeMs && cached.size === info.size) {
          files.set(file, cached);
          return;
        }
        const result = parseLiveEntry(await readFile(file, 'utf8'), { id: name.slice(0, -3), shown: path.relative(cwd, file) || file, authors });
        files.set(file, { mtimeMs: info.mtimeMs, size: info.size, result });
      } catch {
        // Removed between the listing and the read: it is simply not there any more.
      }
    }),
  );
  const entries: LiveEntry[] = [];
  const problems: ContentProblem[] = [];
  for (const { result } of files.values()) {
    if (result.entry) entries.push(result.entry);
    problems.push(...result.problems);
  }
  entries.sort(newestEntryFirst);
  const folder = { checkedAt: now, files, entries, problems };
  folders.set(dir, folder);
  return folder;
}

export const liveEntriesPerPage = 20;

export type LiveTimeline = {
  /** The latest pinned entry, shown above the rest. */
  pinned?: LiveEntry;
  /** The other entries due by now, newest first. */
  stream: LiveEntry[];
  /** Key events, newest first (the pinned one included). */
  keyEvents: LiveEntry[];
  /** Newest entry due by now, pinned or not: where a reader's updates start from. */
  latestId?: string;
  /** Every entry due by now, newest first: the cursor's frame of reference. */
  visible: LiveEntry[];
};

/** What readers see at `now`: scheduled entries stay out until their time. */
export function liveTimeline(entries: readonly LiveEntry[], now: number): LiveTimeline {
  const visible = entries.filter((e) => e.at <= now);
  const pinned = visible.find((e) => e.pinned);
  return {
    ...(pinned ? { pinned } : {}),
    stream: visible.filter((e) => e !== pinned),
    keyEvents: visible.filter((e) => e.key),
    ...(visible[0] ? { latestId: visible[0].id } : {}),
    visible,
  };
}

/** Entries newer than `after`; `null` when `after` names no entry readers can see. */
export function entriesAfter(timeline: LiveTimeline, after: string): LiveEntry[] | null {
  const at = timeline.visible.findIndex((e) => e.id === after);
  return at === -1 ? null : timeline.visible.slice(0, at);
}

/** The next page of older entries below `before`; `null` when `before` names no entry in the stream. */
export function entriesBefore(timeline: LiveTimeline, before: string, limit = liveEntriesPerPage): { entries: LiveEntry[]; hasMore: boolean } | null {
  const at = timeline.stream.findIndex((e) => e.id === before);
  if (at === -1) return null;
  const entries = timeline.stream.slice(at + 1, at + 1 + limit);
  return { entries, hasMore: at + 1 + limit < timeline.stream.length };
}

/** Page `page` (from 1) of the stream; `null` beyond the last page. */
export function streamPage(timeline: LiveTimeline, page: number): { entries: LiveEntry[]; totalPages: number } | null {
  const totalPages = Math.max(1, Math.ceil(timeline.stream.length / liveEntriesPerPage));
  if (!Number.isInteger(page) || page < 1 || page > totalPages) return null;
  return { entries: timeline.stream.slice((page - 1) * liveEntriesPerPage, page * liveEntriesPerPage), totalPages };
}

export function isLiveEnded(article: Pick<ArticleMeta, 'live'>, now: number): boolean {
  return article.live?.endedAt !== undefined && article.live.endedAt <= now;
}

/**
 * content:check for entries: every folder of entries beside an article, whether the article is
 * live or not (entries of an article without `live: true` are never shown, which is a mistake
 * worth naming). `withEntries` are the articles that have such a folder, as withEntryFolders
 * finds them: the caller has already listed the folders to know which articles to read whole.
 */
export async function checkLiveEntries(withEntries: readonly ArticleMeta[], authors: ReadonlySet<string>, cwd = process.cwd()): Promise<ContentProblem[]> {
  const problems: ContentProblem[] = [];
  for (const article of withEntries) {
    const dir = liveEntryFolder(article.file);
    if (!article.live) {
      problems.push({ file: path.relative(cwd, article.file), field: 'live', message: `expected live: true, since ${path.relative(cwd, dir)}/ holds live entries` });
    }
    problems.push(...(await readLiveEntries(article, { authors, cwd })).problems);
  }
  return problems;
}
