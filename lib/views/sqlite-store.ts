import 'server-only';
import { openSqliteDatabase } from '@/lib/store/sqlite';
import { dayMs, hourOf, type ArticleViews, type HourViews, type ViewStore } from '@/lib/views/store';

/** Each entry moves views.db one version up; `PRAGMA user_version` records where a file is. */
export const migrations: readonly string[] = [
  `CREATE TABLE view_hours (
     article TEXT NOT NULL,
     hour INTEGER NOT NULL,
     views INTEGER NOT NULL,
     PRIMARY KEY (article, hour)
   ) WITHOUT ROWID;
   -- Covering: the list's queries read a time range of buckets and never touch the table.
   CREATE INDEX view_hours_by_hour ON view_hours (hour, article, views);
   CREATE TABLE view_days (
     article TEXT NOT NULL,
     day INTEGER NOT NULL,
     views INTEGER NOT NULL,
     PRIMARY KEY (article, day)
   ) WITHOUT ROWID;
   CREATE TABLE view_readers (
     reader TEXT NOT NULL,
     article TEXT NOT NULL,
     at INTEGER NOT NULL,
     PRIMARY KEY (reader, article)
   ) WITHOUT ROWID;
   CREATE INDEX view_readers_by_at ON view_readers (at);
   CREATE TABLE view_salts (day TEXT PRIMARY KEY, value TEXT NOT NULL);`,
];

const schema = { label: 'views.db', migrations };

export function openSqliteViewStore(file: string): ViewStore {
  // NORMAL in WAL mode survives a killed process (the kill -9 case); only a power cut may
  // lose the last commits, which for view counts is an acceptable trade for a sync-free write.
  const db = openSqliteDatabase(file, schema, { synchronous: 'NORMAL' });

  // The upsert's WHERE leaves the row untouched (changes = 0) when the reader was counted inside the window.
  const claim = db.prepare(
    `INSERT INTO view_readers (reader, article, at) VALUES (?, ?, ?)
     ON CONFLICT (reader, article) DO UPDATE SET at = excluded.at WHERE view_readers.at <= excluded.at - ?`,
  );
  const addHour = db.prepare(
    'INSERT INTO view_hours (article, hour, views) VALUES (?, ?, ?) ON CONFLICT (article, hour) DO UPDATE SET views = views + excluded.views',
  );
  const top = db.prepare(
    `SELECT article, sum(views) AS views FROM (
       SELECT article, views FROM view_hours WHERE hour >= @since
       UNION ALL SELECT article, views FROM view_days WHERE day >= @since
     ) GROUP BY article ORDER BY views DESC, article LIMIT @limit`,
  );
  const hourly = db.prepare('SELECT hour, sum(views) AS views FROM view_hours WHERE hour >= ? GROUP BY hour ORDER BY hour');
  const foldHours = db.prepare(
    `INSERT INTO view_days (article, day, views)
     SELECT article, (hour / ${dayMs}) * ${dayMs}, sum(views) FROM view_hours WHERE hour < ? GROUP BY 1, 2
     ON CONFLICT (article, day) DO UPDATE SET views = views + excluded.views`,
  );
  const dropHours = db.prepare('DELETE FROM view_hours WHERE hour < ?');
  const forget = db.prepare('DELETE FROM view_readers WHERE at < ?');
  const readSalt = db.prepare('SELECT value FROM view_salts WHERE day = ?');
  const writeSalt = db.prepare('INSERT OR IGNORE INTO view_salts (day, value) VALUES (?, ?)');
  const dropSalts = db.prepare('DELETE FROM view_salts WHERE day < ?');
  const totals = db.prepare(
    `SELECT article, sum(views) AS views FROM (
       SELECT article, views FROM view_hours UNION ALL SELECT article, views FROM view_days
     ) GROUP BY article ORDER BY article`,
  );

  const record = db.transaction((views: readonly { article: string; reader: string; at: number }[], dedupMs: number) => {
    const counts = new Map<string, { article: string; hour: number; views: number }>();
    for (const view of views) {
      if (claim.run(view.reader, view.article, view.at, dedupMs).changes === 0) continue;
      const hour = hourOf(view.at);
      const key = `${hour} ${view.article}`;
      const bucket = counts.get(key);
      if (bucket) bucket.views++;
      else counts.set(key, { article: view.article, hour, views: 1 });
    }
    let counted = 0;
    for (const bucket of counts.values()) {
      addHour.run(bucket.article, bucket.hour, bucket.views);
      counted += bucket.views;
    }
    return counted;
  });
  const compact = db.transaction((before: number) => {
    foldHours.run(before);
    return dropHours.run(before).changes;
  });

  return {
    async record(views, dedupMs) {
      // IMMEDIATE: the dedup read and the write happen under one lock across processes.
      return views.length ? record.immediate(views, dedupMs) : 0;
    },
    async top(since, limit) {
      return top.all({ since, limit }) as ArticleViews[];
    },
    async hourly(since) {
      return hourly.all(since) as HourViews[];
    },
    async compact(before) {
      return compact.immediate(before);
    },
    async forgetReaders(before) {
      return forget.run(before).changes;
    },
    async dailySalt(day, create) {
      const existing = readSalt.get(day) as { value: string } | undefined;
      if (existing) return existing.value;
      writeSalt.run(day, create());
      dropSalts.run(day);
      return (readSalt.get(day) as { value: string }).value;
    },
    async totals() {
      return totals.all() as ArticleViews[];
    },
    async close() {
      db.close();
    },
  };
}
