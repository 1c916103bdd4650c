// Helpers every benchmark part shares: starting and stopping the production server, temporary
// folders that are always removed, percentiles, autocannon runs, machine facts and tables.
//
// Anything a part starts (server, nginx, temporary folder) is registered here, so an error, a
// Ctrl-C or a SIGTERM still stops it and removes it: see `track` and `cleanupAll`.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import autocannon from 'autocannon';
import { startNginx, startStaticNginx } from '../../testing/services/nginx.mjs';
import { startServer } from '../../testing/server.mjs';

export const root = path.resolve(import.meta.dirname, '../..');

/** The pages every part measures; `resolvePages` swaps the article for another if it is gone. */
export const defaultPages = {
  article: '/articles/cop31-closes-with-adaptation-pledge',
  home: '/',
  category: '/categories/world',
  search: `/search?q=${encodeURIComponent('المناخ')}`,
  tag: `/tags/${encodeURIComponent('المناخ')}`,
};

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export function percentile(values, p) {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export function median(values) {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export const round = (value, digits = 1) => (Number.isFinite(value) ? Number(value.toFixed(digits)) : value);

// ---------------------------------------------------------------------------------------------
// Cleanup: one registry for the whole process.

const tracked = new Set();

/**
 * Registers something to undo. `stop` may be async (normal path); `stopSync` must be synchronous
 * (it also runs from the 'exit' handler when the process is ending in a hurry).
 */
export function track({ stop, stopSync }) {
  const entry = { stop, stopSync, done: false };
  tracked.add(entry);
  return async () => {
    if (entry.done) return;
    entry.done = true;
    tracked.delete(entry);
    await stop();
  };
}

export async function cleanupAll() {
  for (const entry of [...tracked].reverse()) {
    if (entry.done) continue;
    entry.done = true;
    tracked.delete(entry);
    try {
      await entry.stop();
    } catch (error) {
      console.error('cleanup:', error);
    }
  }
}

let handlersInstalled = false;
/** Ctrl-C, SIGTERM or an unexpected exit still stops servers and removes temporary folders. */
export function installCleanupHandlers() {
  if (handlersInstalled) return;
  handlersInstalled = true;
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ]) {
    process.once(signal, () => {
      console.error(`\n${signal}: stopping servers and removing temporary folders…`);
      cleanupAll().finally(() => process.exit(code));
    });
  }
  process.on('exit', () => {
    for (const entry of tracked) {
      try {
        entry.stopSync();
      } catch {
        // best effort while exiting
      }
    }
  });
}

export function tempDir(prefix) {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  const release = track({ stop: async () => remove(), stopSync: remove });
  return { dir, remove: release };
}

/** A writable copy of the site's content folder, for parts that publish articles. */
export function contentCopy(prefix = 'khabar-bench-content-') {
  const temp = tempDir(prefix);
  const dir = path.join(temp.dir, 'content');
  cpSync(path.join(root, 'content'), dir, { recursive: true });
  return { dir, remove: temp.remove };
}

// ---------------------------------------------------------------------------------------------
// The production server.

/** The address the build was made for (scripts/setup.mjs), so pages rendered later match prerendered ones. */
export function builtSiteUrl() {
  return process.env.SITE_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
}

/** Runs `npm run build` when scripts/setup.mjs says the build in .next is missing or stale. */
export async function ensureBuild() {
  const { buildIsStale, mustRun } = await import('../setup.mjs');
  if (!buildIsStale()) return { built: false };
  console.log('› The production build is missing or stale: npm run build…');
  const started = performance.now();
  mustRun('npm', ['run', 'build']);
  return { built: true, seconds: (performance.now() - started) / 1000 };
}

function processTree(pid) {
  const ids = [pid];
  for (let i = 0; i < ids.length; i++) {
    const children = spawnSync('pgrep', ['-P', String(ids[i])], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
    ids.push(...children.map(Number));
  }
  return ids;
}

/** Resident memory of a process and its children, in KiB. */
export function rssKiB(pid) {
  let total = 0;
  for (const id of processTree(pid)) {
    try {
      total += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${id}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      // exited meanwhile
    }
  }
  return total;
}

/**
 * Starts server/serve.mjs (what `npm start` runs) through the test kit (testing/server.mjs) on a
 * free loopback port, with its own comments database unless `dataDir` is given. Resolves once
 * `readyPath` answers 200. `distDir` selects another build (NEXT_DIST_DIR); without it the server
 * runs a private copy of the build, without its caches: a benchmark that publishes test articles
 * or comments must not leave them in the build that `npm start` serves, and each part must start
 * from the build as deployed. `contentDir` selects another content folder.
 */
export async function startSite({ port, contentDir, dataDir, distDir, trustProxy = false, env = {}, readyPath = '/', timeoutMs = 120_000 } = {}) {
  const server = await startServer({
    name: 'bench',
    port,
    contentDir,
    dataDir,
    dist: distDir,
    trustProxy,
    env,
    readyPath,
    timeoutMs,
    // Pages rendered later then match the prerendered ones.
    siteUrl: builtSiteUrl(),
    // An operator's settings (KHABAR_MICROCACHE_MS, …) reach the server being measured.
    inheritEnv: true,
    // Its own process group, so Next's helper processes (if any) stop with it.
    detached: true,
    killAfterMs: 10_000,
  });
  const stop = track({ stop: () => server.stop(), stopSync: () => server.stopSync() });
  return {
    url: server.url,
    port: server.port,
    host: server.host,
    pid: server.pid,
    dataDir: server.dataDir,
    readyMs: server.readyMs,
    rssKiB: () => rssKiB(server.pid),
    log: server.log,
    stop,
  };
}

function trackNginx(nginx) {
  const stop = track({
    stop: () => nginx.stop(),
    stopSync: () => {
      try {
        process.kill(nginx.pid, 'SIGKILL');
      } catch {
        // already gone
      }
      rmSync(nginx.dir, { recursive: true, force: true });
    },
  });
  return { ...nginx, stop };
}

/** The deployment guide's nginx (deploy/nginx/khabar.conf) in front of `upstreams`, stopped on cleanup. */
export async function startProxyNginx(options) {
  return trackNginx(await startNginx(options));
}

/** nginx serving plain files from `root`: the physical limit. Stopped on cleanup. */
export async function startFileNginx(options) {
  return trackNginx(await startStaticNginx(options));
}

// ---------------------------------------------------------------------------------------------
// HTTP.

export async function fetchText(url, init = {}) {
  const response = await fetch(url, { signal: AbortSignal.timeout(60_000), ...init });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/**
 * A GET without Accept-Encoding, as autocannon sends it: the same cache variant (pages vary on
 * Accept-Encoding) and the same uncompressed bytes. fetch() would ask for gzip.
 */
export function rawGet(url, headers = {}) {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers, agent: false }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({ status: response.statusCode, headers: response.headers, body, text: body.toString('utf8') });
      });
      response.on('error', reject);
    });
    request.setTimeout(60_000, () => request.destroy(new Error(`GET ${url}: no answer within 60 s`)));
    request.on('error', reject);
  });
}

/**
 * Sequential GETs timed by the client that costs the machine least: one kept-alive connection,
 * gzip asked for as a browser does (so the server compresses), the body inflated only when its
 * text is wanted. fetch() spends 4–6 ms of this 2-core machine's CPU per request on its own
 * streams, beside the server being measured (docs/performance.md, issue 14).
 */
export function keepAliveClient(base) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  /** @returns {Promise<{ status: number, ms: number, text: string }>} text is '' unless asked for */
  const get = (pathname, { text = false } = {}) =>
    new Promise((resolve, reject) => {
      const started = performance.now();
      const request = http.get(`${base}${pathname}`, { agent, headers: { 'accept-encoding': 'gzip' } }, (response) => {
        const chunks = [];
        response.on('data', (chunk) => chunks.push(chunk));
        response.on('end', () => {
          const ms = performance.now() - started;
          const body = Buffer.concat(chunks);
          const gzipped = response.headers['content-encoding'] === 'gzip';
          resolve({ status: response.statusCode ?? 0, ms, text: text ? (gzipped ? gunzipSync(body) : body).toString('utf8') : '' });
        });
        response.on('error', reject);
      });
      request.setTimeout(60_000, () => request.destroy(new Error(`GET ${pathname}: no answer within 60 s`)));
      request.on('error', reject);
    });
  return { get, close: () => agent.destroy() };
}

/** The default pages, the article replaced by the newest linked from the home page if it is missing. */
export async function resolvePages(base) {
  const pages = { ...defaultPages };
  const article = await fetch(base + pages.article);
  await article.arrayBuffer();
  if (article.status !== 200) {
    const home = await fetchText(base + '/');
    const link = /href="(\/articles\/[a-z0-9-]+)"/.exec(home.text)?.[1];
    if (!link) throw new Error('no article linked from the home page');
    pages.article = link;
  }
  return pages;
}

/** Article paths linked from an HTML page, in order, without repeats. */
export function articleLinks(html) {
  return [...new Set([...html.matchAll(/href="(\/articles\/[a-z0-9-]+)"/g)].map((m) => m[1]))];
}

/**
 * One autocannon measurement, summarised. Load runs in this process; the server is another.
 * Fails on connection errors; non-2xx answers are counted and reported.
 */
export async function load({ url, connections = 10, duration = 6, ...rest }) {
  const result = await autocannon({ url, connections, duration, ...rest });
  return {
    reqPerSec: result.requests.average,
    total: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, { count }]) => [code, count])),
  };
}

// ---------------------------------------------------------------------------------------------
// Facts and output.

function firstLine(command, args) {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  return `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n')[0] ?? '';
}

export function machineInfo() {
  let cpuModel = os.cpus()[0]?.model ?? 'unknown';
  try {
    cpuModel = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpuModel;
  } catch {
    // not Linux
  }
  const packageVersion = (name) => {
    try {
      return JSON.parse(readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
    } catch {
      return 'not installed';
    }
  };
  return {
    date: new Date().toISOString(),
    cpu: cpuModel,
    cores: os.cpus().length,
    ramGiB: Number((os.totalmem() / 1024 ** 3).toFixed(1)),
    node: process.version,
    next: packageVersion('next'),
    lighthouse: packageVersion('lighthouse'),
    autocannon: packageVersion('autocannon'),
    nginx: existsSync('/usr/sbin/nginx') ? firstLine('/usr/sbin/nginx', ['-v']).replace(/^nginx version:\s*/, '') : 'not installed',
    chromium: existsSync('/usr/bin/chromium') ? firstLine('/usr/bin/chromium', ['--version']) : 'not installed',
    kernel: `${os.type()} ${os.release()}`,
    commit: firstLine('git', ['-C', root, 'rev-parse', '--short', 'HEAD']),
    loadAverage: os.loadavg().map((n) => n.toFixed(2)).join(' '),
  };
}

const cell = (value) => String(value ?? '').replaceAll('|', '\\|');

export function markdownTable(rows) {
  if (!rows.length) return '(no rows)\n';
  const keys = Object.keys(rows[0]);
  return [
    `| ${keys.map(cell).join(' | ')} |`,
    `| ${keys.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${keys.map((k) => cell(row[k])).join(' | ')} |`),
  ].join('\n') + '\n';
}

/** A figure for the final table: `pass` is decided by `target.check(value)` when there is a target. */
export function figure(name, value, unit = '', target) {
  const numeric = typeof value === 'number' ? value : NaN;
  return {
    figure: name,
    value,
    unit,
    target: target?.text ?? '',
    pass: target ? (Number.isFinite(numeric) || typeof value === 'boolean' ? target.check(value) : false) : null,
  };
}

export const atMost = (limit, unit = '') => ({ text: `≤ ${limit}${unit ? ` ${unit}` : ''}`, check: (v) => v <= limit });
export const atLeast = (limit, unit = '') => ({ text: `≥ ${limit}${unit ? ` ${unit}` : ''}`, check: (v) => v >= limit });
export const exactly = (expected) => ({ text: `= ${expected}`, check: (v) => v === expected });

/** Lists `dir` recursively (relative paths), for content folders. */
export function listFiles(dir, suffix) {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith(suffix));
}

export function ensureDir(dir) {
  mkdirSync(dir, { recursive: true });
  return dir;
}
