/**
 * Search at archive scale: builds the SQLite FTS5 index from nothing over a generated archive,
 * reopens it as after a restart, and times a fixed list of 100 Arabic queries built from the
 * archive's headlines (bare words without «ال», prefixes, two words, phrases, exclusions), in
 * process and, with `--http`, over HTTP against a production server started on the same index
 * (restart to first article, resident memory after start and after the queries).
 *
 *   npm run content:generate -- --count 250000 --out /tmp/khabar-archive-250000
 *   npm run bench -- search /tmp/khabar-archive-250000 [--data DIR] [--reuse] [--http]
 *
 * `--data DIR` keeps the index in DIR/search.db (the server's DATA_DIR with --http); `--reuse`
 * starts from the index already there instead of building it; `--http` needs `npm run build`;
 * `--queries-only` times the queries alone against DIR/search.db.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ContentLoader } from '@/lib/content/load';
import { parseQuery } from '@/lib/search/query';
import { openSqliteSearch } from '@/lib/search/sqlite-search';

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);

/**
 * The longest gap between event-loop turns while `work` runs, in wall time (what a request would
 * wait, machine load included) and in CPU time of this process (what the index itself held it).
 */
async function longestBlock<T>(work: () => Promise<T>): Promise<{ result: T; longestMs: number; longestCpuMs: number; maxDelayMs: number }> {
  let longestMs = 0;
  let longestCpuMs = 0;
  let last = performance.now();
  let lastCpu = process.cpuUsage();
  // Node's own measure of how late timers ran: the longest wait a request would have had.
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const probe = setInterval(() => {
    const t = performance.now();
    const spent = process.cpuUsage(lastCpu);
    longestMs = Math.max(longestMs, t - last);
    longestCpuMs = Math.max(longestCpuMs, (spent.user + spent.system) / 1000);
    last = t;
    lastCpu = process.cpuUsage();
  }, 1);
  try {
    const result = await work();
    return { result, longestMs, longestCpuMs, maxDelayMs: delay.max / 1e6 };
  } finally {
    clearInterval(probe);
    delay.disable();
  }
}

const percentileOf = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

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
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      data: { type: 'string' },
      keep: { type: 'string' },
      reuse: { type: 'boolean', default: false },
      http: { type: 'boolean', default: false },
      'queries-only': { type: 'boolean', default: false },
    },
  });
  if (values['queries-only']) return queriesOnly(path.resolve(positionals[0] ?? 'content'), path.join(path.resolve(values.data ?? 'data'), 'search.db'));
  const contentDir = path.resolve(positionals[0] ?? 'content');
  const temp = mkdtempSync(path.join(tmpdir(), 'khabar-search-bench-'));
  const dataDir = values.data ? path.resolve(values.data) : values.keep ? path.dirname(path.resolve(values.keep)) : temp;
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'search.db');
  const reuse = values.reuse && existsSync(file);
  if (!reuse) for (const ext of ['', '-wal', '-shm']) rmSync(file + ext, { force: true });
  try {
    let started = performance.now();
    const content = await new ContentLoader({ contentDir, publicDir: path.resolve('public') }).scan();
    const articles = content.articles;
    console.log(`articles: ${articles.length} (content index loaded in ${((performance.now() - started) / 1000).toFixed(1)} s)`);
    const rssBefore = process.memoryUsage().rss;

    let index = openSqliteSearch(file);
    if (!reuse) {
      started = performance.now();
      const build = await longestBlock(() => index.sync(articles));
      const buildSeconds = (performance.now() - started) / 1000;
      console.log(
        `build from nothing: ${buildSeconds.toFixed(1)} s, event loop held at most ${build.maxDelayMs.toFixed(0)} ms (monitorEventLoopDelay max), ` +
          `longest gap ${build.longestMs.toFixed(0)} ms wall, ${build.longestCpuMs.toFixed(0)} ms CPU`,
      );
    }
    index.close();
    const size = ['', '-wal', '-shm'].reduce((sum, ext) => (existsSync(file + ext) ? sum + statSync(file + ext).size : sum), 0);
    console.log(`index on disk: ${mb(size)} MB`);

    // As after a restart: the file serves at once; the sync only stats files.
    started = performance.now();
    index = openSqliteSearch(file);
    const openMs = performance.now() - started;
    started = performance.now();
    const verify = await longestBlock(() => index.sync(articles));
    const verifyMs = performance.now() - started;
    console.log(
      `restart: open ${openMs.toFixed(0)} ms, check every file ${verifyMs.toFixed(0)} ms ` +
        `(event loop held at most ${verify.maxDelayMs.toFixed(0)} ms; longest gap ${verify.longestMs.toFixed(0)} ms wall, ${verify.longestCpuMs.toFixed(0)} ms CPU)`,
    );

    const queries = fixedQueries(articles.slice(0, 400).map((a) => a.title));
    const now = Date.now();
    const times: number[] = [];
    const cpu: number[] = [];
    let hits = 0;
    for (const query of queries) {
      const parsed = parseQuery(query);
      started = performance.now();
      const cpuBefore = process.cpuUsage();
      hits += (await index.search(parsed, { page: 1, pageSize: 10, sort: 'relevance', now })).total;
      times.push(performance.now() - started);
      const spent = process.cpuUsage(cpuBefore);
      cpu.push((spent.user + spent.system) / 1000);
    }
    times.sort((a, b) => a - b);
    cpu.sort((a, b) => a - b);
    index.close();
    console.log(
      `in process: ${queries.length} queries, mean hits ${(hits / queries.length).toFixed(0)} (counted up to 1,001), ` +
        `p50 ${percentileOf(times, 0.5).toFixed(1)} ms, p99 ${percentileOf(times, 0.99).toFixed(1)} ms wall; CPU p50 ${percentileOf(cpu, 0.5).toFixed(1)} ms, p99 ${percentileOf(cpu, 0.99).toFixed(1)} ms`,
    );
    console.log(`bench process RSS: ${mb(process.memoryUsage().rss)} MB (${mb(rssBefore)} MB with the content index alone)`);
    if (values.http) await overHttp(contentDir, dataDir, queries, articles.at(-1)!.slug);
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

/**
 * `--queries-only`: the 100 queries against an index already built (`--data`), without loading the
 * content index first (minutes at 250,000 on a loaded machine). Generated slugs count up from the
 * newest article, so the first 400 file names are the newest 400 headlines, as in a full run.
 */
async function queriesOnly(contentDir: string, file: string) {
  const names = (readdirSync(path.join(contentDir, 'articles'), { recursive: true }) as string[]).filter((f) => f.endsWith('.md'));
  names.sort((a, b) => (path.basename(a) < path.basename(b) ? -1 : 1));
  const titles = names.slice(0, 400).map((name) => {
    const line = /^title:\s*(.*)$/m.exec(readFileSync(path.join(contentDir, 'articles', name), 'utf8'))?.[1] ?? '';
    return line.startsWith('"') ? (JSON.parse(line) as string) : line;
  });
  const index = openSqliteSearch(file);
  const queries = fixedQueries(titles);
  const now = Date.now();
  const times: number[] = [];
  const cpu: number[] = [];
  let hits = 0;
  for (const query of queries) {
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    hits += (await index.search(parseQuery(query), { page: 1, pageSize: 10, sort: 'relevance', now })).total;
    times.push(performance.now() - started);
    const spent = process.cpuUsage(cpuBefore);
    cpu.push((spent.user + spent.system) / 1000);
  }
  index.close();
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  console.log(
    `queries only (${file}): ${queries.length} queries, mean hits ${(hits / queries.length).toFixed(0)} (counted up to 1,001), ` +
      `p50 ${percentileOf(times, 0.5).toFixed(1)} ms, p99 ${percentileOf(times, 0.99).toFixed(1)} ms wall; CPU p50 ${percentileOf(cpu, 0.5).toFixed(1)} ms, p99 ${percentileOf(cpu, 0.99).toFixed(1)} ms`,
  );
}

/** A production server on the same DATA_DIR, as after a restart: time to the oldest article, then the queries. */
async function overHttp(contentDir: string, dataDir: string, queries: string[], oldest: string) {
  // Plain JavaScript without declarations: the specifier is a variable so TypeScript does not look for them.
  const common = './common.mjs';
  const { startSite, rssKiB } = (await import(common)) as {
    startSite: (o: object) => Promise<{ url: string; pid: number; readyMs: number; stop: () => Promise<void> }>;
    rssKiB: (pid: number) => number;
  };
  const started = performance.now();
  const site = await startSite({ contentDir, dataDir, readyPath: `/articles/${oldest}`, timeoutMs: 300_000 });
  try {
    console.log(`HTTP: restart to first article ${((performance.now() - started) / 1000).toFixed(1)} s, RSS after start ${(rssKiB(site.pid) / 1024).toFixed(0)} MB`);
    // The server's own CPU time per request too: on a shared machine wall time mostly measures the others.
    const serverCpuMs = () => {
      const fields = readFileSync(`/proc/${site.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
    };
    const cpu: number[] = [];
    const get = async (query: string) => {
      const t = performance.now();
      const c = serverCpuMs();
      const response = await fetch(`${site.url}/search?q=${encodeURIComponent(query)}`);
      const html = await response.text();
      if (response.status !== 200) throw new Error(`${query}: ${response.status}`);
      cpu.push(serverCpuMs() - c);
      return { ms: performance.now() - t, html };
    };
    const first = await get(queries[0]!);
    const times: number[] = [];
    let updating = 0;
    for (const query of queries) {
      const { ms, html } = await get(query);
      times.push(ms);
      if (html.includes('يجري تحديث فهرس البحث')) updating++;
    }
    times.sort((a, b) => a - b);
    cpu.sort((a, b) => a - b);
    console.log(
      `HTTP: first search ${first.ms.toFixed(0)} ms, ${queries.length} queries p50 ${percentileOf(times, 0.5).toFixed(1)} ms, p99 ${percentileOf(times, 0.99).toFixed(1)} ms` +
        ` (${updating} answered while the index was updating; server CPU p50 ${percentileOf(cpu, 0.5).toFixed(0)} ms, p99 ${percentileOf(cpu, 0.99).toFixed(0)} ms, in 10 ms ticks),` +
        ` RSS after queries ${(rssKiB(site.pid) / 1024).toFixed(0)} MB`,
    );
  } finally {
    await site.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
