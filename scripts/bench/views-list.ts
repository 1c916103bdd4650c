/**
 * The «الأكثر قراءة» list's own cost, in process (run by scripts/bench/views.mjs with
 * `node --conditions=react-server --import tsx`): a SQLite views.db holding 90 days of hourly
 * buckets for `articles` articles, then the two queries a cache refresh runs (top of 24 hours,
 * top of 7 days) and the ranking every render runs. Prints one JSON line.
 *   scripts/bench/views-list.ts <file> <articles> <samples>
 */
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { rankMostRead } from '@/lib/views/ranking';
import { openSqliteViewStore } from '@/lib/views/sqlite-store';
import { dayMs, hourMs, hourOf } from '@/lib/views/store';

async function main() {
  const [file, articlesArg = '1000', samplesArg = '200'] = process.argv.slice(2);
  if (!file) throw new Error('usage: views-list.ts <file> [articles] [samples]');
  const articles = Number(articlesArg);
  const samples = Number(samplesArg);
  const store = openSqliteViewStore(file);
  const now = Date.now();
  // Bulk load straight into the table: the recorder would take hours to write this much.
  const db = new Database(file);
  const insert = db.prepare('INSERT INTO view_hours (article, hour, views) VALUES (?, ?, ?)');
  let buckets = 0;
  db.transaction(() => {
    for (let h = 0; h < 90 * 24; h++) {
      const hour = hourOf(now) - h * hourMs;
      // Each hour about a tenth of the archive is read, the newest most.
      for (let a = 0; a < articles; a += 1 + ((a * 7 + h) % 10)) {
        insert.run(`article-${a}`, hour, 1 + ((a + h) % 50));
        buckets++;
      }
    }
  })();
  db.close();
  const time = async (work: () => Promise<unknown> | unknown) => {
    const ms: number[] = [];
    for (let i = 0; i < samples; i++) {
      const started = performance.now();
      await work();
      ms.push(performance.now() - started);
    }
    ms.sort((x, y) => x - y);
    return { p50: ms[Math.floor(ms.length / 2)]!, p99: ms[Math.min(ms.length - 1, Math.floor(ms.length * 0.99))]! };
  };
  const queries = await time(() => Promise.all([store.top(now - dayMs, 50), store.top(now - 7 * dayMs, 50)]));
  const [day, week] = await Promise.all([store.top(now - dayMs, 50), store.top(now - 7 * dayMs, 50)]);
  const ranking = await time(() => rankMostRead(day, week, (slug) => !slug.endsWith('7'), 10));
  await store.close();
  process.stdout.write(`${JSON.stringify({ articles, buckets, queries, ranking })}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
