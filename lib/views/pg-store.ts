import 'server-only';
import { classify, inTransaction, openStorePool } from '@/lib/store/postgres';
import type { PostgresConfig } from '@/lib/settings.mjs';
import { dayMs, hourMs, type ArticleViews, type HourViews, type ViewStore } from '@/lib/views/store';

/**
 * Each entry moves the views schema one version up. The tables share a database with the comments,
 * so the versions are recorded in a table of their own.
 */
export const migrations: readonly string[] = [
  `CREATE TABLE view_hours (
     article text NOT NULL,
     hour bigint NOT NULL,
     views bigint NOT NULL,
     PRIMARY KEY (article, hour)
   );
   CREATE INDEX view_hours_by_hour ON view_hours (hour, article, views);
   CREATE TABLE view_days (
     article text NOT NULL,
     day bigint NOT NULL,
     views bigint NOT NULL,
     PRIMARY KEY (article, day)
   );
   CREATE TABLE view_readers (
     reader text NOT NULL,
     article text NOT NULL,
     at bigint NOT NULL,
     PRIMARY KEY (reader, article)
   );
   CREATE INDEX view_readers_by_at ON view_readers (at);
   CREATE TABLE view_salts (day text PRIMARY KEY, value text NOT NULL);`,
];

// "khabar-v" as one 64-bit number: apart from the comments' migration lock.
const migrationLock = '7739543034805759606';



const schema = { versionTable: 'view_schema_migrations', lock: migrationLock, label: 'the PostgreSQL views schema', migrations };

// One statement per batch. Readers are claimed in time order; the upsert's WHERE skips (and so
// leaves out of RETURNING) a reader counted inside the window, by this batch or any other process.
const recordSql = `WITH batch AS (
    SELECT DISTINCT ON (reader, article) reader, article, at
    FROM unnest($1::text[], $2::text[], $3::bigint[]) AS b(reader, article, at)
    ORDER BY reader, article, at
  ), claimed AS (
    INSERT INTO view_readers AS r (reader, article, at) SELECT reader, article, at FROM batch
    ON CONFLICT (reader, article) DO UPDATE SET at = excluded.at WHERE r.at <= excluded.at - $4
    RETURNING article, at
  ), added AS (
    INSERT INTO view_hours AS h (article, hour, views)
    SELECT article, (at / ${hourMs}) * ${hourMs}, count(*) FROM claimed GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (article, hour) DO UPDATE SET views = h.views + excluded.views
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM claimed)::int AS counted, (SELECT count(*) FROM added)::int AS buckets`;

const compactSql = `WITH moved AS (
    DELETE FROM view_hours WHERE hour < $1 RETURNING article, hour, views
  ), folded AS (
    INSERT INTO view_days AS d (article, day, views)
    SELECT article, (hour / ${dayMs}) * ${dayMs}, sum(views) FROM moved GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (article, day) DO UPDATE SET views = d.views + excluded.views
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM moved)::int AS moved, (SELECT count(*) FROM folded)::int AS days`;

export async function openPostgresViewStore(config: PostgresConfig): Promise<ViewStore> {
  // Writes are one batch a second and reads are cached: a few connections are plenty.
  const { pool, query } = await openStorePool(config, { name: 'views', max: Math.min(config.poolMax, 3), applicationName: `${config.applicationName}-views`, schema });
  const salts = new Map<string, string>();
  let closing: Promise<void> | undefined;

  return {
    async record(views, dedupMs) {
      if (!views.length) return 0;
      // Within one batch a reader's later views of an article are judged against the first,
      // as the SQLite store does row by row: DISTINCT ON keeps the earliest, the rest are
      // counted only if they fall outside the window after it.
      const sorted = [...views].sort((a, b) => a.at - b.at);
      let counted = 0;
      const first = new Map<string, number>();
      const rounds: (typeof sorted)[] = [];
      for (const view of sorted) {
        const key = `${view.reader} ${view.article}`;
        const round = first.get(key) ?? 0;
        first.set(key, round + 1);
        (rounds[round] ??= []).push(view);
      }
      // One transaction: a batch the recorder retries after a failure was written not at all.
      return inTransaction(pool, async (client) => {
        for (const round of rounds) {
          const { rows } = await client.query<{ counted: number }>(recordSql, [
            round.map((v) => v.reader),
            round.map((v) => v.article),
            round.map((v) => v.at),
            dedupMs,
          ]);
          counted += rows[0]!.counted;
        }
        return counted;
      }).catch((error: unknown) => {
        throw classify(error);
      });
    },
    async top(since, limit) {
      const { rows } = await query<{ article: string; views: string }>(
        `SELECT article, sum(views) AS views FROM (
           SELECT article, views FROM view_hours WHERE hour >= $1
           UNION ALL SELECT article, views FROM view_days WHERE day >= $1
         ) v GROUP BY article ORDER BY sum(views) DESC, article COLLATE "C" LIMIT $2`,
        [since, limit],
      );
      return rows.map((r): ArticleViews => ({ article: r.article, views: Number(r.views) }));
    },
    async hourly(since) {
      const { rows } = await query<{ hour: string; views: string }>(
        'SELECT hour, sum(views) AS views FROM view_hours WHERE hour >= $1 GROUP BY hour ORDER BY hour',
        [since],
      );
      return rows.map((r): HourViews => ({ hour: Number(r.hour), views: Number(r.views) }));
    },
    async compact(before) {
      const { rows } = await query<{ moved: number }>(compactSql, [before]);
      return rows[0]!.moved;
    },
    async forgetReaders(before) {
      return (await query('DELETE FROM view_readers WHERE at < $1', [before])).rowCount ?? 0;
    },
    async dailySalt(day, create) {
      const known = salts.get(day);
      if (known !== undefined) return known;
      await query('INSERT INTO view_salts (day, value) VALUES ($1, $2) ON CONFLICT (day) DO NOTHING', [day, create()]);
      await query('DELETE FROM view_salts WHERE day < $1', [day]);
      const value = (await query<{ value: string }>('SELECT value FROM view_salts WHERE day = $1', [day])).rows[0]!.value;
      salts.clear();
      salts.set(day, value);
      return value;
    },
    async totals() {
      const { rows } = await query<{ article: string; views: string }>(
        `SELECT article, sum(views) AS views FROM (
           SELECT article, views FROM view_hours UNION ALL SELECT article, views FROM view_days
         ) v GROUP BY article ORDER BY article COLLATE "C"`,
        [],
      );
      return rows.map((r): ArticleViews => ({ article: r.article, views: Number(r.views) }));
    },
    close() {
      return (closing ??= pool.end());
    },
  };
}
