// Comment POST throughput, SQLite against PostgreSQL, through the real HTTP API of the production build.
//
//   npm run build && node scripts/bench/comments-stores.mjs [--duration 10] [--connections 16] [--port 4300] [--pg-fsync off]
//
// Starts a throwaway PostgreSQL (testing/services/postgres.mjs), then server/serve.mjs twice, once on
// a fresh SQLite DATA_DIR and once with DATABASE_URL, and drives POST /api/comments with autocannon.
// Every request comes from its own address (X-Forwarded-For, with TRUST_PROXY=1), so the per-reader
// rate limit never applies and every post is a real insert. Prints req/s, latency p50/p99 and status
// counts per store; then, under the server figures, the stores on their own: 1 and 8 writer processes
// posting through the store interface (testing/fixtures/comments/writer.ts), no HTTP.
//
// Both stores sync every commit to disk by default (SQLite synchronous=FULL, PostgreSQL fsync=on);
// --pg-fsync off shows what PostgreSQL does without that.
// --port N uses N (PostgreSQL), N+1 and N+2 (the two servers) instead of free ports.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { freePort } from '../../testing/services/free-port.mjs';
import { createDatabase, startPostgres } from '../../testing/services/postgres.mjs';
import { requireBuild, root, startServer } from '../../testing/server.mjs';
const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '16' },
    port: { type: 'string' },
    'pg-fsync': { type: 'string', default: 'on' },
    'direct-posts': { type: 'string', default: '250' },
  },
});
const duration = Number(values.duration);
const connections = Number(values.connections);
const directPosts = Number(values['direct-posts']);
const basePort = values.port === undefined ? undefined : Number(values.port);
for (const [name, value] of [['duration', duration], ['connections', connections], ['direct-posts', directPosts]]) {
  if (!(Number.isInteger(value) && value > 0)) throw new Error(`--${name} must be a positive integer`);
}
if (!['on', 'off'].includes(values['pg-fsync'])) throw new Error('--pg-fsync must be on or off');

try {
  requireBuild();
} catch (error) {
  console.error(error.message);
  process.exit(1);
}

/**
 * serve.mjs on its own port, DATA_DIR and copy of the build (the test comments never reach the
 * build `npm start` serves); `env` adds DATABASE_URL for PostgreSQL.
 */
async function startStore(port, env) {
  const server = await startServer({
    name: 'bench-comments',
    port,
    trustProxy: true,
    // An operator's settings reach the server; an inherited DATABASE_URL must not turn SQLite into PostgreSQL.
    inheritEnv: true,
    env: { DATABASE_URL: '', ...env },
    readyPath: '/sitemap.xml',
    killAfterMs: 10_000,
  });
  const sitemap = await (await fetch(`${server.url}/sitemap.xml`)).text();
  const slug = /\/articles\/([^<"/?#]+)/.exec(sitemap)?.[1];
  if (!slug) {
    await server.stop();
    throw new Error('no article in the sitemap');
  }
  return { base: server.url, slug, stop: () => server.stop(), output: server.log };
}

let readers = 0;
/** A reader address never used before: 2001:db8::/32 is the documentation range. */
const nextReader = () => {
  readers++;
  return `2001:db8:${(readers >>> 16).toString(16)}:${(readers & 0xffff).toString(16)}::${process.pid.toString(16)}`;
};

async function postOnce(base, slug) {
  const response = await fetch(`${base}/api/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': nextReader() },
    body: JSON.stringify({ article: slug, name: 'قارئ الاختبار', body: `تعليق للقياس رقم ${readers}` }),
  });
  return response.status;
}

async function measure(label, base, slug) {
  // Warm-up: the route compiled into memory, the store opened (and migrated), the pool filled.
  const warm = await Promise.all(Array.from({ length: connections }, () => postOnce(base, slug)));
  if (warm.some((status) => status !== 201)) throw new Error(`${label}: warm-up answered ${warm.join(', ')}`);
  const result = await autocannon({
    url: `${base}/api/comments`,
    connections,
    duration,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const reader = nextReader();
          return {
            ...request,
            headers: { 'content-type': 'application/json', 'x-forwarded-for': reader },
            body: JSON.stringify({ article: slug, name: 'قارئ الاختبار', body: `تعليق للقياس من ${reader}` }),
          };
        },
      },
    ],
  });
  const statuses = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([status, { count }]) => [status, count]));
  if (result.errors) statuses.errors = result.errors;
  if (result.timeouts) statuses.timeouts = result.timeouts;
  return {
    store: label,
    'req/s': Math.round(result.requests.average),
    'p50 ms': result.latency.p50,
    'p99 ms': result.latency.p99,
    requests: result.requests.total,
    statuses: JSON.stringify(statuses),
  };
}

/** Store-level figure: `writers` processes posting `posts` comments each, one after another. */
async function direct(label, location, writers, posts = directPosts) {
  const fixture = path.join(root, 'testing/fixtures/comments/writer.ts');
  const children = Array.from({ length: writers }, (_, w) =>
    spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', fixture, location, String(w), String(posts)], {
      cwd: root,
      stdio: ['pipe', 'pipe', 'inherit'],
    }),
  );
  const outputs = children.map((child) => {
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    return { ready: new Promise((resolve) => child.stdout.once('data', resolve)), done: new Promise((resolve) => child.on('exit', resolve)), out: () => out };
  });
  await Promise.all(outputs.map((o) => o.ready));
  // Timed from the start signal: process and module start-up are left out, opening the store is not.
  const started = performance.now();
  for (const child of children) child.stdin.end('go\n');
  const codes = await Promise.all(outputs.map((o) => o.done));
  const seconds = (performance.now() - started) / 1000;
  if (codes.some((code) => code !== 0)) throw new Error(`${label}: a writer failed`);
  const total = writers * posts;
  return { store: label, writers, posts: total, seconds: Number(seconds.toFixed(2)), 'posts/s': Math.round(total / seconds) };
}

const ports = basePort === undefined ? [await freePort(), await freePort(), await freePort()] : [basePort, basePort + 1, basePort + 2];
console.log(`PostgreSQL (fsync ${values['pg-fsync']}) on port ${ports[0]}…`);
const postgres = await startPostgres({ port: ports[0], fsync: values['pg-fsync'] === 'on' });
const cleanup = [postgres.stop];
try {
  const rows = [];
  for (const [label, port, env] of [
    ['SQLite', ports[1], {}],
    ['PostgreSQL', ports[2], { DATABASE_URL: postgres.url }],
  ]) {
    console.log(`${label}: serve.mjs on port ${port}, ${connections} connections for ${duration} s…`);
    const server = await startStore(port, env);
    cleanup.unshift(server.stop);
    rows.push(await measure(label, server.base, server.slug));
    await server.stop();
  }
  console.log(`\nPOST /api/comments, production build, ${connections} connections, ${duration} s, every request a new reader:`);
  console.table(rows);

  const sqliteDir = mkdtempSync(path.join(tmpdir(), 'khabar-bench-direct-'));
  cleanup.unshift(async () => rmSync(sqliteDir, { recursive: true, force: true }));
  const directRows = [];
  for (const writers of [1, 8]) {
    const url = new URL(postgres.url);
    url.pathname = `/direct_${writers}`;
    await createDatabase(postgres.adminUrl, `direct_${writers}`);
    for (const [label, location] of [
      ['SQLite', path.join(sqliteDir, `direct-${writers}.db`)],
      ['PostgreSQL', url.href],
    ]) {
      // Migrated first, as a running site's store is: the figure is for posting, not for 8 first opens.
      await direct(label, location, 1, 0);
      directRows.push(await direct(label, location, writers));
    }
  }
  console.log(`\nStore interface only (no HTTP), ${directPosts} sequential posts per writer process:`);
  console.table(directRows);
} finally {
  for (const stop of cleanup) await stop().catch((error) => console.error(error));
}

