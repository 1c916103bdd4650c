// A phone's main thread, side by side in one run: Lighthouse 12 mobile (its default emulation and
// throttling) on the article, home and category pages of our build, of the same pages with every
// <script> removed (our own no-JavaScript floor, served through a small proxy), and of the post page
// of timlrx/tailwind-nextjs-starter-blog, interleaved round by round so that the load of a shared
// machine falls on every variant alike. The figures to trust are the ratios within one run.
//
//   npm run bench -- phone [--runs 5] [--starter DIR] [--variant NAME=DIST …] [--pages article,home,category]
//                          [--variant-pages article]
//
//   --starter DIR        a built copy of the starter (default /tmp/starter, see docs/performance.md
//                        for how it is prepared); without a build there, the issue's figures stand in
//   --variant NAME=DIST  also measure another build folder of Khabar (e.g. the build before a change,
//                        made with NEXT_DIST_DIR=.next-bench-before npx next build), in the same rounds
//   --variant-pages LIST the pages the variants are measured on (default: all of --pages), to keep a
//                        run short on a busy machine
//
// Targets (issue 19): TBT at most half the starter post's and at most 150 ms above the no-JS floor;
// LCP at most 1.2× the floor; CLS 0; accessibility, best practices and SEO 100.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { freePort } from '../../testing/services/free-port.mjs';
import {
  atMost,
  cleanupAll,
  ensureBuild,
  ensureDir,
  exactly,
  figure,
  installCleanupHandlers,
  machineInfo,
  markdownTable,
  median,
  resolvePages,
  root,
  round,
  sleep,
  startSite,
  track,
} from './common.mjs';
import { failingAudits, launchChrome } from './lighthouse.mjs';

const allPageTypes = ['article', 'home', 'category'];
const starterPost = '/blog/release-of-tailwind-nextjs-starter-blog-v2.0';
/** Issue 19's table (same Lighthouse, this machine, an earlier run): used only when the starter cannot be served. */
const starterFromIssue = { tbt: 583, lcp: 3560, cls: 0, note: 'figures from the issue (starter not built)' };

// ---------------------------------------------------------------------------------------------
// The no-JavaScript floor: our pages with every script removed.

const scriptElement = /<script\b[^>]*>[\s\S]*?<\/script>/gi;
/** Preloads of script files: the browser would fetch (not run) them, which a page without scripts does not do. */
const scriptPreload = /<link\b[^>]*\bas="script"[^>]*>/gi;

export function stripScripts(html) {
  return html.replace(scriptElement, '').replace(scriptPreload, '');
}

/** A proxy in front of `target` that passes everything through but serves HTML without scripts. */
async function startNoScriptProxy(target) {
  const port = await freePort();
  const server = http.createServer((request, response) => {
    const upstream = http.request(
      `${target}${request.url}`,
      { method: request.method, headers: { ...request.headers, host: new URL(target).host, 'accept-encoding': 'identity' } },
      (answer) => {
        const headers = { ...answer.headers };
        if (!String(headers['content-type'] ?? '').startsWith('text/html')) {
          response.writeHead(answer.statusCode ?? 502, headers);
          answer.pipe(response);
          return;
        }
        const chunks = [];
        answer.on('data', (chunk) => chunks.push(chunk));
        answer.on('end', () => {
          // Compressed like the original (Next gzips its HTML), so the floor's document costs the same on the wire.
          const body = gzipSync(stripScripts(Buffer.concat(chunks).toString('utf8')));
          delete headers['transfer-encoding'];
          headers['content-encoding'] = 'gzip';
          headers['content-length'] = String(body.length);
          response.writeHead(answer.statusCode ?? 502, headers);
          response.end(body);
        });
      },
    );
    upstream.on('error', () => {
      response.writeHead(502);
      response.end();
    });
    request.pipe(upstream);
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  const stop = track({ stop: () => new Promise((resolve) => server.close(() => resolve())), stopSync: () => server.close() });
  return { url: `http://127.0.0.1:${port}`, stop };
}

// ---------------------------------------------------------------------------------------------
// The starter, built beforehand in its own folder with its own node_modules.

async function startStarter(dir) {
  if (!existsSync(path.join(dir, '.next', 'BUILD_ID'))) return null;
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(dir, 'node_modules/next/dist/bin/next'), 'start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: dir,
    env: { PATH: process.env.PATH, NODE_ENV: 'production' },
    stdio: 'ignore',
    detached: true,
  });
  const kill = (signal) => {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  const stop = track({ stop: async () => kill('SIGTERM'), stopSync: () => kill('SIGKILL') });
  const url = `http://127.0.0.1:${port}`;
  for (let waited = 0; waited < 60_000; waited += 250) {
    try {
      const response = await fetch(url + starterPost);
      await response.arrayBuffer();
      if (response.ok) return { url, stop };
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  await stop();
  throw new Error(`the starter in ${dir} did not answer ${starterPost} within 60 s`);
}

// ---------------------------------------------------------------------------------------------
// One Lighthouse run, reduced to what this benchmark compares.

function sampleOf(lhr) {
  const audit = (id) => lhr.audits[id];
  const score = (id) => (lhr.categories[id]?.score == null ? NaN : Math.round(lhr.categories[id].score * 100));
  const requests = audit('network-requests')?.details?.items ?? [];
  const kib = (type) => requests.filter((r) => r.resourceType === type).reduce((sum, r) => sum + (r.transferSize ?? 0), 0) / 1024;
  const breakdown = audit('mainthread-work-breakdown')?.details?.items ?? [];
  const group = (name) => breakdown.find((item) => item.group === name)?.duration ?? 0;
  const longTasks = (audit('long-tasks')?.details?.items ?? []).map((t) => Math.round(t.duration));
  return {
    performance: score('performance'),
    accessibility: score('accessibility'),
    'best-practices': score('best-practices'),
    seo: score('seo'),
    fcp: audit('first-contentful-paint')?.numericValue ?? NaN,
    lcp: audit('largest-contentful-paint')?.numericValue ?? NaN,
    tbt: audit('total-blocking-time')?.numericValue ?? NaN,
    cls: audit('cumulative-layout-shift')?.numericValue ?? NaN,
    scriptKiB: kib('Script'),
    htmlKiB: kib('Document'),
    fontKiB: kib('Font'),
    styleLayout: group('styleLayout'),
    scriptEvaluation: group('scriptEvaluation'),
    longTasks,
    // Lighthouse's own measure of how fast the host was during the run: on a shared machine it says how loaded.
    benchmarkIndex: lhr.environment?.benchmarkIndex ?? NaN,
    lcpElement: audit('largest-contentful-paint-element')?.details?.items?.[0]?.items?.[0]?.node?.nodeLabel ?? '',
    runtimeError: lhr.runtimeError?.code ?? audit('largest-contentful-paint')?.errorMessage,
    failing: failingAudits(lhr),
  };
}

const medians = (samples) => {
  const m = (key) => median(samples.map((s) => s[key]).filter((v) => Number.isFinite(v)));
  return Object.fromEntries(
    ['performance', 'accessibility', 'best-practices', 'seo', 'fcp', 'lcp', 'tbt', 'cls', 'scriptKiB', 'htmlKiB', 'fontKiB', 'styleLayout', 'scriptEvaluation', 'benchmarkIndex'].map((k) => [k, m(k)]),
  );
};

export async function run(options, { log = console.log } = {}) {
  const { runs = 5, starterDir = '/tmp/starter', variants = [], pageTypes = allPageTypes, variantPages = pageTypes } = options;
  const [{ default: lighthouse }, chromeLauncher] = await Promise.all([import('lighthouse'), import('chrome-launcher')]);

  const site = await startSite();
  const pages = await resolvePages(site.url);
  const floor = await startNoScriptProxy(site.url);
  const others = [];
  for (const { name, dist } of variants) others.push({ name, site: await startSite({ distDir: dist }) });
  const starter = await startStarter(starterDir);
  if (!starter) log(`  no starter build in ${starterDir}: its figures come from the issue`);
  const { chrome } = await launchChrome(chromeLauncher);

  /** Every (page, variant) measured in a round; the starter's post stands beside the article. */
  const targets = pageTypes.flatMap((type) => [
    { type, variant: 'khabar', url: site.url + pages[type] },
    { type, variant: 'no-JS floor', url: floor.url + pages[type] },
    ...(variantPages.includes(type) ? others.map((o) => ({ type, variant: o.name, url: o.site.url + pages[type] })) : []),
  ]);
  if (starter) targets.push({ type: 'starter post', variant: 'starter', url: starter.url + starterPost });

  // Warm every page so that no audit pays for a first render on its server.
  for (const target of targets) await (await fetch(target.url)).arrayBuffer();

  const samples = new Map(targets.map((t) => [t, []]));
  for (let i = 1; i <= runs; i++) {
    // Rotate the order each round so no variant always follows the same one.
    const order = targets.map((_, k) => targets[(k + i) % targets.length]);
    for (const target of order) {
      const { lhr } = await lighthouse(target.url, { port: chrome.port, output: 'json', logLevel: 'error' });
      const sample = sampleOf(lhr);
      samples.get(target).push(sample);
      log(
        `  round ${i} ${target.type} / ${target.variant}: TBT ${Math.round(sample.tbt)} ms, LCP ${(sample.lcp / 1000).toFixed(2)} s, ` +
          `CLS ${sample.cls.toFixed(3)}, benchmarkIndex ${Math.round(sample.benchmarkIndex)}, perf ${sample.performance}, a11y/BP/SEO ${sample.accessibility}/${sample['best-practices']}/${sample.seo}, ` +
          `style+layout ${Math.round(sample.styleLayout)} ms, LCP element "${sample.lcpElement.slice(0, 40)}", long tasks [${sample.longTasks.join(', ')}]` +
          `${sample.runtimeError ? `, error ${sample.runtimeError}` : ''}${sample.failing.length ? `; below 1: ${sample.failing.join(', ')}` : ''}`,
      );
    }
  }

  const data = targets.map((t) => ({ type: t.type, variant: t.variant, url: t.url, samples: samples.get(t), median: medians(samples.get(t)) }));
  const find = (type, variant) => data.find((d) => d.type === type && d.variant === variant)?.median;
  const starterMedian = find('starter post', 'starter') ?? starterFromIssue;

  const rows = data.map((d) => ({
    page: d.type,
    variant: d.variant,
    'TBT ms': Math.round(d.median.tbt),
    'LCP s': (d.median.lcp / 1000).toFixed(2),
    'FCP s': (d.median.fcp / 1000).toFixed(2),
    CLS: d.median.cls.toFixed(3),
    perf: d.median.performance,
    'a11y/BP/SEO': `${d.median.accessibility}/${d.median['best-practices']}/${d.median.seo}`,
    'style+layout ms': Math.round(d.median.styleLayout),
    'script eval ms': Math.round(d.median.scriptEvaluation),
    'JS KiB': round(d.median.scriptKiB, 1),
    'HTML KiB': round(d.median.htmlKiB, 1),
    'font KiB': round(d.median.fontKiB, 1),
    'benchmark index': Math.round(d.median.benchmarkIndex),
    notes: [...new Set(d.samples.flatMap((s) => [...(s.runtimeError ? [`error ${s.runtimeError}`] : []), ...s.failing]))].join(', '),
  }));
  if (!starter) rows.push({ page: 'starter post', variant: 'starter', 'TBT ms': starterFromIssue.tbt, 'LCP s': (starterFromIssue.lcp / 1000).toFixed(2), notes: starterFromIssue.note });

  const figures = pageTypes.flatMap((type) => {
    const ours = find(type, 'khabar');
    const bare = find(type, 'no-JS floor');
    return [
      figure(`${type} TBT ÷ starter post TBT`, round(ours.tbt / starterMedian.tbt, 2), `${Math.round(ours.tbt)} / ${Math.round(starterMedian.tbt)} ms`, atMost(0.5)),
      figure(`${type} TBT − no-JS floor TBT`, Math.round(ours.tbt - bare.tbt), `ms (${Math.round(ours.tbt)} − ${Math.round(bare.tbt)})`, atMost(150, 'ms')),
      figure(`${type} LCP ÷ no-JS floor LCP`, round(ours.lcp / bare.lcp, 2), `${(ours.lcp / 1000).toFixed(2)} / ${(bare.lcp / 1000).toFixed(2)} s`, atMost(1.2)),
      figure(`${type} CLS`, round(ours.cls, 3), '', exactly(0)),
      figure(
        `${type} accessibility / best practices / SEO`,
        Math.min(ours.accessibility, ours['best-practices'], ours.seo),
        `${ours.accessibility} / ${ours['best-practices']} / ${ours.seo}`,
        exactly(100),
      ),
    ];
  });

  const { version } = JSON.parse(readFileSync(path.join(root, 'node_modules/lighthouse/package.json'), 'utf8'));
  const markdown =
    `Lighthouse ${version} mobile (default emulation and throttling), ${runs} interleaved round(s), medians; ` +
    `"no-JS floor" is our page with every <script> removed; ${starter ? `starter: ${starterPost} built in ${starterDir}` : starterFromIssue.note}.\n\n${markdownTable(rows)}`;
  return { figures, markdown, data };
}

// ---------------------------------------------------------------------------------------------
// Run on its own (npm run bench -- phone dispatches here): its options are not the suite's.

function parseOptions(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      runs: { type: 'string', default: '5' },
      starter: { type: 'string', default: '/tmp/starter' },
      variant: { type: 'string', multiple: true, default: [] },
      pages: { type: 'string', default: allPageTypes.join(',') },
      'variant-pages': { type: 'string' },
      out: { type: 'string', default: 'bench-output' },
    },
  });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs: expected a whole number ≥ 1, got "${values.runs}"`);
  const pageList = (name, text) => {
    const list = text.split(',').map((p) => p.trim());
    for (const type of list) if (!allPageTypes.includes(type)) throw new Error(`--${name}: expected some of ${allPageTypes.join(', ')}; got "${type}"`);
    return list;
  };
  const pageTypes = pageList('pages', values.pages);
  const variantPages = values['variant-pages'] === undefined ? pageTypes : pageList('variant-pages', values['variant-pages']);
  const variants = values.variant.map((text) => {
    const [name, dist] = text.split('=');
    if (!name || !dist || !existsSync(path.join(root, dist, 'BUILD_ID'))) throw new Error(`--variant: expected NAME=DIST with a build in DIST; got "${text}"`);
    return { name, dist };
  });
  return { runs, starterDir: path.resolve(values.starter), variants, pageTypes, variantPages, out: values.out };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  let options;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    console.error(error.message);
    process.exit(2);
  }
  installCleanupHandlers();
  const machine = machineInfo();
  console.log(`Machine: ${machine.cpu}, ${machine.cores} cores, load average ${machine.loadAverage}; commit ${machine.commit}`);
  let code = 0;
  try {
    await ensureBuild();
    const result = await run(options);
    console.log(`\n${result.markdown}\n`);
    const table = markdownTable(result.figures.map((f) => ({ figure: f.figure, value: f.value, detail: f.unit, target: f.target, result: f.pass ? 'pass' : 'FAIL' })));
    console.log(table);
    const stamp = machine.date.replace(/\.\d{3}Z$/, 'Z').replace(/:/g, '');
    const base = path.join(ensureDir(path.resolve(root, options.out)), `${stamp}-phone`);
    writeFileSync(`${base}.md`, `### ${machine.date.slice(0, 10)}: \`npm run bench -- phone ${process.argv.slice(2).join(' ')}\`\n\nMachine: load average at start ${machine.loadAverage}; commit ${machine.commit}.\n\n${table}\n\n${result.markdown}`);
    writeFileSync(`${base}.json`, JSON.stringify({ machine, options, result }, null, 2));
    console.log(`Results written to ${path.relative(root, base)}.md and .json`);
  } catch (error) {
    console.error(error);
    code = 1;
  } finally {
    await cleanupAll();
  }
  process.exit(code);
}
