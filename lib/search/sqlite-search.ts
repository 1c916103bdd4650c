import 'server-only';
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { markdownToText } from '@/lib/content/markdown';
import { openSqliteFile } from '@/lib/store/sqlite';
import { analyse, analysisVersion } from '@/lib/search/analysis';
import type { ChangeFeed } from '@/lib/content';
import { countLimit, type IndexProgress, type SearchDocument, type SearchHits, type SearchIndex, type SearchOptions } from '@/lib/search/index';
import { matchExpression, rankingScopes, wholeWords, type ParsedQuery } from '@/lib/search/query';
import { yieldToRequests } from '@/lib/event-loop';

/*
 * Each field is stored twice: its normalised words, and their stems; the
 * stems after a joined «و ف ب ك ل» of all fields share one more column
 * (lib/search/analysis.ts says when they are asked). The ranking asks the headline's
 * words as written first (rankingScopes in lib/search/query.ts), so exact forms rank first. The
 * category is one token of its own column, so a filter is part of the match. The headlines,
 * standfirsts and tags are kept a second time in head_fts, which the headline scopes ask.
 * The text is analysed in TypeScript and handed over space-separated; the
 * `ascii` tokenizer splits on spaces only and passes Arabic letters through
 * untouched. Contentless: the text lives in the Markdown files, the index
 * keeps only what it needs to find and rank.
 */
const schema = `
  -- id orders by date: the publication second times 1024, plus a few for articles of the same
  -- second. Newest-first is then FTS5's own rowid order, and «visible now» a rowid bound.
  CREATE TABLE docs (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    file TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime_ms REAL NOT NULL,
    meta_hash TEXT NOT NULL,
    category TEXT NOT NULL,
    -- drafts have a row (to know them unchanged) and no text in docs_fts
    draft INTEGER NOT NULL
  );
  CREATE VIRTUAL TABLE docs_fts USING fts5(
    title, title_stem, description, description_stem, tags, tags_stem, body, body_stem, joined, facet,
    content = '', contentless_delete = 1, tokenize = 'ascii', prefix = '2 3'
  );
  -- The same fields but the body, for the ranking's headline scopes: a column filter on docs_fts
  -- reads a common word's whole doclist, bodies included, to find its few headline hits
  -- (docs/performance.md: 340 → 75 ms for those scopes of the bench's queries at 250,000).
  CREATE VIRTUAL TABLE head_fts USING fts5(
    title, title_stem, description, description_stem, tags, tags_stem, facet,
    content = '', contentless_delete = 1, tokenize = 'ascii', prefix = '2 3'
  );
  -- Segments are merged a bounded step after each slice (see sync) instead of all at once inside
  -- an insert, which on a 50,000-article build held the event loop for seconds.
  INSERT INTO docs_fts (docs_fts, rank) VALUES ('automerge', 0);
  INSERT INTO docs_fts (docs_fts, rank) VALUES ('crisismerge', 200);
  INSERT INTO head_fts (head_fts, rank) VALUES ('automerge', 0);
  INSERT INTO head_fts (head_fts, rank) VALUES ('crisismerge', 200);
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`;

/**
 * What the index was built with: the analysis (words stored by another would not meet today's
 * queries) and the tables' layout (2: the headlines' table). Any other is dropped and rebuilt.
 */
const indexFormat = `${analysisVersion}/2`;

const secondsShift = 1024;
const idBase = (publishedAt: number) => Math.floor(publishedAt / 1000) * secondsShift;
/** The highest id an article visible at `now` can have (to the second). */
const lastVisibleId = (now: number) => idBase(now) + secondsShift - 1;

/** The category as one token of the `facet` column, whatever characters its slug has. */
const facetToken = (category: string) => `c${Buffer.from(category).toString('hex')}`;

/**
 * Event-loop time one slice of indexing may take before it yields: reading and analysing the
 * files, and the commit, whose cost per article is learnt as the build goes (it is about as
 * large as the analysis).
 */
const sliceMs = 40;
/** Pages of segment merging done in a turn of its own after each slice: a few milliseconds' work. */
const mergePages = 32;
/** At most this many merge steps after each slice: enough to keep up with what a slice writes. */
const mergeStepsPerSlice = 16;

type Row = { id: number; slug: string; file: string; size: number; mtime_ms: number; meta_hash: string };
/** A document's analysed columns: every field for docs_fts, the fields but the body for head_fts. */
type Texts = { all: string[]; head: string[] };
type Write = { doc: SearchDocument; size: number; mtimeMs: number; metaHash: string; texts: Texts; isNew: boolean };

/** Changes whenever anything the index keeps besides the body changes. */
function metaHash(doc: SearchDocument): string {
  const fields = [doc.title, doc.description, doc.tags, doc.category, doc.publishedAt, doc.draft];
  return createHash('sha1').update(JSON.stringify(fields)).digest('base64url');
}

const frontMatter = /^\uFEFF?---\r?\n[\s\S]*?\r?\n---[ \t]*(?:\r?\n|$)/;

/** The body as plain text; the front matter was validated by the content loader and is skipped unparsed. */
function readBody(file: string): string {
  const text = readFileSync(file, 'utf8');
  const fence = frontMatter.exec(text);
  return markdownToText(fence ? text.slice(fence[0].length) : text);
}

/** The index can always be rebuilt from the files: durability of the last commit is not worth a sync per slice. */
const open = (file: string): Database.Database =>
  openSqliteFile(file, { synchronous: 'NORMAL' }, (db) =>
    db
      .transaction(() => {
        const hasMeta = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'meta'").get();
        const version = hasMeta ? (db.prepare("SELECT value FROM meta WHERE key = 'analysis'").get() as { value: string } | undefined) : undefined;
        if (version?.value === indexFormat) return;
        // Another analysis or layout (or none yet): rebuilt from the content.
        for (const name of ['docs_fts', 'head_fts', 'docs', 'meta']) db.exec(`DROP TABLE IF EXISTS ${name}`);
        db.exec(schema);
        db.prepare("INSERT INTO meta (key, value) VALUES ('analysis', ?)").run(indexFormat);
      })
      .immediate(),
  );

export function openSqliteSearch(file: string, options: { sliceMs?: number } = {}): SearchIndex {
  const budgetMs = options.sliceMs ?? sliceMs;
  const db = open(file);
  const insertDoc = db.prepare(
    `INSERT INTO docs (id, slug, file, size, mtime_ms, meta_hash, category, draft)
     VALUES (@id, @slug, @file, @size, @mtimeMs, @metaHash, @category, @draft)`,
  );
  const updateDoc = db.prepare(
    `UPDATE docs SET file = @file, size = @size, mtime_ms = @mtimeMs, meta_hash = @metaHash, category = @category, draft = @draft
     WHERE id = @id`,
  );
  const lastIdOfSecond = db.prepare('SELECT max(id) AS id FROM docs WHERE id >= ? AND id < ?').pluck();
  const idTaken = db.prepare('SELECT 1 FROM docs WHERE id = ?').pluck();
  const rowBySlug = db.prepare('SELECT id, slug, file, size, mtime_ms, meta_hash FROM docs WHERE slug = ?');
  const removeText = db.prepare('DELETE FROM docs_fts WHERE rowid = ?');
  const insertText = db.prepare(
    `INSERT INTO docs_fts (rowid, title, title_stem, description, description_stem, tags, tags_stem, body, body_stem, joined, facet)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const removeHead = db.prepare('DELETE FROM head_fts WHERE rowid = ?');
  const insertHead = db.prepare(
    'INSERT INTO head_fts (rowid, title, title_stem, description, description_stem, tags, tags_stem, facet) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const removeTexts = (id: number) => {
    removeText.run(id);
    removeHead.run(id);
  };
  const removeDoc = db.prepare('DELETE FROM docs WHERE id = ?');
  const merges = ['docs_fts', 'head_fts'].map((table) => db.prepare(`INSERT INTO ${table} (${table}, rank) VALUES ('merge', ?)`));
  const totalChanges = db.prepare('SELECT total_changes() AS n');
  const changeCount = () => (totalChanges.get() as { n: number }).n;
  /** One bounded step of segment merging; false when there was nothing to merge (FTS5 then reports fewer than 2 changes). */
  const mergeStep = (): boolean => {
    let merged = false;
    for (const merge of merges) {
      const before = changeCount();
      merge.run(mergePages);
      if (changeCount() - before >= 2) merged = true;
    }
    return merged;
  };
  const where = 'docs_fts MATCH @match AND docs_fts.rowid <= @last';
  const count = db.prepare(`SELECT count(*) FROM (SELECT 1 FROM docs_fts WHERE ${where} LIMIT ${countLimit + 1})`).pluck();
  const countsByCategory = db.prepare(
    `SELECT d.category, count(*) AS count FROM (SELECT rowid AS id FROM docs_fts WHERE ${where} LIMIT ${countLimit}) m
     JOIN docs d ON d.id = m.id GROUP BY d.category ORDER BY count DESC, d.category`,
  );
  const newest = db.prepare(`SELECT rowid FROM docs_fts WHERE ${where} ORDER BY rowid DESC LIMIT @limit`).pluck();
  const newestInHeads = db.prepare(`SELECT rowid FROM head_fts WHERE head_fts MATCH @match AND head_fts.rowid <= @last ORDER BY rowid DESC LIMIT @limit`).pluck();
  const slugsOf = db.prepare('SELECT id, slug FROM docs WHERE id IN (SELECT value FROM json_each(?))');

  /**
   * How many articles match, up to countLimit + 1. The word being typed, taken whole, finds a subset
   * of what its prefix finds (the whole word's stem is in the columns the prefix is looked for in),
   * so when the whole word alone passes the limit the prefix does too, and FTS5 is spared building
   * the prefix's list: it merges the lists of every word that starts with it, in full, whatever the
   * LIMIT. At 250,000 articles that was 10–22 ms of a search for a common word, against 0.1 ms.
   */
  const countOf = (query: ParsedQuery, facet: string, last: number): number => {
    if (query.prefix) {
      const whole = count.get({ match: `${matchExpression(wholeWords(query))!}${facet}`, last }) as number;
      if (whole > countLimit) return whole;
    }
    return count.get({ match: `${matchExpression(query)!}${facet}`, last }) as number;
  };

  /**
   * Ids of the best `wanted` matches: each ranking scope in turn, newest first within it. The scopes
   * before the last take the word being typed as a whole word; the last asks the whole word first
   * and its prefix only if the page is not full yet (countOf says why).
   */
  const ranked = (query: ParsedQuery, facet: string, last: number, wanted: number): number[] => {
    const order: number[] = [];
    const seen = new Set<number>();
    const whole = wholeWords(query);
    // An excluded word may be in a body, which only docs_fts holds.
    const heads = query.excluded.length ? newest : newestInHeads;
    const steps: [Database.Statement, string][] = rankingScopes.map((scope, i) => [
      i === rankingScopes.length - 1 ? newest : heads,
      matchExpression(whole, scope)!,
    ]);
    if (query.prefix) steps.push([newest, matchExpression(query, rankingScopes.at(-1))!]);
    for (const [statement, match] of steps) {
      // Each step holds the one before it, so it is read past the ids already taken.
      const ids = statement.all({ match: `${match}${facet}`, last, limit: wanted + seen.size }) as number[];
      for (const id of ids) {
        if (seen.has(id)) continue;
        seen.add(id);
        order.push(id);
      }
      if (order.length >= wanted) break;
    }
    return order;
  };

  /** A free id in the article's second; a full second (1,024 articles) spills into the next ids. */
  const freshId = (publishedAt: number): number => {
    const base = idBase(publishedAt);
    const last = lastIdOfSecond.get(base, base + secondsShift) as number | null;
    let id = last === null ? base : last + 1;
    while (idTaken.get(id)) id++;
    return id;
  };

  /** Analysed in the slice's time budget: it, not SQLite, is most of the cost. */
  const analyseDocument = (doc: SearchDocument, body: string): Texts => {
    const fields = [doc.title, doc.description, doc.tags.join(' ، '), body].map(analyse);
    const columns = (of: typeof fields) => of.flatMap((f) => [f.exact, f.stems]);
    const facet = facetToken(doc.category);
    return {
      all: [...columns(fields), fields.map((f) => f.joined).join(' '), facet],
      head: [...columns(fields.slice(0, 3)), facet],
    };
  };
  // Asked once per search for the filter counts; a category left with no article counts 0 and is not shown.
  const categories = new Set(db.prepare('SELECT DISTINCT category FROM docs').pluck().all() as string[]);
  const apply = db.transaction((writes: Write[], removals: number[], version: number) => {
    setMeta.run('feed_version', String(version));
    for (const { doc, size, mtimeMs, metaHash, texts } of writes) {
      const values = { slug: doc.slug, file: doc.file, size, mtimeMs, metaHash, category: doc.category, draft: doc.draft ? 1 : 0 };
      let id = (rowBySlug.get(doc.slug) as Row | undefined)?.id;
      if (id !== undefined) removeTexts(id);
      if (id !== undefined && Math.floor(id / secondsShift) * secondsShift === idBase(doc.publishedAt)) {
        updateDoc.run({ ...values, id });
      } else {
        // A new article, or a new date: the id follows the date.
        if (id !== undefined) removeDoc.run(id);
        id = freshId(doc.publishedAt);
        insertDoc.run({ ...values, id });
      }
      if (!doc.draft) {
        insertText.run(id, ...texts.all);
        insertHead.run(id, ...texts.head);
      }
      categories.add(doc.category);
    }
    for (const id of removals) {
      removeTexts(id);
      removeDoc.run(id);
    }
  });

  const getMeta = db.prepare('SELECT value FROM meta WHERE key = ?').pluck();
  const setMeta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  const slugsAfter = db.prepare('SELECT id, slug FROM docs WHERE id > ? ORDER BY id LIMIT 2000');
  /** The last change of `feed` this index took in; `undefined` when it follows another archive (or none yet). */
  const versionFor = (feed: ChangeFeed): number | undefined => (getMeta.get('feed') === feed.id ? Number(getMeta.get('feed_version') ?? 0) : undefined);

  let indexedCount = db.prepare('SELECT count(*) FROM docs').pluck().get() as number;
  let progress: IndexProgress = { indexed: indexedCount, total: indexedCount };
  let commitMsPerWrite = 0.5;
  let closed = false;
  let running: Promise<void> | undefined;
  let again = false;
  let latestFeed: ChangeFeed | undefined;

  /** Takes in the feed's changes after the last one this index took in, in slices. */
  const follow = async (feed: ChangeFeed | undefined) => {
    if (!feed || closed) return;
    const known = versionFor(feed);
    // Another archive: every article is compared (unchanged ones cost a stat) and, at the end,
    // what that archive does not hold is removed.
    const seen = known === undefined ? new Set<string>() : undefined;
    let version = known ?? 0;
    progress = { indexed: indexedCount, total: feed.size() };
    for (;;) {
      const changes = feed.changesSince(version, 500);
      if (!changes.length) break;
      let next = 0;
      while (next < changes.length) {
        if (closed) return;
        const started = performance.now();
        const writes: Write[] = [];
        const removals: number[] = [];
        // At least one change per slice, whatever the estimate: a slow commit (a checkpoint) once
        // raised it above the budget, and the build then yielded forever without progress.
        for (let first = true; next < changes.length && (first || performance.now() - started + (writes.length + 1) * commitMsPerWrite < budgetMs); first = false) {
          const { slug, article: doc } = changes[next++]!;
          const row = rowBySlug.get(slug) as Row | undefined;
          if (!doc) {
            if (row) removals.push(row.id);
            continue;
          }
          seen?.add(slug);
          try {
            const { size, mtimeMs } = statSync(doc.file);
            const hash = metaHash(doc);
            if (row && row.file === doc.file && row.size === size && row.mtime_ms === mtimeMs && row.meta_hash === hash) continue;
            writes.push({ doc, size, mtimeMs, metaHash: hash, texts: analyseDocument(doc, readBody(doc.file)), isNew: !row });
          } catch {
            // Removed since the content scan: the feed will say so, and the next pass removes it.
            continue;
          }
        }
        version = changes[next - 1]!.version;
        const committing = performance.now();
        apply(writes, removals, version);
        if (writes.length) commitMsPerWrite = 0.7 * commitMsPerWrite + (0.3 * (performance.now() - committing)) / writes.length;
        indexedCount += writes.filter((w) => w.isNew).length - removals.length;
        progress = { indexed: indexedCount, total: progress.total };
        // Merging keeps pace with the writing, a bounded step per turn: each page is merged once per
        // level, and a step of 32 pages after a slice fell behind on a large build until FTS5's
        // crisis merge did it all inside one insert (856 ms of CPU at 50,000 articles).
        for (let step = 0; writes.length && step < mergeStepsPerSlice; step++) {
          await yieldToRequests();
          if (closed || !mergeStep()) break;
        }
        if (closed) return;
        await yieldToRequests();
      }
    }
    // What is left to merge, a step per turn.
    while (!closed && mergeStep()) await yieldToRequests();
    if (seen && !closed) {
      for (let after = Number.MIN_SAFE_INTEGER; ; ) {
        const rows = slugsAfter.all(after) as { id: number; slug: string }[];
        const gone = rows.filter((r) => !seen.has(r.slug)).map((r) => r.id);
        apply([], gone, version);
        indexedCount -= gone.length;
        if (rows.length < 2000 || closed) break;
        after = rows.at(-1)!.id;
        await yieldToRequests();
      }
      setMeta.run('feed', feed.id);
    }
    progress = { indexed: indexedCount, total: feed.size() };
  };

  return {
    async search(query, options: SearchOptions): Promise<SearchHits> {
      const words = matchExpression(query);
      if (!words) return { slugs: [], total: 0, byCategory: [] };
      const last = lastVisibleId(options.now);
      const facetOf = (category: string) => ` AND facet : "${facetToken(category)}"`;
      const all = countOf(query, '', last);
      // Counted per category only when there are at most countLimit matches, all read in one pass.
      // Past it every category is offered, uncounted: asking each one for a match cost as much as
      // the whole search for a word being typed (each asks FTS5 to merge the prefix's lists again).
      const byCategory: SearchHits['byCategory'] =
        all <= countLimit
          ? (countsByCategory.all({ match: words, last }) as { category: string; count: number }[])
          : [...categories].sort().map((category) => ({ category }));
      const facet = options.category ? facetOf(options.category) : '';
      const total = !options.category
        ? all
        : all <= countLimit
          ? (byCategory.find((c) => c.category === options.category)?.count ?? 0)
          : countOf(query, facet, last);
      if (!total) return { slugs: [], total, byCategory };
      const offset = (options.page - 1) * options.pageSize;
      const wanted = offset + options.pageSize;
      const ids = (
        options.sort === 'date' ? (newest.all({ match: `${words}${facet}`, last, limit: wanted }) as number[]) : ranked(query, facet, last, wanted)
      ).slice(offset);
      const slugById = new Map((slugsOf.all(JSON.stringify(ids)) as { id: number; slug: string }[]).map((r) => [r.id, r.slug]));
      return { slugs: ids.map((id) => slugById.get(id)).filter((slug) => slug !== undefined), total, byCategory };
    },

    sync(feed) {
      latestFeed = feed;
      if (running) {
        again = true;
        return running;
      }
      running = (async () => {
        do {
          again = false;
          await follow(latestFeed);
        } while (again && !closed);
      })().finally(() => (running = undefined));
      return running;
    },

    pending(feed) {
      const version = versionFor(feed);
      return version === undefined ? feed.size() : feed.pendingSince(version);
    },

    progress: () => progress,

    close() {
      closed = true;
      db.close();
    },
  };
}
