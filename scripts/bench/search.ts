/**
 * Search at archive scale, in process (no HTTP): builds the SQLite FTS5 index
 * from nothing over a generated archive, reopens it as after a restart, and
 * times a fixed list of 100 Arabic queries built from the archive's headlines
 * (bare words without «ال», prefixes, two words, phrases, exclusions).
 *
 *   npm run content:generate -- --count 50000 --out /tmp/khabar-bench-50000
 *   node --conditions=react-server --import tsx scripts/bench/search.ts /tmp/khabar-bench-50000
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ContentLoader } from '@/lib/content/load';
import { parseQuery } from '@/lib/search/query';
import { openSqliteSearch } from '@/lib/search/sqlite-search';

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);

/**
 * The longest gap between event-loop turns while `work` runs, in wall time (what a request would
 * wait, machine load included) and in CPU time of this process (what the index itself held it).
 */
async function longestBlock<T>(work: () => Promise<T>): Promise<{ result: T; longestMs: number; longestCpuMs: number }> {
  let longestMs = 0;
  let longestCpuMs = 0;
  let last = performance.now();
  let lastCpu = process.cpuUsage();
  const probe = setInterval(() => {
    const t = performance.now();
    const spent = process.cpuUsage(lastCpu);
    longestMs = Math.max(longestMs, t - last);
    longestCpuMs = Math.max(longestCpuMs, (spent.user + spent.system) / 1000);
    last = t;
    lastCpu = process.cpuUsage();
  }, 1);
  try {
    return { result: await work(), longestMs, longestCpuMs };
  } finally {
    clearInterval(probe);
  }
}

function fixedQueries(titles: string[]): string[] {
  const words = titles.flatMap((t) => t.split(/\s+/)).filter((w) => /^[\u0621-\u064a]{4,}$/u.test(w));
  const bare = (w: string) => w.replace(/^(ال|وال|بال|لل)/u, '');
  return Array.from({ length: 100 }, (_, i) => {
    const word = words[(i * 7919) % words.length]!;
    const other = words[(i * 104729) % words.length]!;
    switch (i % 5) {
      case 0:
        return bare(word);
      case 1:
        return word.slice(0, Math.max(2, word.length - 2));
      case 2:
        return `${bare(word)} ${other}`;
      case 3:
        return `"${titles[i % titles.length]!.split(/\s+/).slice(0, 2).join(' ')}"`;
      default:
        return `${bare(word)} -${bare(other)}`;
    }
  });
}

async function main() {
  const contentDir = path.resolve(process.argv[2] ?? 'content');
  // `--keep FILE` leaves the index there (and reuses nothing): for looking into it afterwards.
  const keep = process.argv.indexOf('--keep') > 0 ? path.resolve(process.argv[process.argv.indexOf('--keep') + 1]!) : undefined;
  const dir = mkdtempSync(path.join(tmpdir(), 'khabar-search-bench-'));
  const file = keep ?? path.join(dir, 'search.db');
  if (keep) for (const ext of ['', '-wal', '-shm']) rmSync(keep + ext, { force: true });
  try {
    const content = await new ContentLoader({ contentDir, publicDir: path.resolve('public') }).scan();
    const articles = content.articles;
    const rssBefore = process.memoryUsage().rss;

    let index = openSqliteSearch(file);
    let started = performance.now();
    const build = await longestBlock(() => index.sync(articles));
    const buildSeconds = (performance.now() - started) / 1000;
    index.close();
    const size = ['', '-wal', '-shm'].reduce((sum, ext) => {
      try {
        return sum + statSync(file + ext).size;
      } catch {
        return sum;
      }
    }, 0);

    // As after a restart: the file serves at once; the sync only stats files.
    started = performance.now();
    index = openSqliteSearch(file);
    const openMs = performance.now() - started;
    started = performance.now();
    const verify = await longestBlock(() => index.sync(articles));
    const verifyMs = performance.now() - started;

    const queries = fixedQueries(articles.slice(0, 400).map((a) => a.title));
    const now = Date.now();
    const times: number[] = [];
    let hits = 0;
    for (const query of queries) {
      const parsed = parseQuery(query);
      started = performance.now();
      hits += (await index.search(parsed, { page: 1, pageSize: 10, sort: 'relevance', now })).total;
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const at = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!.toFixed(1);
    index.close();

    console.log(`articles: ${articles.length}`);
    console.log(`build from nothing: ${buildSeconds.toFixed(1)} s, longest event-loop block ${build.longestMs.toFixed(0)} ms wall, ${build.longestCpuMs.toFixed(0)} ms CPU`);
    console.log(`index on disk: ${mb(size)} MB`);
    console.log(`restart: open ${openMs.toFixed(0)} ms, check every file ${verifyMs.toFixed(0)} ms (longest block ${verify.longestMs.toFixed(0)} ms wall, ${verify.longestCpuMs.toFixed(0)} ms CPU)`);
    console.log(`queries: ${queries.length}, mean hits ${(hits / queries.length).toFixed(0)}, p50 ${at(0.5)} ms, p99 ${at(0.99)} ms`);
    console.log(`RSS: ${mb(process.memoryUsage().rss)} MB (${mb(rssBefore)} MB with the content index alone)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
