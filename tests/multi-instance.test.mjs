// More than one server: two production instances of one build (server/serve.mjs) on their own
// ports, sharing PostgreSQL (comments), Redis (page cache) and a content folder (a temporary copy),
// with nginx in front. Everything is started here on loopback and stopped at the end.
//
//   node --test tests/multi-instance.test.mjs      (after `npm run build`; npm test runs it after its build)
//
// The build is the one in NEXT_DIST_DIR (default .next). Each instance gets its own copy of it, as
// on two hosts: sharing one folder would let them share pages through the disk and hide whether
// Redis does.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startNginx } from '../testing/services/nginx.mjs';
import { startPostgres } from '../testing/services/postgres.mjs';
import { startRedis } from '../testing/services/redis.mjs';
import { requireBuild, root, startServer } from '../testing/server.mjs';

const revalidateSecret = 'multi-instance-revalidate-secret';
/** Changes show within a second or two; the deadline only bounds a failure. */
const settleMs = 15_000;

let scratch;
let contentDir;
let redis;
let postgres;
let nginx;
const instances = [];

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function startShared(name) {
  // Each its own copy of the build (startServer's default) and its own data folder: anything
  // shared must go through PostgreSQL or Redis.
  const instance = await startServer({
    name,
    contentDir,
    dataDir: path.join(scratch, `data-${name}`),
    trustProxy: true,
    env: {
      DATABASE_URL: postgres.url,
      REDIS_URL: redis.url,
      REVALIDATE_SECRET: revalidateSecret,
      // These checks read Next's own cache header on the instance that did not revalidate; its
      // one-second page cache (server/micro-cache.mjs, emptied only by writes through that
      // instance) would answer first for up to a second.
      KHABAR_MICROCACHE_MS: '0',
    },
    readyPath: '/api/health',
    readyWhen: (body) => JSON.parse(body).checks.cache.status === 'ok',
  });
  instances.push(instance);
  return instance;
}

async function get(base, pathname) {
  const response = await fetch(base + pathname);
  return { status: response.status, cache: response.headers.get('x-nextjs-cache'), body: await response.text() };
}

/** Polls until `check` passes; its last failure is the test's failure. */
async function eventually(check, timeoutMs = settleMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(250);
    }
  }
}

before(async () => {
  requireBuild();
  scratch = mkdtempSync(path.join(tmpdir(), 'khabar-multi-'));
  contentDir = path.join(scratch, 'content');
  cpSync(path.join(root, 'content'), contentDir, { recursive: true });
  [redis, postgres] = await Promise.all([startRedis(), startPostgres({ fsync: false })]);
  // One at a time: the first one migrates the database.
  await startShared('a');
  await startShared('b');
});

after(async () => {
  await Promise.all(instances.map((instance) => instance.stop()));
  await nginx?.stop();
  await redis?.stop();
  await postgres?.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

// Diagnostics for a failure: what the servers said.
function logs() {
  return instances.map((i) => `── ${i.name} ──\n${i.log().slice(-3000)}`).join('\n');
}

test('both instances are ready, with comments in PostgreSQL and pages in Redis', async () => {
  for (const { url: base } of instances) {
    const response = await fetch(`${base}/api/health`);
    assert.equal(response.status, 200);
    const { checks } = await response.json();
    assert.equal(checks.content.status, 'ok');
    assert.equal(checks.comments.status, 'ok');
    assert.equal(checks.cache.status, 'ok');
  }
});

test('a page rendered by one instance is served by the other from the shared cache', async () => {
  const [a, b] = instances;
  const first = await get(a.url, '/categories/economy');
  assert.equal(first.status, 200);
  const second = await get(b.url, '/categories/economy');
  assert.equal(second.status, 200);
  assert.equal(second.cache, 'HIT', 'instance b must not render a page a already rendered');
  assert.equal(second.body, first.body);
});

test('one revalidation on one instance refreshes the pages of every instance', async () => {
  const [a, b] = instances;
  await get(a.url, '/categories/world');
  assert.equal((await get(b.url, '/categories/world')).cache, 'HIT');
  const response = await fetch(`${a.url}/api/revalidate`, { method: 'POST', headers: { authorization: `Bearer ${revalidateSecret}` } });
  assert.equal(response.status, 200);
  // b was told nothing, yet must render again instead of answering from before the revalidation.
  assert.equal((await get(b.url, '/categories/world')).cache, 'MISS', logs());
});

test('a comment posted on one instance is listed by the other, and its article page shows it there', async () => {
  const [a, b] = instances;
  const article = 'ai-music-copyright-debate';
  const text = `تعليق مشترك بين الخادمين ${Date.now()}`;
  const before = await get(b.url, `/articles/${article}`);
  assert.equal(before.status, 200);
  assert.ok(!before.body.includes(text));

  const posted = await fetch(`${a.url}/api/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ article, name: 'قارئ من الخادم الأول', body: text }),
  });
  assert.equal(posted.status, 201, await posted.clone().text());

  const listed = await (await fetch(`${b.url}/api/comments?article=${article}`)).json();
  assert.ok(
    listed.comments.some((comment) => comment.body === text),
    JSON.stringify(listed),
  );
  // Only a refreshed the article page; b's cached copy must not outlive it.
  await eventually(async () => assert.ok((await get(b.url, `/articles/${article}`)).body.includes(text), 'the comment on b’s article page'));
});

test('a new article file and one revalidation show on both instances', async () => {
  const slug = `multi-instance-${Date.now()}`;
  const title = 'خبر جديد يظهر على الخادمين معاً';
  const date = new Date(Date.now() - 60_000).toISOString().replace(/\.\d+Z$/, '+00:00');
  mkdirSync(path.join(contentDir, 'articles', 'multi'), { recursive: true });
  writeFileSync(
    path.join(contentDir, 'articles', 'multi', `${slug}.md`),
    `---\ntitle: "${title}"\ndescription: "ملخص الخبر الجديد للاختبار."\ndate: ${date}\ncategory: world\nauthor: layla-haddad\n---\n\nنص الخبر الجديد.\n`,
  );
  const response = await fetch(`${instances[0].url}/api/revalidate`, { method: 'POST', headers: { authorization: `Bearer ${revalidateSecret}` } });
  assert.equal(response.status, 200);
  for (const { url: base } of instances) {
    await eventually(async () => {
      const page = await get(base, `/articles/${slug}`);
      assert.equal(page.status, 200);
      assert.ok(page.body.includes(title));
      assert.ok((await get(base, '/')).body.includes(`/articles/${slug}`), 'the home page lists it');
      assert.ok((await get(base, '/categories/world')).body.includes(`/articles/${slug}`), 'its category lists it');
    });
  }
});

test('with Redis down the instances keep answering, and share pages again once it is back', async () => {
  const [a, b] = instances;
  const { port } = redis;
  await redis.stop();
  for (const { url: base } of instances) {
    for (const pathname of ['/', '/categories/culture', '/articles/ai-music-copyright-debate']) {
      assert.equal((await get(base, pathname)).status, 200, `${base}${pathname} without Redis`);
    }
    const health = await (await fetch(`${base}/api/health`)).json();
    assert.equal(health.status, 'ok', 'an instance without the shared cache is still ready');
    assert.equal(health.checks.cache.status, 'unavailable');
  }
  const outageLines = (instance) => instance.log().split('\n').filter((line) => line.includes('[cache]') && line.includes('unavailable'));
  assert.equal(outageLines(a).length, 1, 'one log line per outage, not one per request');

  redis = await startRedis({ port });
  await eventually(async () => {
    for (const { url: base } of instances) assert.equal((await (await fetch(`${base}/api/health`)).json()).checks.cache.status, 'ok');
  });
  await get(a.url, '/categories/culture');
  assert.equal((await get(b.url, '/categories/culture')).cache, 'HIT');
});

test('through nginx the pair keeps answering after one instance is killed', async () => {
  const [a, b] = instances;
  // No page cache in nginx: every answer below comes from an instance.
  nginx = await startNginx({ upstreams: [a.host, b.host], cache: false });
  const paths = ['/', '/categories/economy', '/articles/ai-music-copyright-debate', '/api/health'];
  for (const pathname of paths) assert.equal((await get(nginx.url, pathname)).status, 200, pathname);

  await a.stop({ signal: 'SIGKILL' });
  const statuses = [];
  for (let round = 0; round < 5; round++) {
    for (const pathname of paths) statuses.push(`${(await get(nginx.url, pathname)).status} ${pathname}`);
  }
  assert.deepEqual(
    statuses.filter((line) => !line.startsWith('200 ')),
    [],
    `${nginx.errorLog()}\n${logs()}`,
  );
  assert.equal((await fetch(`${b.url}/api/health`)).status, 200);
});
