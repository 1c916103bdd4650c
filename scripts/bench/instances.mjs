// One instance or two: article pages per second through nginx, with nginx's own page cache off so
// that every request reaches an instance (what is measured is the instances, not nginx's cache).
//
//   node scripts/bench/instances.mjs [--duration 15] [--connections 32] [--configs local,redis-1,redis-2]
//
//   local     one instance, Next's own cache (memory + its build folder), no Redis: the baseline
//   redis-1   one instance, pages in Redis
//   redis-2   two instances sharing Redis, nginx balancing between them
//
// Uses the existing build (NEXT_DIST_DIR or .next; `npm run build` first), one copy per instance.
// Each configuration is warmed up (every article requested, then 3 s of load) before it is measured. On a
// machine with as many cores as instances plus nginx plus the load generator, two instances can
// double the figure; on fewer cores they compete with each other and with autocannon.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { startNginx } from '../../testing/services/nginx.mjs';
import { startRedis } from '../../testing/services/redis.mjs';
import { requireBuild, root, startServer } from '../../testing/server.mjs';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '15' },
    connections: { type: 'string', default: '32' },
    configs: { type: 'string', default: 'local,redis-1,redis-2' },
  },
});
const duration = Number(values.duration);
const warmupSeconds = 3;
const connections = Number(values.connections);
const configs = values.configs.split(',');
const known = new Set(['local', 'redis-1', 'redis-2']);
for (const name of configs) if (!known.has(name)) throw new Error(`unknown configuration ${name}; expected ${[...known].join(', ')}`);
requireBuild();

// The published sample articles the build prerendered (the drafts and scheduled ones are not served).
const articles = readdirSync(path.join(root, process.env.NEXT_DIST_DIR || '.next', 'server', 'app', 'articles'))
  .filter((file) => file.endsWith('.html'))
  .map((file) => `/articles/${file.slice(0, -'.html'.length)}`);
if (!articles.length) throw new Error('the build has no prerendered articles');

function run(url, seconds = duration) {
  return new Promise((resolve, reject) => {
    autocannon(
      { url, connections, duration: seconds, requests: articles.map((p) => ({ method: 'GET', path: p })) },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

async function measure(name) {
  const count = name === 'redis-2' ? 2 : 1;
  const redis = name === 'local' ? undefined : await startRedis();
  const started = [];
  const data = mkdtempSync(path.join(tmpdir(), 'khabar-bench-instances-'));
  let nginx;
  try {
    for (let i = 0; i < count; i++) {
      started.push(
        // Each on its own copy of the build (startServer's default), as on separate hosts.
        await startServer({
          name: `${name}-${i}`,
          dataDir: path.join(data, String(i)),
          trustProxy: true,
          env: redis ? { REDIS_URL: redis.url } : {},
          readyPath: '/api/health',
          readyWhen: (body) => !redis || JSON.parse(body).checks.cache.status === 'ok',
        }),
      );
    }
    nginx = await startNginx({ upstreams: started.map((instance) => instance.host), cache: false });
    // Every page cached, and the servers' code compiled by the JIT, before anything is counted.
    for (const article of articles) await fetch(nginx.url + article).then((response) => response.arrayBuffer());
    await run(nginx.url, warmupSeconds);
    const result = await run(nginx.url);
    const failures = result.non2xx + result.errors + result.timeouts;
    return {
      configuration: name,
      instances: count,
      'req/s (mean)': Math.round(result.requests.average),
      'latency p50 ms': result.latency.p50,
      'latency p99 ms': result.latency.p99,
      requests: result.requests.total,
      'non-2xx/errors': failures,
    };
  } finally {
    await nginx?.stop();
    await Promise.all(started.map((instance) => instance.stop()));
    await redis?.stop();
    rmSync(data, { recursive: true, force: true });
  }
}

console.log(`${articles.length} article pages, ${connections} connections, ${duration} s per configuration, ${cpus().length} cores`);
const rows = [];
for (const name of configs) {
  rows.push(await measure(name));
  console.log(JSON.stringify(rows.at(-1)));
}
console.table(rows);
console.log('\n| configuration | instances | req/s | p50 ms | p99 ms | non-2xx/errors |\n| --- | --- | --- | --- | --- | --- |');
for (const row of rows) {
  console.log(`| ${row.configuration} | ${row.instances} | ${row['req/s (mean)']} | ${row['latency p50 ms']} | ${row['latency p99 ms']} | ${row['non-2xx/errors']} |`);
}
