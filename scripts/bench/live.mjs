// Readers polling one live page: `npm run bench -- live [--duration 30] [--connections 200]`.
//
// A copy of the content folder gets a live article with 60 entries; the production server runs on
// it with nginx in front, configured by deploy/nginx/khabar.conf (its /api/live/ location caches
// the API's `s-maxage=5`). 200 connections then ask GET /api/live/<slug>?after=<id> as fast as
// they can for 30 s, through nginx and then straight at Node. The server numbers each answer it
// works out (X-Khabar-Answer), so the answers it rendered are counted exactly, whatever the cache
// served. Halfway through the nginx run a new entry is written; a side poller records when it is
// first in the answers, as a reader's page would see it.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { contentCopy, installCleanupHandlers, cleanupAll, load, machineInfo, markdownTable, round, sleep, startProxyNginx, startSite } from './common.mjs';
import { requireBuild } from '../../testing/server.mjs';

const { values } = parseArgs({
  options: { duration: { type: 'string', default: '30' }, connections: { type: 'string', default: '200' } },
});
const duration = Number(values.duration);
const connections = Number(values.connections);
for (const [name, value] of [['duration', duration], ['connections', connections]]) {
  if (!(Number.isInteger(value) && value > 0)) throw new Error(`--${name} must be a positive integer`);
}
requireBuild();
installCleanupHandlers();

const slug = 'bench-live-coverage';
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');
const entryText = (n) => `---\ntime: ${iso(Date.now() - (100 - n) * 60_000)}\ntitle: "تحديث رقم ${n}"\n${n % 10 === 0 ? 'key: true\n' : ''}---\n\nنص التحديث ${n}: تفاصيل جديدة من موقع الحدث، مع **تأكيد** من مصدرين.\n`;

const content = contentCopy('khabar-bench-live-');
const month = path.join(content.dir, 'articles', '2026', '11');
mkdirSync(path.join(month, slug), { recursive: true });
writeFileSync(
  path.join(month, `${slug}.md`),
  `---\ntitle: "تغطية مباشرة لاختبار الأداء"\ndescription: "صفحة مباشرة يستطلعها القراء."\ndate: ${iso(Date.now() - 3 * 3600_000)}\ncategory: world\nauthor: layla-haddad\nlive: true\n---\n\nملخص التغطية.\n`,
);
for (let n = 1; n <= 60; n++) writeFileSync(path.join(month, slug, `entry-${String(n).padStart(3, '0')}.md`), entryText(n));

const site = await startSite({ contentDir: content.dir });
const nginx = await startProxyNginx({ upstreams: [`127.0.0.1:${site.port}`] });
const apiPath = `/api/live/${slug}?after=entry-055`;

/** The server's answer counter, read straight from Node (which costs one answer itself). */
async function answerCount() {
  const response = await fetch(`${site.url}${apiPath}`);
  return Number((response.headers.get('x-khabar-answer') ?? '0-0').split('-')[1]);
}

async function run(base, { publishMidway }) {
  const before = await answerCount();
  let seenAt = NaN;
  let writtenAt = NaN;
  const side = publishMidway
    ? (async () => {
        await sleep((duration * 1000) / 2);
        writtenAt = Date.now();
        writeFileSync(path.join(month, slug, 'entry-061.md'), entryText(100).replace('تحديث رقم 100', 'تحديث رقم 61'));
        while (Date.now() - writtenAt < 60_000) {
          const body = await fetch(`${base}${apiPath}`).then((r) => r.json());
          if (body.entries?.some((e) => e.id === 'entry-061')) {
            seenAt = Date.now();
            return;
          }
          await sleep(250);
        }
      })()
    : Promise.resolve();
  const result = await load({ url: `${base}${apiPath}`, connections, duration });
  await side;
  const after = await answerCount();
  // Both reads of the counter are answers of their own.
  const answers = after - before - 1;
  return { ...result, answers, visibleAfter: (seenAt - writtenAt) / 1000 };
}

try {
  console.log(`live: ${connections} connections × ${duration} s against ${apiPath}`);
  const cached = await run(nginx.url, { publishMidway: true });
  const direct = await run(site.url, { publishMidway: false });
  const rows = [
    ['through nginx (deploy/nginx/khabar.conf)', cached],
    ['straight at Node', direct],
  ].map(([path, r]) => ({
    path,
    'req/s': round(r.reqPerSec, 0),
    requests: r.total,
    'p50 ms': r.p50,
    'p99 ms': r.p99,
    'non-2xx': r.non2xx,
    errors: r.errors + r.timeouts,
    'answers rendered by Node': r.answers,
    'rendered per 5 s': round((r.answers / duration) * 5, 2),
  }));
  const machine = machineInfo();
  console.log(`\nMachine: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, ${machine.nginx}; load average at start ${machine.loadAverage}; commit ${machine.commit}\n`);
  console.log(markdownTable(rows));
  console.log(`\nAn entry written during the nginx run was in the answers ${round(cached.visibleAfter, 1)} s later.`);
} finally {
  await cleanupAll();
}
