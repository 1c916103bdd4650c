// Scale: generated archives of several sizes, each built into its own dist folder and served.
//
//   npm run bench -- scale [--sizes 1000,10000,50000] [--samples 200] [--queries 100]
//   node scripts/bench/scale.mjs [same options]
//
// For each size: build time; server start → first response of the *oldest* article (never
// prerendered, so the whole index loads and the page renders on demand, as after a deploy);
// `samples` further never-requested articles spread over the archive, one at a time (uncached
// render p50/p99); `queries` searches over HTTP with words from the archive's headlines (search
// p50/p99); /sitemap.xml and /sitemaps/1.xml; resident memory of the server at the end.
// Archives are generated once (npm run content:generate) into $TMPDIR/khabar-bench-archives/N and reused.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { atMost, figure, listFiles, markdownTable, percentile, rawGet, root, round, startSite, track } from './common.mjs';

function ensureArchive(size, log) {
  const contentDir = path.join(tmpdir(), 'khabar-bench-archives', String(size));
  // Written only after the generator finished: an interrupted generation is not reused.
  const complete = `${contentDir}.complete`;
  if (existsSync(complete) && existsSync(path.join(contentDir, 'articles'))) return contentDir;
  rmSync(contentDir, { recursive: true, force: true });
  log(`  generating ${size} articles into ${contentDir}…`);
  const result = spawnSync('npm', ['run', '-s', 'content:generate', '--', '--count', String(size), '--out', contentDir], { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`content:generate failed:\n${result.stdout}\n${result.stderr}`);
  writeFileSync(complete, new Date().toISOString());
  return contentDir;
}

/**
 * `next build` with another dist folder adds that folder's types to tsconfig.json. A benchmark
 * must leave the tree as it was, mtime included: scripts/setup.mjs would take a newer
 * tsconfig.json for a changed source and rebuild on the next `npm start`.
 */
function buildInto(distDir, contentDir) {
  const tsconfigPath = path.join(root, 'tsconfig.json');
  const tsconfig = readFileSync(tsconfigPath, 'utf8');
  const { atime, mtime } = statSync(tsconfigPath);
  const restore = () => {
    if (readFileSync(tsconfigPath, 'utf8') !== tsconfig) writeFileSync(tsconfigPath, tsconfig);
    utimesSync(tsconfigPath, atime, mtime);
  };
  const removeDist = () => rmSync(path.join(root, distDir), { recursive: true, force: true });
  removeDist();
  const release = track({
    stop: async () => {
      restore();
      removeDist();
    },
    stopSync: () => {
      restore();
      removeDist();
    },
  });
  const env = { ...process.env, CONTENT_DIR: contentDir, NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: '1' };
  const started = performance.now();
  const build = spawnSync(process.execPath, ['node_modules/next/dist/bin/next', 'build'], { cwd: root, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const seconds = (performance.now() - started) / 1000;
  restore();
  if (build.status !== 0) throw new Error(`next build for ${contentDir} failed:\n${build.stdout.slice(-4000)}\n${build.stderr.slice(-4000)}`);
  return { seconds, release };
}

/** Slugs oldest last: generated slugs count up from the newest article. */
const articleSlugs = (contentDir) =>
  listFiles(path.join(contentDir, 'articles'), '.md')
    .map((f) => path.basename(f, '.md'))
    .sort();

/** Search queries as readers type them: whole headline words, prefixes and two-word queries. */
function searchQueries(contentDir, slugs, count) {
  const files = new Map(listFiles(path.join(contentDir, 'articles'), '.md').map((f) => [path.basename(f, '.md'), f]));
  const words = [];
  for (const slug of slugs.slice(0, 400)) {
    const text = readFileSync(path.join(contentDir, 'articles', files.get(slug)), 'utf8');
    const title = /^title:\s*"?(.*?)"?\s*$/m.exec(text)?.[1] ?? '';
    words.push(...title.split(/\s+/).filter((w) => w.length > 2 && !w.endsWith(':')));
  }
  if (!words.length) throw new Error(`no headline words found in ${contentDir}`);
  return Array.from({ length: count }, (_, i) => {
    const word = words[(i * 7919) % words.length];
    if (i % 3 === 0) return word.slice(0, Math.max(2, word.length - 2));
    if (i % 3 === 1) return `${word} ${words[(i * 104729) % words.length]}`;
    return word;
  });
}

async function timed(url) {
  const started = performance.now();
  const response = await rawGet(url);
  const ms = performance.now() - started;
  if (response.status !== 200) throw new Error(`${url}: HTTP ${response.status}`);
  return ms;
}

async function measureSize(size, { samples, queries }, log) {
  const contentDir = ensureArchive(size, log);
  const slugs = articleSlugs(contentDir);
  const distDir = `.next-bench-${size}`;
  log(`  ${size}: building into ${distDir}…`);
  const { seconds: buildSeconds, release } = buildInto(distDir, contentDir);
  let site;
  try {
    site = await startSite({ distDir, contentDir, readyPath: `/articles/${slugs.at(-1)}`, timeoutMs: 180_000 });
    const firstMs = site.readyMs;
    log(`  ${size}: built in ${buildSeconds.toFixed(1)} s; first article ${(firstMs / 1000).toFixed(2)} s after start`);

    const renders = [];
    for (let i = 1; i <= samples; i++) renders.push(await timed(`${site.url}/articles/${slugs[Math.floor((i * slugs.length) / (samples + 1))]}`));
    const rssAfterRenders = site.rssKiB();

    const list = searchQueries(contentDir, slugs, queries + 1);
    // The first search builds the headline index; it is reported apart.
    const firstSearchMs = await timed(`${site.url}/search?q=${encodeURIComponent(list[0])}`);
    const searches = [];
    for (const query of list.slice(1)) searches.push(await timed(`${site.url}/search?q=${encodeURIComponent(query)}`));

    const sitemapMs = await timed(`${site.url}/sitemap.xml`);
    const sitemapPartMs = await timed(`${site.url}/sitemaps/1.xml`);
    const rss = site.rssKiB();
    const row = {
      size,
      buildSeconds,
      firstMs,
      rssMiB: rss / 1024,
      rssAfterRendersMiB: rssAfterRenders / 1024,
      renderP50: percentile(renders, 50),
      renderP99: percentile(renders, 99),
      firstSearchMs,
      searchP50: percentile(searches, 50),
      searchP99: percentile(searches, 99),
      sitemapMs,
      sitemapPartMs,
    };
    log(
      `  ${size}: RSS ${row.rssMiB.toFixed(0)} MiB, render p50 ${row.renderP50.toFixed(1)} ms / p99 ${row.renderP99.toFixed(1)} ms, ` +
        `search p50 ${row.searchP50.toFixed(1)} ms / p99 ${row.searchP99.toFixed(1)} ms, sitemap ${sitemapMs.toFixed(0)} ms, sitemaps/1 ${sitemapPartMs.toFixed(0)} ms`,
    );
    return row;
  } finally {
    await site?.stop();
    await release();
  }
}

export async function run(options, { log = console.log } = {}) {
  const { sizes = [1000, 10_000, 50_000], samples = 200, queries = 100 } = options;
  const rows = [];
  for (const size of sizes) rows.push(await measureSize(size, { samples, queries }, log));

  const table = rows.map((r) => ({
    articles: r.size,
    'build s': r.buildSeconds.toFixed(1),
    'start → first article s': (r.firstMs / 1000).toFixed(2),
    'RSS MB': r.rssMiB.toFixed(0),
    'uncached render p50 ms': r.renderP50.toFixed(1),
    'uncached render p99 ms': r.renderP99.toFixed(1),
    'first search ms': r.firstSearchMs.toFixed(0),
    'search p50 ms': r.searchP50.toFixed(1),
    'search p99 ms': r.searchP99.toFixed(1),
    'sitemap.xml ms': r.sitemapMs.toFixed(0),
    'sitemaps/1.xml ms': r.sitemapPartMs.toFixed(0),
  }));
  const markdown =
    `Per size: build (\`next build\`, own dist folder), start → first response of the oldest article, ${samples} never-requested articles ` +
    `one at a time, ${queries} searches over HTTP after one warm-up search, /sitemap.xml then /sitemaps/1.xml (first requests), ` +
    `resident memory (MB = MiB) of the server process tree at the end (after the renders alone: ${rows.map((r) => `${r.size}: ${r.rssAfterRendersMiB.toFixed(0)}`).join(', ')}).\n\n` +
    markdownTable(table);

  const figures = [];
  for (const r of rows) {
    const at = r.size >= 50_000;
    figures.push(
      figure(`${r.size} articles: build`, round(r.buildSeconds, 1), 's'),
      figure(`${r.size} articles: start → first article`, round(r.firstMs / 1000, 2), 's', at ? atMost(10, 's') : undefined),
      figure(`${r.size} articles: resident memory`, Math.round(r.rssMiB), 'MB', at ? atMost(600, 'MB') : undefined),
      figure(`${r.size} articles: uncached render p50 / p99`, round(r.renderP50, 1), `ms / ${r.renderP99.toFixed(1)} ms`, at ? atMost(50, 'ms') : undefined),
      figure(`${r.size} articles: search p50 / p99 (HTTP)`, round(r.searchP50, 1), `ms / ${r.searchP99.toFixed(1)} ms`, at ? atMost(50, 'ms') : undefined),
      figure(`${r.size} articles: sitemap.xml / sitemaps/1.xml`, Math.round(r.sitemapMs), `ms / ${r.sitemapPartMs.toFixed(0)} ms`),
    );
  }
  if (rows.length > 1) {
    const small = rows.reduce((a, b) => (b.size < a.size ? b : a));
    const large = rows.reduce((a, b) => (b.size > a.size ? b : a));
    figures.push(
      figure(`build time, ${large.size} / ${small.size} articles`, round(large.buildSeconds / small.buildSeconds, 2), `× (${large.buildSeconds.toFixed(1)} s / ${small.buildSeconds.toFixed(1)} s)`, atMost(2)),
    );
  }
  return { figures, markdown, data: { rows } };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { main } = await import('./run.mjs');
  process.exit(await main(['scale', ...process.argv.slice(2)]));
}
