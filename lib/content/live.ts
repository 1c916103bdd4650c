import 'server-only';
import path from 'node:path';
import { Archive } from '@/lib/content/archive';
import { FolderWatcher } from '@/lib/content/folder-watcher';
import { ContentLoader, type ContentIndex } from '@/lib/content/load';
import { ContentError, formatProblem } from '@/lib/content/problems';
import { requestRevalidation } from '@/lib/revalidation';
import { settings } from '@/lib/settings.mjs';
import { processSingleton } from '@/server/runtime.mjs';

/*
 * The live content index: scanned, watched and rescanned here, asked
 * questions in lib/content/queries.ts and lib/content/index.ts. Nothing
 * outside lib/content/ imports it (eslint.config.mjs).
 */

// Content is read at run time from a folder editors write to; it is deliberately not traced into the build.
export const contentDir = settings().contentDir;

const { building: isBuild, development: isDev, dataDir } = settings();

/**
 * How the running server notices edits: a watcher on each folder marks the
 * index dirty and the next request rescans; a periodic rescan is the safety
 * net for file systems that do not report changes (network mounts, some
 * containers). A rescan stats every file, re-reads only the changed ones and
 * runs in the background while requests are answered from the previous index.
 */
const rescanWhenWatchedMs = 60_000;
const rescanWhenPolledMs = 5_000;

type State = {
  loader: ContentLoader;
  current?: Promise<ContentIndex>;
  latest?: ContentIndex;
  scanning?: Promise<ContentIndex>;
  lastScan: number;
  dirty: boolean;
  watcher?: FolderWatcher;
  debounce?: NodeJS.Timeout;
  publication?: NodeJS.Timeout;
  lastReport?: string;
  /** Told of every index adopted, the first one included: the search index follows the content this way. */
  followers: ((index: ContentIndex) => void)[];
};

// Next may evaluate this module once per route bundle; one index per process is wanted.
const state = processSingleton<State>('content', () => ({
  loader: new ContentLoader({
    contentDir,
    publicDir: path.resolve(/*turbopackIgnore: true*/ process.cwd(), 'public'),
    // Kept between starts: a restart re-reads only the files that changed while it was down.
    archive: new Archive(path.join(dataDir, 'archive.db')),
  }),
  lastScan: 0,
  dirty: false,
  followers: [],
}));

function startWatching() {
  if (state.watcher || isBuild || isDev) return;
  state.watcher = new FolderWatcher(
    () => {
      // Editors' tools write a file in several steps; one rescan after the burst is enough.
      clearTimeout(state.debounce);
      state.debounce = setTimeout(() => void rescan(), 300);
      state.debounce.unref();
    },
    (error) => console.error('[content] file watcher stopped, falling back to periodic rescans', error),
  );
}

async function scan(): Promise<ContentIndex> {
  const index = await state.loader.scan();
  // The folders as this scan found them: a new one is watched from now on.
  state.watcher?.sync(state.loader.folders);
  const report = index.problems.map(formatProblem).join('\n');
  if (isBuild && index.problems.length) throw new ContentError(index.problems);
  if (report !== state.lastReport) {
    state.lastReport = report;
    // A broken file on a live site must not take the site down: it is skipped and reported.
    if (report) console.error(`[content] ${index.problems.length} problem(s), affected files are not served:\n${report}`);
  }
  return index;
}

/** Scheduled articles go live, and breaking banners and live pages end, at their time, not at the next page timer. */
function schedulePublication(index: ContentIndex) {
  clearTimeout(state.publication);
  if (isBuild || isDev) return;
  const now = Date.now();
  const next = index.archive.nextChange(now);
  if (next === Infinity) return;
  // setTimeout holds at most ~24.8 days; a far-off date is simply looked at again later.
  const delay = Math.min(next - now + 250, 24 * 3600_000);
  state.publication = setTimeout(() => {
    if (Date.now() >= next) requestRevalidation('scheduled');
    schedulePublication(state.latest ?? index);
  }, delay);
  state.publication.unref();
}

function adopt(index: ContentIndex) {
  const known = state.latest !== undefined;
  const changed = known && state.latest !== index;
  state.latest = index;
  state.current = Promise.resolve(index);
  if (changed || !state.publication) schedulePublication(index);
  if (changed) requestRevalidation('content');
  if (changed || !known) for (const follower of state.followers) follower(index);
}

/** Calls `follower` with the current index, if there is one yet, and with every index adopted later. */
export function followContentIndex(follower: (index: ContentIndex) => void): void {
  state.followers.push(follower);
  if (state.latest) follower(state.latest);
}

/** One rescan at a time; requests during it are answered from the previous index. */
function rescan(): Promise<ContentIndex> {
  if (state.scanning) {
    state.dirty = true;
    return state.scanning;
  }
  state.lastScan = Date.now();
  state.dirty = false;
  const scanning = scan().then(
    (index) => {
      adopt(index);
      return index;
    },
    (error: unknown) => {
      console.error('[content] rescan failed, keeping the previous index', error);
      if (state.latest) return state.latest;
      throw error;
    },
  );
  state.scanning = scanning.finally(() => {
    state.scanning = undefined;
    if (state.dirty && !isDev) void rescan();
  });
  return state.scanning;
}

function rescanDue(now: number): boolean {
  if (isBuild) return false;
  if (isDev || state.dirty) return true;
  return now - state.lastScan >= (state.watcher?.active ? rescanWhenWatchedMs : rescanWhenPolledMs);
}

/**
 * The content index. `fresh` waits for a rescan first: previews and the
 * revalidation endpoint must see what is on disk now.
 */
export async function getContentIndex(options: { fresh?: boolean } = {}): Promise<ContentIndex> {
  if (!state.current) {
    startWatching();
    const first = rescan();
    state.current = first;
    first.catch(() => {
      if (state.current === first) state.current = undefined;
    });
    return first;
  }
  if (options.fresh) return rescan();
  if (!state.scanning && rescanDue(Date.now())) {
    const next = rescan();
    // In development an edit should show on the very next reload.
    if (isDev) return next;
  }
  return state.current;
}
