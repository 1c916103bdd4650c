// View counts (lib/views) through the production build: `npm run bench -- views [options]`.
//
//   --duration S [10]     each throughput measurement
//   --burst S [60]        the long burst whose beacons are then counted in views.db
//   --connections N [10]  autocannon connections
//   --articles N [1000]   archive size for the list's own cost (in process)
//
// 1. Beacons per second (POST /api/views, every request a reader of its own through
//    X-Forwarded-For) with p50/p99, beside plain GETs of an article page, interleaved in one run.
// 2. A burst of --burst seconds: beacons answered 204 against views written to views.db a few
//    seconds later. autocannon drops the requests still in flight when its time is up, and the
//    server may count those, so written − answered must lie between 0 and --connections. Then a
//    10 s burst ended by kill -9: answered beacons lost, against how many arrive in one second
//    (the documented limit).
// 3. The list's cost: the two store queries a cache refresh runs (every 30 s at most) and the
//    ranking every render runs, on a views.db with 90 days of hourly buckets; and the bytes the
//    list adds to the home page. Pages are static, so the list adds nothing to a cached answer.
import autocannon from 'autocannon';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { requireBuild, root, startServer } from '../../testing/server.mjs';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    burst: { type: 'string', default: '60' },
    connections: { type: 'string', default: '10' },
    articles: { type: 'string', default: '1000' },
  },
});
const duration = Number(values.duration);
const burst = Number(values.burst);
const connections = Number(values.connections);
const userAgent = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36';
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

let readers = 0;
/** autocannon options for beacons, each from a new reader, spread over `slugs`. */
function beacons(url, slugs, seconds) {
  return {
    url: `${url}/api/views`,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const n = ++readers;
          return {
            ...request,
            headers: {
              'content-type': 'text/plain;charset=UTF-8',
              'user-agent': userAgent,
              'x-forwarded-for': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
            },
            body: JSON.stringify({ article: slugs[n % slugs.length] }),
          };
        },
      },
    ],
  };
}

const summary = (r) => ({ reqPerSec: Math.round(r.requests.average), total: r.requests.total, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors });

function written(dataDir) {
  const db = new Database(path.join(dataDir, 'views.db'), { readonly: true });
  try {
    return db.prepare('SELECT coalesce(sum(views), 0) AS n FROM view_hours').get().n;
  } finally {
    db.close();
  }
}

async function slugsOf(url) {
  const xml = await (await fetch(`${url}/sitemap.xml`)).text();
  return [...new Set([...xml.matchAll(/\/articles\/([a-z0-9-]+)</g)].map((m) => m[1]))];
}

async function main() {
  requireBuild();
  const scratch = mkdtempSync(path.join(tmpdir(), 'khabar-bench-views-'));
  const servers = [];
  const start = async (name) => {
    const server = await startServer({ name, dataDir: path.join(scratch, name), trustProxy: true, inheritEnv: true, killAfterMs: 10_000 });
    servers.push(server);
    return server;
  };
  try {
    // 1. Beacons beside article GETs.
    const site = await start('views');
    const slugs = await slugsOf(site.url);
    const article = `${site.url}/articles/${slugs[0]}`;
    await autocannon({ url: article, connections, duration: 2 });
    await autocannon(beacons(site.url, slugs, 2));
    const rounds = [];
    for (let round = 1; round <= 2; round++) {
      const order = round % 2 ? ['beacon', 'article'] : ['article', 'beacon'];
      for (const kind of order) {
        const result = kind === 'beacon' ? await autocannon(beacons(site.url, slugs, duration)) : await autocannon({ url: article, connections, duration });
        rounds.push({ round, kind, ...summary(result) });
        console.log(`  round ${round} ${kind}: ${JSON.stringify(summary(result))}`);
      }
    }

    // 3b. The bytes the list adds to the home page: this server (views recorded above) beside a
    // fresh one whose list is empty.
    const empty = await start('views-empty');
    const home = {};
    for (const [label, server] of [['with list', site], ['without list', empty]]) {
      // Twice: the first answer may be the page cached before the views were counted.
      await fetch(`${server.url}/`).then((r) => r.arrayBuffer());
      await sleep(1_000);
      const html = await (await fetch(`${server.url}/`, { headers: { 'accept-encoding': 'identity' } })).text();
      home[label] = { listShown: html.includes('most-read-heading'), kiB: Math.round(Buffer.byteLength(html) / 102.4) / 10 };
      console.log(`  home ${label}: ${JSON.stringify(home[label])}`);
    }
    await empty.stop();

    // 2a. A long burst, then a count of what was written.
    const before = written(site.dataDir);
    const long = await autocannon(beacons(site.url, slugs, burst));
    const answered = long['2xx'];
    await sleep(3_000);
    const stored = written(site.dataDir) - before;
    console.log(`  burst ${burst} s: ${answered} answered 204, ${stored} written`);

    // 2b. A 10 s burst ended by kill -9.
    const victim = await start('views-kill');
    const running = autocannon(beacons(victim.url, slugs, 10));
    const killed = await running;
    victim.kill('SIGKILL');
    await victim.exited;
    const killAnswered = killed['2xx'];
    const killStored = written(victim.dataDir);
    const perSecond = Math.round(killed.requests.average);
    const lost = Math.max(0, killAnswered - killStored);
    console.log(`  kill -9 after a 10 s burst: ${killAnswered} answered, ${killStored} written, ${lost} lost (${perSecond}/s arrive)`);

    // 3a. The list's own cost in process.
    const listRun = spawnSync(
      process.execPath,
      ['--conditions=react-server', '--import', 'tsx', path.join(root, 'scripts/bench/views-list.ts'), path.join(scratch, 'list', 'views.db'), values.articles, '200'],
      { cwd: root, encoding: 'utf8' },
    );
    if (listRun.status !== 0) throw new Error(`views-list.ts: ${listRun.stderr}`);
    const list = JSON.parse(listRun.stdout.trim().split('\n').at(-1));
    console.log(`  list: ${JSON.stringify(list)}`);

    const results = { rounds, home, burst: { seconds: burst, answered, stored }, kill9: { answered: killAnswered, stored: killStored, lost, perSecond }, list };
    console.log(`\nRESULT ${JSON.stringify(results)}`);
    const burstOk = stored >= answered && stored - answered <= connections;
    const killOk = lost <= perSecond;
    console.log(`  burst: ${burstOk ? 'ok' : 'FAIL'} (written − answered = ${stored - answered}, at most ${connections} in flight); kill -9: ${killOk ? 'ok' : 'FAIL'}`);
    return burstOk && killOk ? 0 : 1;
  } finally {
    for (const server of servers) await server.stop().catch(() => {});
    rmSync(scratch, { recursive: true, force: true });
  }
}

process.exitCode = await main();
