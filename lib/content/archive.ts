import 'server-only';
import type Database from 'better-sqlite3';
import { currentBreaking } from '@/lib/content/breaking';
import { lastModified } from '@/lib/content/corrections';
import type { ArticleMeta, ParsedArticle } from '@/lib/content/load';
import type { ContentProblem } from '@/lib/content/problems';
import type { Category } from '@/lib/content/schema';
import { openSqliteFile } from '@/lib/store/sqlite';

/*
 * The content index on disk: every Markdown file's parsed head, and the valid articles as rows
 * the pages' named questions (lib/content/queries.ts) read with SQL. It shares DATA_DIR/archive.db
 * with the search index (lib/search/sqlite-search.ts), which follows it through `changesSince`.
 * The scan (lib/content/load.ts) writes here; nothing else does.
 *
 * Drafts are rows too (previews, the editors' desk): their `visible_from` is `never`, so «published
 * at `now`» is `visible_from <= now` everywhere, a range on each list's index.
 */

/**
 * The layout below. The archive is derived from the files, so a file of another layout is not
 * migrated: its tables are dropped and the next scan rebuilds them (and the search index, seeing a
 * new archive id, compares every article once). Bump it with any change to the tables.
 */
const layoutVersion = 2;
const tables = ['content_files', 'content_articles', 'content_tags', 'content_problems', 'content_removals', 'content_state'];

const layout = `
   CREATE TABLE content_files (
     file TEXT PRIMARY KEY,
     folder TEXT NOT NULL,
     size INTEGER NOT NULL,
     mtime_ms REAL NOT NULL,
     slug TEXT NOT NULL,
     -- ParsedArticle without slug and file, as JSON
     parsed TEXT NOT NULL
   );
   CREATE INDEX content_files_folder ON content_files (folder);
   CREATE INDEX content_files_slug ON content_files (slug);
   CREATE TABLE content_articles (
     slug TEXT PRIMARY KEY,
     file TEXT NOT NULL,
     visible_from REAL NOT NULL,
     category TEXT NOT NULL,
     author TEXT NOT NULL,
     image TEXT,
     breaking_until REAL,
     live_ended_at REAL,
     -- the file's size and modification time: a new body is a change too (the search index reads it)
     stamp TEXT NOT NULL,
     -- the article's last change (lib/content/corrections.ts lastModified): the sitemaps' lastmod
     modified_at REAL NOT NULL,
     -- ArticleMeta without slug and file, as JSON
     meta TEXT NOT NULL,
     version INTEGER NOT NULL
   );
   CREATE INDEX content_articles_all ON content_articles (visible_from DESC, slug, modified_at);
   CREATE INDEX content_articles_category ON content_articles (category, visible_from DESC, slug);
   CREATE INDEX content_articles_author ON content_articles (author, visible_from DESC, slug);
   CREATE INDEX content_articles_version ON content_articles (version);
   CREATE INDEX content_articles_image ON content_articles (image) WHERE image IS NOT NULL;
   CREATE INDEX content_articles_timed ON content_articles (breaking_until) WHERE breaking_until IS NOT NULL OR live_ended_at IS NOT NULL;
   CREATE TABLE content_tags (
     tag TEXT NOT NULL,
     visible_from REAL NOT NULL,
     slug TEXT NOT NULL,
     category TEXT NOT NULL,
     PRIMARY KEY (tag, visible_from DESC, slug)
   ) WITHOUT ROWID;
   CREATE INDEX content_tags_slug ON content_tags (slug);
   CREATE TABLE content_problems (slug TEXT NOT NULL, file TEXT NOT NULL, field TEXT NOT NULL, message TEXT NOT NULL);
   CREATE INDEX content_problems_slug ON content_problems (slug);
   CREATE INDEX content_problems_field ON content_problems (field);
   -- What the change feed says of an article no longer served.
   CREATE TABLE content_removals (slug TEXT PRIMARY KEY, version INTEGER NOT NULL);
   CREATE INDEX content_removals_version ON content_removals (version);
   CREATE TABLE content_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
   INSERT INTO content_state (key, value) VALUES ('version', '0'), ('id', lower(hex(randomblob(8))));`;

function prepareLayout(db: Database.Database): void {
  const current = () => db.pragma('user_version', { simple: true }) as number;
  // Every open but the first finds it in place and takes no write lock.
  if (current() === layoutVersion) return;
  db.transaction(() => {
    if (current() === layoutVersion) return;
    for (const name of tables) db.exec(`DROP TABLE IF EXISTS ${name}`);
    db.exec(layout);
    db.pragma(`user_version = ${layoutVersion}`);
  }).immediate();
}

/** `visible_from` of a draft: later than any date an article can carry. */
const never = 9e15;
/** Everything, drafts included, for the questions that want them. */
export const everything = never;

export type ListFilter = { category: string } | { tag: string } | { author: string } | Record<string, never>;

/** A file as the scan last read it. */
export type FileUpdate = { file: string; folder: string; size: number; mtimeMs: number; parsed: ParsedArticle };

/** What settling a slug checks beyond the file itself. */
export type CrossChecks = {
  categories: ReadonlyMap<string, unknown>;
  authors: ReadonlyMap<string, unknown>;
  imageExists(src: string): boolean;
  display(file: string): string;
};

/** One entry of the change feed: an article written (`doc`) or no longer served (no `doc`). */
export type ArchiveChange = { version: number; slug: string; article?: ArticleMeta };

type StoredParse = Omit<ParsedArticle, 'slug' | 'file'>;
type ArticleRow = { slug: string; file: string; meta: string };
type Candidate = { slug: string; visible_from: number; category: string };

const toArticle = (row: ArticleRow): ArticleMeta => ({ slug: row.slug, file: row.file, ...(JSON.parse(row.meta) as Omit<ArticleMeta, 'slug' | 'file'>) });

/** Where a list's rows are, newest first on a covering index: its table, its condition, the key bound to `@key`. */
function listSource(filter: ListFilter): [table: string, where: string, key: string | undefined] {
  if ('category' in filter) return ['content_articles', 'category = @key AND', filter.category];
  if ('author' in filter) return ['content_articles', 'author = @key AND', filter.author];
  if ('tag' in filter) return ['content_tags', 'tag = @key AND', filter.tag];
  return ['content_articles', '', undefined];
}

export class Archive {
  readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();
  /** List sizes, kept until the archive's version changes or an article in them falls due. */
  private counts = new Map<string, number>();
  private countsFor = { version: -1, from: Infinity, until: -Infinity };

  constructor(file: string) {
    // NORMAL: a power cut may lose the last scan's writes, which the next scan makes again.
    this.db = openSqliteFile(file, { synchronous: 'NORMAL' }, prepareLayout);
  }

  private sql(text: string): Database.Statement {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
  }

  /** Identifies this archive: a change feed's versions mean nothing to another one. */
  get id(): string {
    return (this.sql("SELECT value FROM content_state WHERE key = 'id'").pluck().get() as string);
  }

  /** Grows with every article written or removed, by any process sharing the file. */
  version(): number {
    return Number(this.sql("SELECT value FROM content_state WHERE key = 'version'").pluck().get());
  }

  state(key: string): string | undefined {
    return this.sql('SELECT value FROM content_state WHERE key = ?').pluck().get(key) as string | undefined;
  }

  setState(key: string, value: string): void {
    this.sql('INSERT INTO content_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  // ------------------------------------------------------------ the scan's side

  /** The files a folder held at the last scan, with the size and time they were read at. */
  filesIn(folder: string): Map<string, { size: number; mtimeMs: number }> {
    const rows = this.sql('SELECT file, size, mtime_ms FROM content_files WHERE folder = ?').raw().all(folder) as [string, number, number][];
    return new Map(rows.map(([file, size, mtimeMs]) => [file, { size, mtimeMs }]));
  }

  folders(): string[] {
    return this.sql('SELECT DISTINCT folder FROM content_files').pluck().all() as string[];
  }

  /** Stores what was read and forgets what is gone; returns the slugs whose articles may have changed. */
  writeFiles(updates: readonly FileUpdate[], removed: readonly string[]): Set<string> {
    const affected = new Set<string>();
    const slugOf = this.sql('SELECT slug FROM content_files WHERE file = ?').pluck();
    const upsert = this.sql(
      `INSERT INTO content_files (file, folder, size, mtime_ms, slug, parsed) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (file) DO UPDATE SET folder = excluded.folder, size = excluded.size, mtime_ms = excluded.mtime_ms,
         slug = excluded.slug, parsed = excluded.parsed`,
    );
    const remove = this.sql('DELETE FROM content_files WHERE file = ?');
    this.db
      .transaction(() => {
        for (const { file, folder, size, mtimeMs, parsed } of updates) {
          const before = slugOf.get(file) as string | undefined;
          if (before !== undefined) affected.add(before);
          affected.add(parsed.slug);
          const stored: StoredParse = { refs: parsed.refs, problems: parsed.problems, ...(parsed.meta ? { meta: parsed.meta } : {}) };
          upsert.run(file, folder, size, mtimeMs, parsed.slug, JSON.stringify(stored));
        }
        for (const file of removed) {
          const before = slugOf.get(file) as string | undefined;
          if (before === undefined) continue;
          affected.add(before);
          remove.run(file);
        }
      })
      .immediate();
    return affected;
  }

  /** Slugs of every file, a batch at a time in slug order: for a change that concerns them all. */
  slugsAfter(after: string, limit: number): string[] {
    return this.sql('SELECT DISTINCT slug FROM content_files WHERE slug > ? ORDER BY slug LIMIT ?').pluck().all(after, limit) as string[];
  }

  /** Slugs held back by a problem in `field` (a missing picture is looked for again at each scan). */
  slugsWithProblem(field: string): string[] {
    return this.sql('SELECT DISTINCT slug FROM content_problems WHERE field = ?').pluck().all(field) as string[];
  }

  /** Every picture a served article names. */
  images(): string[] {
    return this.sql('SELECT DISTINCT image FROM content_articles WHERE image IS NOT NULL').pluck().all() as string[];
  }

  /**
   * Decides, for each slug, from the files that carry it: served (one valid file whose category,
   * author and picture exist), or held back with its problems. Changed articles take a new version.
   */
  settle(slugs: Iterable<string>, checks: CrossChecks): void {
    const filesOf = this.sql('SELECT file, size, mtime_ms, parsed FROM content_files WHERE slug = ? ORDER BY file');
    const clearProblems = this.sql('DELETE FROM content_problems WHERE slug = ?');
    const addProblem = this.sql('INSERT INTO content_problems (slug, file, field, message) VALUES (?, ?, ?, ?)');
    this.db
      .transaction(() => {
        let version = this.version();
        for (const slug of slugs) {
          const rows = filesOf.all(slug) as { file: string; size: number; mtime_ms: number; parsed: string }[];
          clearProblems.run(slug);
          let valid: { article: ArticleMeta; stamp: string } | undefined;
          for (const row of rows) {
            const parsed = JSON.parse(row.parsed) as StoredParse;
            const own = [...parsed.problems];
            const shown = checks.display(row.file);
            // Which of two files with one slug an editor meant cannot be guessed, so both are refused.
            const others = rows.filter((r) => r.file !== row.file);
            if (others.length) {
              own.push({
                file: shown,
                field: 'slug',
                message: `expected a unique slug; "${slug}" is also used by ${others.map((r) => checks.display(r.file)).join(', ')}`,
              });
            }
            const { category, author, image } = parsed.refs;
            if (category && checks.categories.size && !checks.categories.has(category)) {
              own.push({ file: shown, field: 'category', message: `expected one of ${[...checks.categories.keys()].join(', ')}; got "${category}"` });
            }
            if (author && checks.authors.size && !checks.authors.has(author)) {
              own.push({ file: shown, field: 'author', message: `expected one of ${[...checks.authors.keys()].join(', ')}; got "${author}"` });
            }
            if (image && !own.some((p) => p.field === 'image') && !checks.imageExists(image)) {
              own.push({ file: shown, field: 'image', message: `expected an existing file public${image}` });
            }
            for (const p of own) addProblem.run(slug, p.file, p.field, p.message);
            if (!own.length && parsed.meta) valid = { article: { slug, file: row.file, ...parsed.meta }, stamp: `${row.size}:${row.mtime_ms}` };
          }
          version = valid ? this.put(valid.article, valid.stamp, version) : this.drop(slug, version);
        }
        this.setState('version', String(version));
      })
      .immediate();
  }

  private put(article: ArticleMeta, stamp: string, version: number): number {
    const { slug, file, ...rest } = article;
    const meta = JSON.stringify(rest);
    const known = this.sql('SELECT file, stamp, meta FROM content_articles WHERE slug = ?').get(slug) as { file: string; stamp: string; meta: string } | undefined;
    if (known?.file === file && known.stamp === stamp && known.meta === meta) return version;
    const visibleFrom = article.draft ? never : article.publishedAt;
    this.sql(
      `INSERT OR REPLACE INTO content_articles
         (slug, file, visible_from, category, author, image, breaking_until, live_ended_at, stamp, modified_at, meta, version)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      slug,
      file,
      visibleFrom,
      article.category,
      article.author,
      article.image?.src ?? null,
      article.breakingUntil ?? null,
      article.live?.endedAt ?? null,
      stamp,
      lastModified(article).at,
      meta,
      version + 1,
    );
    this.sql('DELETE FROM content_tags WHERE slug = ?').run(slug);
    const tag = this.sql('INSERT OR IGNORE INTO content_tags (tag, visible_from, slug, category) VALUES (?, ?, ?, ?)');
    for (const t of article.tags) tag.run(t, visibleFrom, slug, article.category);
    this.sql('DELETE FROM content_removals WHERE slug = ?').run(slug);
    return version + 1;
  }

  private drop(slug: string, version: number): number {
    if (!this.sql('DELETE FROM content_articles WHERE slug = ?').run(slug).changes) return version;
    this.sql('DELETE FROM content_tags WHERE slug = ?').run(slug);
    this.sql('INSERT OR REPLACE INTO content_removals (slug, version) VALUES (?, ?)').run(slug, version + 1);
    return version + 1;
  }

  /** Every article's problems, in file order. */
  problems(): ContentProblem[] {
    return this.sql('SELECT file, field, message FROM content_problems ORDER BY file, rowid').all() as ContentProblem[];
  }

  problemsOf(slug: string): ContentProblem[] {
    return this.sql('SELECT file, field, message FROM content_problems WHERE slug = ? ORDER BY file, rowid').all(slug) as ContentProblem[];
  }

  // ------------------------------------------------------------ the pages' side

  /** Any valid article, drafts and scheduled ones included. */
  article(slug: string): ArticleMeta | undefined {
    const row = this.sql('SELECT slug, file, meta FROM content_articles WHERE slug = ?').get(slug) as ArticleRow | undefined;
    return row && toArticle(row);
  }

  /** Valid articles, drafts included. */
  size(): number {
    return this.sql('SELECT count(*) FROM content_articles').pluck().get() as number;
  }

  /** Every valid article's slug and file, drafts included, in list order: for a question about files, without reading each article whole. */
  files(): { slug: string; file: string }[] {
    return this.sql('SELECT slug, file FROM content_articles ORDER BY visible_from DESC, slug').all() as { slug: string; file: string }[];
  }

  /** Articles of a list visible at `now` (`everything`: drafts too), newest first, `limit` from `offset`. */
  list(filter: ListFilter, now: number, offset = 0, limit = -1): ArticleMeta[] {
    const [table, where, key] = listSource(filter);
    // The page is found on the list's covering index; only its own rows are read whole.
    const rows = this.sql(
      `SELECT a.slug, a.file, a.meta FROM (
         SELECT slug, visible_from FROM ${table} WHERE ${where} visible_from <= @now ORDER BY visible_from DESC, slug LIMIT @limit OFFSET @offset
       ) p JOIN content_articles a ON a.slug = p.slug ORDER BY p.visible_from DESC, p.slug`,
    ).all({ key, now, limit, offset }) as ArticleRow[];
    return rows.map(toArticle);
  }

  /** How many articles of a list are visible at `now`. */
  count(filter: ListFilter, now: number): number {
    const version = this.version();
    // Between `from` and the next article falling due, no list's count changes.
    if (version !== this.countsFor.version || now < this.countsFor.from || now >= this.countsFor.until) {
      this.counts = new Map();
      this.countsFor = { version, from: now, until: this.nextDue(now) };
    }
    const memo = `${now >= never ? 'all' : 'now'}:${JSON.stringify(filter)}`;
    let count = this.counts.get(memo);
    if (count === undefined) {
      const [table, where, key] = listSource(filter);
      count = this.sql(`SELECT count(*) FROM ${table} WHERE ${where} visible_from <= @now`).pluck().get({ key, now }) as number;
      // Only lists that exist are remembered, so made-up tags in URLs cannot grow the memo.
      if (count > 0) this.counts.set(memo, count);
    }
    return count;
  }

  /** The first moment after `now` at which an article falls due. */
  private nextDue(now: number): number {
    return (this.sql('SELECT min(visible_from) FROM content_articles WHERE visible_from > ? AND visible_from < ?').pluck().get(now, never) as number | null) ?? Infinity;
  }

  /** Moments after `now` at which a page changes with no file changing: an article falls due, a banner or a live page ends. */
  nextChange(now: number): number {
    const timed = this.sql(
      `SELECT min(CASE WHEN breaking_until > @now THEN breaking_until END), min(CASE WHEN live_ended_at > @now THEN live_ended_at END)
       FROM content_articles WHERE breaking_until IS NOT NULL OR live_ended_at IS NOT NULL`,
    ).raw().get({ now }) as [number | null, number | null];
    return Math.min(this.nextDue(now), timed[0] ?? Infinity, timed[1] ?? Infinity);
  }

  /** The banner's article: the newest published breaking article not yet expired. */
  breaking(now: number): ArticleMeta | undefined {
    const rows = this.sql(
      'SELECT slug, file, meta FROM content_articles WHERE breaking_until IS NOT NULL AND breaking_until > ? AND visible_from <= ?',
    ).all(now, now) as ArticleRow[];
    return currentBreaking(rows.map(toArticle), now);
  }

  /** Every published article's slug and last change, newest first, read off one index: the sitemaps. */
  sitemapRows(now: number): { slug: string; modifiedAt: number }[] {
    return this.sql('SELECT slug, modified_at AS modifiedAt FROM content_articles WHERE visible_from <= ? ORDER BY visible_from DESC, slug').all(now) as {
      slug: string;
      modifiedAt: number;
    }[];
  }

  /** Articles that show the picture `src`. */
  imageUsers(src: string): ArticleMeta[] {
    return (this.sql('SELECT slug, file, meta FROM content_articles WHERE image = ?').all(src) as ArticleRow[]).map(toArticle);
  }

  /** Drafts and scheduled articles at `now`, soonest first (drafts by their date). */
  unpublished(now: number): ArticleMeta[] {
    const rows = this.sql('SELECT slug, file, meta FROM content_articles WHERE visible_from > ? ORDER BY visible_from, slug').all(now) as ArticleRow[];
    return rows.map(toArticle);
  }

  /** Tags with a published article, each with its newest, in tag order. */
  tagsWithNewest(now: number): { tag: string; newest: ArticleMeta }[] {
    const rows = this.sql(
      `SELECT t.tag, a.slug, a.file, a.meta FROM (
         SELECT tag, (SELECT slug FROM content_tags n WHERE n.tag = g.tag AND n.visible_from <= @now ORDER BY visible_from DESC, slug LIMIT 1) AS slug
         FROM (SELECT DISTINCT tag FROM content_tags) g
       ) t JOIN content_articles a ON a.slug = t.slug ORDER BY t.tag`,
    ).all({ now }) as (ArticleRow & { tag: string })[];
    return rows.map((row) => ({ tag: row.tag, newest: toArticle(row) }));
  }

  /**
   * Up to `limit` published articles related to `article`: most shared tags, then same category,
   * then newest; never the article itself. Each tag offers its newest 1,000 published articles,
   * so an archive's popular tags cost a bounded read per render.
   */
  related(article: ArticleMeta, now: number, limit: number, categories: readonly Category[]): ArticleMeta[] {
    if (limit <= 0) return [];
    type Ranked = { slug: string; shared: number; same: number; at: number };
    const found = new Map<string, Ranked>();
    const offer = (row: Candidate) => {
      if (row.slug !== article.slug) found.set(row.slug, { slug: row.slug, shared: 0, same: row.category === article.category ? 1 : 0, at: row.visible_from });
    };
    // SQLite counts the shared tags and keeps the best `limit`: at 250,000 articles handing the up
    // to 1,000 rows per tag to JavaScript cost 2 ms of every article's render.
    if (article.tags.length) {
      const windows = article.tags.map(
        (_, i) => `SELECT * FROM (SELECT slug, visible_from, category FROM content_tags WHERE tag = @t${i} AND visible_from <= @now ORDER BY visible_from DESC, slug LIMIT 1000)`,
      );
      const byTags = this.sql(
        `SELECT slug, count(*) AS shared, max(category = @category) AS same, max(visible_from) AS at FROM (${windows.join(' UNION ALL ')})
         WHERE slug <> @self GROUP BY slug ORDER BY shared DESC, same DESC, at DESC, slug LIMIT @limit`,
      );
      const parameters = Object.fromEntries(article.tags.map((tag, i) => [`t${i}`, tag]));
      for (const row of byTags.all({ ...parameters, now, category: article.category, self: article.slug, limit }) as Ranked[]) found.set(row.slug, row);
    }
    // Articles sharing no tag rank by category, then recency: the newest `limit` of each kind suffice.
    const knownCategory = categories.some((c) => c.slug === article.category);
    const sources: [Database.Statement, unknown[]][] = [
      [this.sql('SELECT slug, visible_from, category FROM content_articles WHERE category = ? AND visible_from <= ? ORDER BY visible_from DESC, slug'), [article.category, now]],
      [this.sql('SELECT slug, visible_from, category FROM content_articles WHERE visible_from <= ? ORDER BY visible_from DESC, slug'), [now]],
    ];
    for (const [i, [statement, parameters]] of sources.entries()) {
      // Fewer than `limit` articles share a tag only when `found` holds them all; else none is needed.
      if (found.size >= limit) break;
      if (i === 0 && !knownCategory) continue;
      let taken = 0;
      for (const row of statement.iterate(...parameters) as IterableIterator<Candidate>) {
        if (found.has(row.slug) || row.slug === article.slug) continue;
        if (i === 1 && row.category === article.category && knownCategory) continue;
        offer(row);
        if (++taken >= limit) break;
      }
    }
    const ranked = [...found.values()].sort((a, b) => b.shared - a.shared || b.same - a.same || b.at - a.at || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
    return ranked
      .slice(0, limit)
      .map((r) => this.article(r.slug))
      .filter((a): a is ArticleMeta => a !== undefined);
  }

  // ------------------------------------------------------------ the change feed

  /** Articles written and removed after `version`, oldest change first. */
  changesSince(version: number, limit: number): ArchiveChange[] {
    const rows = this.sql(
      `SELECT version, slug, file, meta FROM content_articles WHERE version > @version
       UNION ALL SELECT version, slug, NULL, NULL FROM content_removals WHERE version > @version
       ORDER BY version LIMIT @limit`,
    ).all({ version, limit }) as { version: number; slug: string; file: string | null; meta: string | null }[];
    return rows.map((row) => ({
      version: row.version,
      slug: row.slug,
      ...(row.meta !== null && row.file !== null ? { article: toArticle({ slug: row.slug, file: row.file, meta: row.meta }) } : {}),
    }));
  }

  /** How many changes are after `version`. */
  pendingSince(version: number): number {
    return this.sql(
      'SELECT (SELECT count(*) FROM content_articles WHERE version > @version) + (SELECT count(*) FROM content_removals WHERE version > @version)',
    ).pluck().get({ version }) as number;
  }

  close(): void {
    this.db.close();
  }
}
