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
 * The content index and the search index share DIR/archive.db (the server's DATA_DIR with --http):
 * `--data DIR` keeps it; `--reuse` starts from the file already there instead of building both;
 * `--http` needs `npm run build` and adds 200 uncached article renders and 50 category pages;
 * `--queries-only` times the queries alone against DIR/archive.db.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Archive } from '@/lib/content/archive';
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
  if (values['queries-only']) return queriesOnly(path.resolve(positionals[0] ?? 'content'), path.join(path.resolve(values.data ?? 'data'), 'archive.db'));
  const contentDir = path.resolve(positionals[0] ?? 'content');
  const temp = mkdtempSync(path.join(tmpdir(), 'khabar-search-bench-'));
  const dataDir = values.data ? path.resolve(values.data) : values.keep ? path.dirname(path.resolve(values.keep)) : temp;
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'archive.db');
  const reuse = values.reuse && existsSync(file);
  if (!reuse) for (const ext of ['', '-wal', '-shm']) rmSync(file + ext, { force: true });
  const scanContent = async () => {
    const archive = new Archive(file);
    const started = performance.now();
    const scanned = await longestBlock(() => new ContentLoader({ contentDir, publicDir: path.resolve('public'), archive }).scan());
    return { archive, ms: performance.now() - started, held: scanned.maxDelayMs, size: scanned.result.size };
  };
  try {
    const first = await scanContent();
    console.log(
      `content index ${reuse ? 'checked over the kept file' : 'built from nothing'}: ${first.size} articles in ${(first.ms / 1000).toFixed(1)} s ` +
        `(event loop held at most ${first.held.toFixed(0)} ms), bench RSS ${mb(process.memoryUsage().rss)} MB`,
    );
    const rssBefore = process.memoryUsage().rss;
    let archive = first.archive;

    let index = openSqliteSearch(file);
    let started = performance.now();
    const build = await longestBlock(() => index.sync(archive));
    console.log(
      `search index ${reuse ? 'brought up to date' : 'built from nothing'}: ${((performance.now() - started) / 1000).toFixed(1)} s, event loop held at most ${build.maxDelayMs.toFixed(0)} ms (monitorEventLoopDelay max), ` +
        `longest gap ${build.longestMs.toFixed(0)} ms wall, ${build.longestCpuMs.toFixed(0)} ms CPU`,
    );
    index.close();
    archive.close();
    const size = ['', '-wal', '-shm'].reduce((sum, ext) => (existsSync(file + ext) ? sum + statSync(file + ext).size : sum), 0);
    console.log(`archive.db on disk (content and search): ${mb(size)} MB`);

    // As after a restart: both indexes serve from the file; the scan stats every file, the search asks the feed.
    const again = await scanContent();
    archive = again.archive;
    started = performance.now();
    index = openSqliteSearch(file);
    const verify = await longestBlock(() => index.sync(archive));
    console.log(
      `restart: content check of every file ${(again.ms / 1000).toFixed(1)} s (event loop held at most ${again.held.toFixed(0)} ms), ` +
        `search open + feed ${(performance.now() - started).toFixed(0)} ms (held at most ${verify.maxDelayMs.toFixed(0)} ms)`,
    );

    const titles = archive.list({}, Date.now(), 0, 400).map((a) => a.title);
    const slugs = Array.from({ length: 200 }, (_, i) => archive.list({}, Date.now(), Math.floor(((i + 0.5) * again.size) / 200), 1)[0]?.slug).filter(
      (slug): slug is string => slug !== undefined,
    );
    const queries = fixedQueries(titles);
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
    archive.close();
    if (values.http) await overHttp(contentDir, dataDir, queries, slugs);
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
async function overHttp(contentDir: string, dataDir: string, queries: string[], slugs: string[]) {
  const oldest = slugs.at(-1)!;
  // Plain JavaScript without declarations: the specifier is a variable so TypeScript does not look for them.
  const common = './common.mjs';
  const { startSite, rssKiB, keepAliveClient } = (await import(common)) as {
    startSite: (o: object) => Promise<{ url: string; pid: number; readyMs: number; stop: () => Promise<void> }>;
    rssKiB: (pid: number) => number;
    keepAliveClient: (base: string) => {
      get: (pathname: string, options?: { text?: boolean }) => Promise<{ status: number; ms: number; text: string }>;
      close: () => void;
    };
  };
  const started = performance.now();
  const site = await startSite({ contentDir, dataDir, readyPath: `/articles/${oldest}`, timeoutMs: 300_000 });
  const client = keepAliveClient(site.url);
  try {
    console.log(`HTTP: restart to first article ${((performance.now() - started) / 1000).toFixed(1)} s, RSS after start ${(rssKiB(site.pid) / 1024).toFixed(0)} MB`);
    // The server's own CPU time per request too: on a shared machine wall time mostly measures the others.
    const serverCpuMs = () => {
      const fields = readFileSync(`/proc/${site.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
    };
    const cpu: number[] = [];
    const get = async (query: string) => {
      const c = serverCpuMs();
      const { status, ms, text: html } = await client.get(`/search?q=${encodeURIComponent(query)}`, { text: true });
      if (status !== 200) throw new Error(`${query}: ${status}`);
      cpu.push(serverCpuMs() - c);
      return { ms, html };
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
    // Pages nobody asked for yet, spread over the archive: each renders on demand.
    const timed = async (paths: string[]) => {
      const ms: number[] = [];
      for (const p of paths) {
        const { status, ms: took } = await client.get(p);
        if (status !== 200) throw new Error(`${p}: ${status}`);
        ms.push(took);
      }
      return ms.sort((a, b) => a - b);
    };
    const renders = await timed(slugs.slice(0, -1).map((slug) => `/articles/${slug}`));
    console.log(
      `HTTP: ${renders.length} uncached article renders p50 ${percentileOf(renders, 0.5).toFixed(1)} ms, p99 ${percentileOf(renders, 0.99).toFixed(1)} ms, RSS after ${(rssKiB(site.pid) / 1024).toFixed(0)} MB`,
    );
    const categories = JSON.parse(readFileSync(path.join(contentDir, 'categories.json'), 'utf8')) as { slug: string }[];
    const lastPage = async (slug: string) => {
      const html = (await client.get(`/categories/${slug}`, { text: true })).text;
      return Math.max(1, ...[...html.matchAll(new RegExp(`/categories/${slug}/page/(\\d+)`, 'g'))].map((m) => Number(m[1])));
    };
    const pages: string[] = [];
    for (const { slug } of categories) {
      const last = await lastPage(slug);
      for (let i = 1; i <= 10 && pages.length < 50; i++) pages.push(`/categories/${slug}/page/${Math.max(2, Math.round((i / 10) * last))}`);
    }
    const listing = await timed([...new Set(pages)]);
    console.log(
      `HTTP: ${listing.length} category pages (2 to the last) p50 ${percentileOf(listing, 0.5).toFixed(1)} ms, p99 ${percentileOf(listing, 0.99).toFixed(1)} ms, RSS after ${(rssKiB(site.pid) / 1024).toFixed(0)} MB`,
    );
  } finally {
    client.close();
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
