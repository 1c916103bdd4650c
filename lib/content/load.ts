import 'server-only';
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { access, readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { breakingUntil } from '@/lib/content/breaking';
import { splitFrontMatter } from '@/lib/content/front-matter';
import { liveEntryStamp, splitLiveEntryFiles } from '@/lib/content/live-entry-files';
import type { ContentProblem } from '@/lib/content/problems';
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
  /** Position in the index's newest-first list; a key into its column arrays. */
  ord: number;
};

/**
 * Per-article facts as typed arrays indexed by `ord`. Ranking related
 * articles on a large archive touches tens of thousands of candidates; numbers
 * in flat arrays cost a fraction of what object and hash look-ups do.
 */
export type ArticleColumns = {
  /** publishedAt, or Infinity for drafts: published at `now` means visibleFrom <= now. */
  visibleFrom: Float64Array;
  /** Index into `categories`, or 0xffff for an unknown one. */
  category: Uint16Array;
  /** Ordinals of each tag's articles, newest first. */
  tagOrds: Map<string, Int32Array>;
};

export type ContentIndex = {
  categories: Category[];
  categoryBySlug: Map<string, Category>;
  authors: Author[];
  authorBySlug: Map<string, Author>;
  /** Every valid article, drafts and scheduled ones included, newest first. */
  articles: ArticleMeta[];
  bySlug: Map<string, ArticleMeta>;
  byCategory: Map<string, ArticleMeta[]>;
  byAuthor: Map<string, ArticleMeta[]>;
  byTag: Map<string, ArticleMeta[]>;
  columns: ArticleColumns;
  /** Slugs of files that failed validation, with their problems. */
  invalid: Map<string, ContentProblem[]>;
  problems: ContentProblem[];
  /**
   * Published lists already worked out, filled on demand by lib/content/published.ts. They live
   * on the index because the proxy and the pages are separate bundles that share only this object.
   */
  publishedLists: Map<string, PublishedList>;
};

/** A list's published articles, and the span of time [from, until) in which that stays true. */
export type PublishedList = { items: ArticleMeta[]; from: number; until: number };

export type LoaderOptions = {
  contentDir: string;
  publicDir: string;
  /** Paths in problem reports are shown relative to this folder. */
  cwd?: string;
};

type ParsedArticle = {
  slug: string;
  file: string;
  /** References to check against the rest of the folder, read even when other fields are invalid. */
  refs: { category?: string; author?: string; image?: string };
  meta?: Omit<ArticleMeta, 'slug' | 'file' | 'ord'>;
  problems: ContentProblem[];
};

type CachedFile = { mtimeMs: number; size: number; parsed: ParsedArticle };

/** Reading is I/O bound; a few dozen files at once keeps the disk busy without exhausting descriptors. */
const readConcurrency = 64;

export function normalizeText(value: string): string {
  return value.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/** Published means not a draft and dated now or earlier; readers and crawlers see nothing else. */
export function isPublished(article: ArticleMeta, now = Date.now()): boolean {
  return !article.draft && article.publishedAt <= now;
}

export function newestFirst(a: ArticleMeta, b: ArticleMeta): number {
  return b.publishedAt - a.publishedAt || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0);
}

/**
 * Scans CONTENT_DIR and validates everything in it. Parsed files are cached by
 * modification time and size, so a rescan of a large archive only re-reads
 * what changed.
 */
export class ContentLoader {
  private readonly files = new Map<string, CachedFile>();
  /** Only found images are remembered; a missing one is looked for again on every scan. */
  private readonly imagesFound = new Set<string>();
  private changed = true;
  private lastIndex?: ContentIndex;
  private lastLists = '';

  private readonly options: LoaderOptions;

  constructor(options: LoaderOptions) {
    this.options = { ...options, contentDir: path.resolve(options.contentDir), publicDir: path.resolve(options.publicDir) };
  }

  private display(file: string): string {
    return path.relative(this.options.cwd ?? process.cwd(), file) || file;
  }

  /**
   * Returns the previous index object when no file changed, so a periodic
   * rescan of an unchanged archive costs one stat per file and nothing else.
   */
  async scan(): Promise<ContentIndex> {
    const problems: ContentProblem[] = [];
    const categories = await this.readList('categories.json', categorySchema, problems);
    const authors = await this.readList('authors.json', authorSchema, problems);
    const categoryBySlug = new Map(categories.map((c) => [c.slug, c]));
    const authorBySlug = new Map(authors.map((a) => [a.slug, a]));
    const { articles: markdownFiles, entries } = splitLiveEntryFiles(await this.listMarkdownFiles(problems));
    // The JSON lists and folder-level problems are cheap to compare; any change means a new index.
    // Live entries are read on demand, but a changed one must still refresh the cached pages.
    const lists = JSON.stringify([categories, authors, problems, await liveEntryStamp(entries)]);
    if (lists !== this.lastLists) this.changed = true;
    this.lastLists = lists;

    const parsed = await this.parseAll(markdownFiles);
    const missingImages = this.lastIndex?.problems.some((p) => p.field === 'image') ?? false;
    if (!this.changed && !missingImages && this.lastIndex) return this.lastIndex;
    this.changed = false;

    const filesBySlug = new Map<string, string[]>();
    for (const entry of parsed) filesBySlug.set(entry.slug, [...(filesBySlug.get(entry.slug) ?? []), entry.file]);

    const articles: ArticleMeta[] = [];
    const invalid = new Map<string, ContentProblem[]>();
    for (const entry of parsed) {
      const own = [...entry.problems];
      const shown = this.display(entry.file);
      // Which of two files with one slug an editor meant cannot be guessed, so both are refused.
      const others = (filesBySlug.get(entry.slug) ?? []).filter((f) => f !== entry.file);
      if (others.length) {
        own.push({
          file: shown,
          field: 'slug',
          message: `expected a unique slug; "${entry.slug}" is also used by ${others.map((f) => this.display(f)).join(', ')}`,
        });
      }
      const { category, author, image } = entry.refs;
      if (category && categories.length && !categoryBySlug.has(category)) {
        own.push({ file: shown, field: 'category', message: `expected one of ${[...categoryBySlug.keys()].join(', ')}; got "${category}"` });
      }
      if (author && authors.length && !authorBySlug.has(author)) {
        own.push({ file: shown, field: 'author', message: `expected one of ${[...authorBySlug.keys()].join(', ')}; got "${author}"` });
      }
      if (image && !own.some((p) => p.field === 'image') && !entry.problems.some((p) => p.field === 'image') && !(await this.publicFileExists(image))) {
        own.push({ file: shown, field: 'image', message: `expected an existing file public${image}` });
      }
      const meta = entry.meta;
      if (own.length || !meta) {
        problems.push(...own);
        invalid.set(entry.slug, [...(invalid.get(entry.slug) ?? []), ...own]);
        continue;
      }
      articles.push({ slug: entry.slug, file: entry.file, ...meta, ord: -1 });
    }

    articles.sort(newestFirst);
    articles.forEach((a, i) => (a.ord = i));
    const byTag = groupBy(articles, (a) => a.tags);
    this.lastIndex = {
      categories,
      categoryBySlug,
      authors,
      authorBySlug,
      articles,
      bySlug: new Map(articles.map((a) => [a.slug, a])),
      byCategory: groupBy(articles, (a) => [a.category]),
      byAuthor: groupBy(articles, (a) => [a.author]),
      byTag,
      columns: buildColumns(articles, categories, byTag),
      invalid,
      problems,
      publishedLists: new Map(),
    };
    return this.lastIndex;
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

  private async listMarkdownFiles(problems: ContentProblem[]): Promise<string[]> {
    const root = path.join(this.options.contentDir, 'articles');
    try {
      const entries = await readdir(root, { recursive: true, withFileTypes: true });
      return entries
        .filter((e) => e.isFile() && e.name.endsWith('.md') && !e.name.startsWith('.'))
        .map((e) => path.join(e.parentPath, e.name))
        .filter((file) => !path.relative(root, file).split(path.sep).some((part) => part.startsWith('.')))
        .sort();
    } catch (error) {
      problems.push({
        file: this.display(root),
        field: '(folder)',
        message: `expected a folder of Markdown articles (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`,
      });
      return [];
    }
  }

  private async parseAll(files: string[]): Promise<ParsedArticle[]> {
    const results: ParsedArticle[] = new Array(files.length);
    let next = 0;
    const worker = async () => {
      while (next < files.length) {
        const i = next++;
        results[i] = await this.parseCached(files[i]!);
      }
    };
    await Promise.all(Array.from({ length: Math.min(readConcurrency, files.length) }, worker));
    const live = new Set(files);
    for (const file of this.files.keys()) {
      if (!live.has(file)) {
        this.files.delete(file);
        this.changed = true;
      }
    }
    return results;
  }

  private async parseCached(file: string): Promise<ParsedArticle> {
    try {
      const cached = this.files.get(file);
      if (cached) {
        const info = await stat(file);
        if (cached.mtimeMs === info.mtimeMs && cached.size === info.size) return cached.parsed;
      }
      const { text, mtimeMs, size } = readFrontMatterBlock(file);
      const parsed = this.parse(file, text);
      this.files.set(file, { mtimeMs, size, parsed });
      this.changed = true;
      return parsed;
    } catch (error) {
      this.changed = true;
      // Deleted between listing and reading (an editor renaming a file, say): report, do not crash.
      return {
        slug: path.basename(file, '.md'),
        file,
        refs: {},
        problems: [{ file: this.display(file), field: '(file)', message: `expected a readable file (${(error as NodeJS.ErrnoException).code ?? String(error)})` }],
      };
    }
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

  private async publicFileExists(src: string): Promise<boolean> {
    if (this.imagesFound.has(src)) return true;
    const resolved = path.join(this.options.publicDir, src);
    // The schema already forbids "..", this is a second line of defence.
    const inside = resolved.startsWith(this.options.publicDir + path.sep);
    const exists = inside && (await access(resolved).then(() => true, () => false));
    if (exists) this.imagesFound.add(src);
    return exists;
  }
}

/** Front matter is almost always within the first few kilobytes. */
const headBytes = 8192;
const closingFence = Buffer.from('\n---');

/**
 * Reads just enough of a file to hold its front matter: the index needs no
 * bodies, and one small synchronous read is several times faster than
 * reading whole files through the thread pool when 50,000 are scanned.
 */
export function readFrontMatterBlock(file: string): { text: string; mtimeMs: number; size: number } {
  const fd = openSync(file, 'r');
  try {
    const info = fstatSync(fd);
    const buffer = Buffer.allocUnsafe(Math.min(headBytes, info.size));
    const read = readSync(fd, buffer, 0, buffer.length, 0);
    const head = buffer.subarray(0, read);
    const fence = head.indexOf(closingFence, 3);
    // Cut after the closing fence's line so no multi-byte character is split.
    const lineEnd = fence === -1 ? -1 : head.indexOf(0x0a, fence + closingFence.length);
    let text: string;
    if (read === info.size) text = head.toString('utf8');
    else if (lineEnd !== -1) text = head.subarray(0, lineEnd + 1).toString('utf8');
    else text = readFileSync(file, 'utf8');
    return { text, mtimeMs: info.mtimeMs, size: info.size };
  } finally {
    closeSync(fd);
  }
}

function buildColumns(articles: ArticleMeta[], categories: Category[], byTag: Map<string, ArticleMeta[]>): ArticleColumns {
  const categoryOrd = new Map(categories.map((c, i) => [c.slug, i]));
  const visibleFrom = new Float64Array(articles.length);
  const category = new Uint16Array(articles.length);
  for (const a of articles) {
    visibleFrom[a.ord] = a.draft ? Infinity : a.publishedAt;
    category[a.ord] = categoryOrd.get(a.category) ?? 0xffff;
  }
  const tagOrds = new Map<string, Int32Array>();
  for (const [tag, list] of byTag) tagOrds.set(tag, Int32Array.from(list, (a) => a.ord));
  return { visibleFrom, category, tagOrds };
}

function groupBy(articles: ArticleMeta[], keys: (a: ArticleMeta) => string[]): Map<string, ArticleMeta[]> {
  const groups = new Map<string, ArticleMeta[]>();
  for (const article of articles) {
    for (const key of keys(article)) {
      const list = groups.get(key);
      if (list) list.push(article);
      else groups.set(key, [article]);
    }
  }
  return groups;
}
