/*
 * The live page's wire format, shared by the API (lib/content/live-queries.ts) and the client
 * leaves that poll it. Safe for client components: types and a shape check, nothing else.
 */

/** One entry as readers see it: dates already formatted on the server in the site's time zone. */
export type LiveEntryView = {
  id: string;
  /** ISO instant, for `<time datetime>`. */
  time: string;
  /** e.g. «14:05» */
  clock: string;
  /** e.g. «2 ديسمبر 2026» */
  day: string;
  title?: string;
  key: boolean;
  pinned: boolean;
  author?: { name: string; href: string };
  /** Sanitised HTML of the entry's Markdown (lib/content/markdown.ts). */
  html: string;
  /** Absolute address of the entry on the live page. */
  url: string;
};

/** `GET /api/live/<slug>?after=<id>` (newer than `after`) or `?before=<id>` (the next older page). */
export type LiveUpdatesResponse = {
  entries: LiveEntryView[];
  latestId?: string;
  ended: boolean;
  /** With `before`: whether still older entries exist. */
  hasMore?: boolean;
};

/** The DOM id of an entry: ids are file names and may start with a digit. */
export const entryDomId = (id: string) => `entry-${id}`;

const isEntry = (value: unknown): value is LiveEntryView => {
  if (!value || typeof value !== 'object') return false;
  const e = value as Record<string, unknown>;
  return typeof e.id === 'string' && typeof e.time === 'string' && typeof e.html === 'string' && typeof e.url === 'string';
};

/** The client trusts nothing it fetched without looking at it first. */
export function asLiveUpdates(value: unknown): LiveUpdatesResponse | null {
  if (!value || typeof value !== 'object') return null;
  const body = value as Record<string, unknown>;
  if (!Array.isArray(body.entries) || !body.entries.every(isEntry) || typeof body.ended !== 'boolean') return null;
  return {
    entries: body.entries,
    ended: body.ended,
    ...(typeof body.latestId === 'string' ? { latestId: body.latestId } : {}),
    ...(typeof body.hasMore === 'boolean' ? { hasMore: body.hasMore } : {}),
  };
}

const arabicDigits = '٠١٢٣٤٥٦٧٨٩';
export const toArabicDigits = (text: string) => text.replace(/\d/g, (d) => arabicDigits[Number(d)] ?? d);

/** Whether a live article is still being covered (it has not reached its `liveEnded`). */
export function isLiveNow(live: { endedAt?: number } | undefined, now = Date.now()): boolean {
  return !!live && (live.endedAt === undefined || now < live.endedAt);
}
