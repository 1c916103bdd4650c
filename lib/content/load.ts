import 'server-only';
import { closeSync, existsSync, fstatSync, openSync, readFileSync, readSync, statSync, type Dirent } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Archive, type CrossChecks, type FileUpdate } from '@/lib/content/archive';
import { breakingUntil } from '@/lib/content/breaking';
import { splitFrontMatter } from '@/lib/content/front-matter';
import { liveEntryStamp } from '@/lib/content/live-entry-files';
import type { ContentProblem } from '@/lib/content/problems';
import { yieldToRequests } from '@/lib/event-loop';
import {
  authorSchema,
  categorySchema,
  crossFieldIssues,
  frontMatterSchema,
  issueField,
  slugPattern,
  type Author,
  type Category,
} from '@/lib/content/schema';

export type ArticleMeta = {
  slug: string;
  title: string;
  description: string;
  /** ISO 8601 with the offset the editor wrote. */
  date: string;
  updated?: string;
  publishedAt: number;
  updatedAt?: number;
  category: string;
  author: string;
  tags: string[];
  image?: { src: string; alt: string };
  draft: boolean;
  /** Until when the «عاجل» banner shows it; set only for `breaking: true` (lib/content/breaking.ts). */
  breakingUntil?: number;
  /** A live page (lib/content/live-coverage.ts), ended once `endedAt` has passed. */
  live?: { ended?: string; endedAt?: number };
  /** As written; absent when there are none. */
  corrections?: { date: string; at: number; text: string }[];
  /** Absolute path of the Markdown file; comes from the directory scan, never from a URL. */
  file: string;
};

/**
 * What the pages' questions start from: the small lists in memory, the archive on disk. A new
 * object means the content changed (lib/content/live.ts refreshes cached pages on that).
 */
export type ContentIndex = {
  categories: Category[];
  categoryBySlug: Map<string, Category>;
  authors: Author[];
  authorBySlug: Map<string, Author>;
  /** The lists' and the folder's problems, then every article's in file order. */
  problems: ContentProblem[];
  archive: Archive;
  /** The archive's version when this index was taken. */
  version: number;
  /** Valid articles, drafts and scheduled ones included. */
  size: number;
};

export type LoaderOptions = {
  contentDir: string;
  publicDir: string;
  /** Paths in problem reports are shown relative to this folder. */
  cwd?: string;
  /** Where the index is kept; an in-memory database (rebuilt at each start) when not given. */
  archive?: Archive;
  /**
   * A one-shot run (content:check) has no requests to let in between batches: it settles every
   * slug in one transaction instead of one per 200 (a quarter of a second less at 50,000 articles).
   * Its walk still writes a slice at a time, which keeps what was read but not yet written small.
   */
  oneShot?: boolean;
};

export type ParsedArticle = {
  slug: string;
  file: string;
  /** References to check against the rest of the folder, read even when other fields are invalid. */
  refs: { category?: string; author?: string; image?: string };
  meta?: Omit<ArticleMeta, 'slug' | 'file'>;
  problems: ContentProblem[];
};

/** Event-loop time the scan may take before it lets requests in: a large archive is walked in slices. */
const sliceMs = 40;
/** Slugs settled per transaction when many change at once (a first start, categories.json edited). */
const settleBatch = 200;

export function normalizeText(value: string): string {
  return value.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/** Published means not a draft and dated now or earlier; readers and crawlers see nothing else. */
export function isPublished(article: ArticleMeta, now = Date.now()): boolean {
  return !article.draft && article.publishedAt <= now;
}

/**
 * Scans CONTENT_DIR into the archive and validates everything in it. Each file's size and
 * modification time are kept with what was read from it, so a rescan (or a restart over a kept
 * archive) re-reads only what changed, and re-checks only the slugs those changes touch.
 */
export class ContentLoader {
  readonly archive: Archive;
  /** Folders the last scan walked (live entry folders included): what the file watcher watches. */
  folders: string[] = [];
  /** Only found images are remembered; a missing one is looked for again on every scan. */
  private readonly imagesFound = new Set<string>();
  private lastIndex?: ContentIndex;
  private lastStamp = '';
  private scanned = false;

  private readonly options: Omit<LoaderOptions, 'archive'>;

  constructor({ archive, ...options }: LoaderOptions) {
    this.options = { ...options, contentDir: path.resolve(options.contentDir), publicDir: path.resolve(options.publicDir) };
    this.archive = archive ?? new Archive(':memory:');
  }

  private display(file: string): string {
    return path.relative(this.options.cwd ?? process.cwd(), file) || file;
  }

  /** Returns the previous index object when nothing changed, so a rescan of an unchanged archive costs one stat per file. */
  async scan(): Promise<ContentIndex> {
    const archive = this.archive;
    const listProblems: ContentProblem[] = [];
    const categories = await this.readList('categories.json', categorySchema, listProblems);
    const authors = await this.readList('authors.json', authorSchema, listProblems);
    const categoryBySlug = new Map(categories.map((c) => [c.slug, c]));
    const authorBySlug = new Map(authors.map((a) => [a.slug, a]));
    const { affected, liveEntries } = await this.walk(listProblems);
    const checks: CrossChecks = {
      categories: categoryBySlug,
      authors: authorBySlug,
      imageExists: (src) => this.publicFileExists(src),
      display: (file) => this.display(file),
    };

    // Another category or author list can change any article's standing.
    const lists = JSON.stringify([categories, authors]);
    const batch = this.options.oneShot ? Number.MAX_SAFE_INTEGER : settleBatch;
    if (lists !== archive.state('lists')) {
      for (let after = ''; ; ) {
        const slugs = archive.slugsAfter(after, batch);
        if (!slugs.length) break;
        archive.settle(slugs, checks);
        after = slugs.at(-1)!;
        await yieldToRequests();
      }
      archive.setState('lists', lists);
      // Every slug was just settled, those the walk touched included (a first start: all of them).
      affected.clear();
    }
    for (const slug of archive.slugsWithProblem('image')) affected.add(slug);
    // A picture deleted while the server was down is found at the first scan after it starts.
    if (!this.scanned) {
      for (const src of archive.images()) if (!this.publicFileExists(src)) for (const { slug } of archive.imageUsers(src)) affected.add(slug);
    }
    const pending = [...affected];
    for (let i = 0; i < pending.length; i += batch) {
      archive.settle(pending.slice(i, i + batch), checks);
      if (i + batch < pending.length) await yieldToRequests();
    }
    this.scanned = true;

    const problems = [...listProblems, ...archive.problems()];
    const version = archive.version();
    // Live entries are read on demand, but a changed one must still refresh the cached pages.
    const stamp = JSON.stringify([version, lists, problems, await liveEntryStamp(liveEntries)]);
    if (this.lastIndex && stamp === this.lastStamp) return this.lastIndex;
    this.lastStamp = stamp;
    this.lastIndex = { categories, categoryBySlug, authors, authorBySlug, problems, archive, version, size: archive.size() };
    return this.lastIndex;
  }

  /**
   * Walks the articles folder one folder at a time, comparing each Markdown file with what the
   * archive holds for that folder, and stores what changed. Returns the slugs it touched.
   */
  private async walk(problems: ContentProblem[]): Promise<{ affected: Set<string>; liveEntries: string[] }> {
    const archive = this.archive;
    const root = path.join(this.options.contentDir, 'articles');
    const affected = new Set<string>();
    const visited: string[] = [];
    const liveFolders: string[] = [];
    let updates: FileUpdate[] = [];
    let removed: string[] = [];
    const flush = () => {
      if (updates.length || removed.length) for (const slug of archive.writeFiles(updates, removed)) affected.add(slug);
      updates = [];
      removed = [];
    };
    let sliceStart = performance.now();
    const breathe = async () => {
      if (performance.now() - sliceStart < sliceMs) return;
      flush();
      await yieldToRequests();
      sliceStart = performance.now();
    };

    const queue = [root];
    while (queue.length) {
      const folder = queue.shift()!;
      let entries: Dirent[];
      try {
        entries = await readdir(folder, { withFileTypes: true });
      } catch (error) {
        if (folder === root) {
          problems.push({
            file: this.display(root),
            field: '(folder)',
            message: `expected a folder of Markdown articles (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`,
          });
        }
        // A folder removed during the walk: its files are forgotten below, as not visited.
        continue;
      }
      visited.push(folder);
      const names = new Set(entries.map((e) => e.name));
      for (const entry of entries) {
        if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
        // A live article's entries sit in a folder named after it, beside it: entries, not articles.
        if (names.has(`${entry.name}.md`)) liveFolders.push(path.join(folder, entry.name));
        else queue.push(path.join(folder, entry.name));
      }
      const known = archive.filesIn(folder);
      const files = entries
        .filter((e) => e.isFile() && e.name.endsWith('.md') && !e.name.startsWith('.'))
        .map((e) => path.join(folder, e.name))
        .sort();
      for (const file of files) {
        const row = known.get(file);
        known.delete(file);
        try {
          // A file the archive does not hold (every file at a first start, and in content:check)
          // is read without a stat first: the read takes its size and time from the open file.
          if (row) {
            const info = statSync(file);
            if (row.size === info.size && row.mtimeMs === info.mtimeMs) {
              await breathe();
              continue;
            }
          }
          const { text, mtimeMs, size } = readFrontMatterBlock(file);
          updates.push({ file, folder, size, mtimeMs, parsed: this.parse(file, text) });
        } catch (error) {
          // Deleted between listing and reading (an editor renaming a file, say): report, do not
          // crash; the size -1 has it read again at the next scan.
          const problem = { file: this.display(file), field: '(file)', message: `expected a readable file (${(error as NodeJS.ErrnoException).code ?? String(error)})` };
          updates.push({ file, folder, size: -1, mtimeMs: -1, parsed: { slug: path.basename(file, '.md'), file, refs: {}, problems: [problem] } });
        }
        await breathe();
      }
      removed.push(...known.keys());
    }
    const walked = new Set(visited);
    for (const folder of archive.folders()) if (!walked.has(folder)) removed.push(...archive.filesIn(folder).keys());
    flush();

    const liveEntries: string[] = [];
    for (const folder of liveFolders) {
      const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
      for (const e of entries) if (e.isFile() && e.name.endsWith('.md') && !e.name.startsWith('.')) liveEntries.push(path.join(folder, e.name));
    }
    this.folders = [this.options.contentDir, ...visited, ...liveFolders];
    return { affected, liveEntries: liveEntries.sort() };
  }

  private async readList<T>(
    name: string,
    schema: { safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: Parameters<typeof issueField>[0][] } } },
    problems: ContentProblem[],
  ): Promise<T[]> {
    const file = path.join(this.options.contentDir, name);
    let data: unknown;
    try {
      data = JSON.parse((await readFile(file, 'utf8')).replace(/^\uFEFF/, ''));
    } catch (error) {
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
      problems.push({
        file: this.display(file),
        field: '(file)',
        message: missing ? 'expected this file to exist' : `expected valid JSON (${(error as Error).message})`,
      });
      return [];
    }
    if (!Array.isArray(data)) {
      problems.push({ file: this.display(file), field: '(file)', message: 'expected a JSON array of objects' });
      return [];
    }
    const items: T[] = [];
    const seen = new Set<string>();
    data.forEach((item, i) => {
      const result = schema.safeParse(item);
      if (!result.success) {
        for (const issue of result.error.issues) {
          problems.push({ file: this.display(file), field: `[${i}].${issueField(issue)}`, message: issue.message });
        }
        return;
      }
      const slug = (result.data as { slug: string }).slug;
      if (seen.has(slug)) {
        problems.push({ file: this.display(file), field: `[${i}].slug`, message: `expected a unique slug; "${slug}" appears twice` });
        return;
      }
      seen.add(slug);
      items.push(result.data);
    });
    return items;
  }

  parse(file: string, source: string): ParsedArticle {
    const slug = path.basename(file, '.md');
    const shown = this.display(file);
    const problems: ContentProblem[] = [];
    if (!slugPattern.test(slug)) {
      problems.push({
        file: shown,
        field: 'slug',
        message: `expected a file name of lower-case letters, digits and single hyphens (e.g. gulf-summit-opens.md); got "${slug}"`,
      });
    }
    const split = splitFrontMatter(source);
    if ('error' in split) {
      problems.push({ file: shown, field: '(front matter)', message: split.error });
      return { slug, file, refs: {}, problems };
    }
    const raw = (split.data && typeof split.data === 'object' ? split.data : {}) as Record<string, unknown>;
    const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);
    const refs = { category: text(raw.category), author: text(raw.author), image: text(raw.image) };
    const result = frontMatterSchema.safeParse(split.data);
    if (!result.success) {
      for (const issue of result.error.issues) {
        problems.push({ file: shown, field: issueField(issue), message: issue.message });
      }
    }
    for (const issue of crossFieldIssues(split.data)) problems.push({ file: shown, ...issue });
    if (!result.success) return { slug, file, refs, problems };
    const fm = result.data;
    const tags = [...new Set((fm.tags ?? []).map(normalizeText).filter(Boolean))];
    return {
      slug,
      file,
      refs,
      problems,
      meta: {
        title: normalizeText(fm.title),
        description: normalizeText(fm.description),
        date: fm.date,
        publishedAt: Date.parse(fm.date),
        ...(fm.updated ? { updated: fm.updated, updatedAt: Date.parse(fm.updated) } : {}),
        category: fm.category,
        author: fm.author,
        tags,
        ...(fm.image && fm.imageAlt ? { image: { src: fm.image, alt: normalizeText(fm.imageAlt) } } : {}),
        draft: fm.draft ?? false,
        ...(fm.breaking ? { breakingUntil: breakingUntil(fm) } : {}),
        ...(fm.live ? { live: fm.liveEnded ? { ended: fm.liveEnded, endedAt: Date.parse(fm.liveEnded) } : {} } : {}),
        ...(fm.corrections?.length
          ? { corrections: fm.corrections.map((c) => ({ date: c.date, at: Date.parse(c.date), text: normalizeText(c.text) })) }
          : {}),
      },
    };
  }

  private publicFileExists(src: string): boolean {
    if (this.imagesFound.has(src)) return true;
    const resolved = path.join(this.options.publicDir, src);
    // The schema already forbids "..", this is a second line of defence.
    const exists = resolved.startsWith(this.options.publicDir + path.sep) && existsSync(resolved);
    if (exists) this.imagesFound.add(src);
    return exists;
  }
}

/** Front matter is almost always within the first few kilobytes. */
const headBytes = 8192;
const closingFence = Buffer.from('\n---');
/**
 * One buffer for every read: the read is synchronous and the text is copied out of it. A new
 * 8 KB buffer per file cost a sixth of the reading's time at 50,000 files.
 */
const headBuffer = Buffer.allocUnsafe(headBytes);

/**
 * Where the line that starts at `from` (just after a `\n---`) ends, if it is a fence as
 * splitFrontMatter reads one (`---`, then spaces or tabs); -1 otherwise. Any other line (`----`,
 * say) is not cut after: the text would not split like the whole file.
 */
function fenceLineEnd(head: Buffer, from: number): number {
  let at = from;
  while (head[at] === 0x20 || head[at] === 0x09) at++;
  if (head[at] === 0x0d) at++;
  return head[at] === 0x0a ? at : -1;
}

/**
 * Reads just enough of a file to hold its front matter: the index needs no
 * bodies, and one small synchronous read is several times faster than
 * reading whole files through the thread pool when 50,000 are scanned.
 */
export function readFrontMatterBlock(file: string): { text: string; mtimeMs: number; size: number } {
  const fd = openSync(file, 'r');
  try {
    const info = fstatSync(fd);
    const read = readSync(fd, headBuffer, 0, Math.min(headBytes, info.size), 0);
    const head = headBuffer.subarray(0, read);
    const fence = head.indexOf(closingFence, 3);
    const lineEnd = fence === -1 ? -1 : fenceLineEnd(head, fence + closingFence.length);
    // Cut after the closing fence's line, small files too: decoding their Arabic bodies, which the
    // index does not use, was nearly half of the reading's time at 50,000 files. A line break never
    // splits a multi-byte character.
    let text: string;
    if (lineEnd !== -1) text = head.subarray(0, lineEnd + 1).toString('utf8');
    else if (read === info.size) text = head.toString('utf8');
    else text = readFileSync(file, 'utf8');
    return { text, mtimeMs: info.mtimeMs, size: info.size };
  } finally {
    closeSync(fd);
  }
}
