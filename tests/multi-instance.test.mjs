// More than one server: two production instances of one build (scripts/serve.mjs) on their own
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
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, startNginx } from '../scripts/nginx.mjs';
import { startPostgres } from '../scripts/services/postgres.mjs';
import { startRedis } from '../scripts/services/redis.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const distDir = process.env.NEXT_DIST_DIR || '.next';
const revalidateSecret = 'multi-instance-revalidate-secret';
/** Changes show within a second or two; the deadline only bounds a failure. */
const settleMs = 15_000;

let scratch;
/** @type {string[]} build copies, inside the build folder because Next accepts no other place */
const builds = [];
let contentDir;
let redis;
let postgres;
let nginx;
/** @type {{ name: string, base: string, child: import('node:child_process').ChildProcess, log: string[] }[]} */
const instances = [];

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The build as deployed to a fresh host: no caches, no pages a server rendered since. */
function copyBuild(name) {
  const source = path.join(root, distDir);
  const target = path.join(source, `multi-instance-${name}-${process.pid}`);
  rmSync(target, { recursive: true, force: true });
  builds.push(target);
  for (const entry of readdirSync(source)) {
    if (['cache', 'dev', 'trace'].includes(entry) || entry.startsWith('e2e-publishing-') || entry.startsWith('multi-instance-')) continue;
    cpSync(path.join(source, entry), path.join(target, entry), {
      recursive: true,
      filter: (file) => !file.startsWith(path.join(source, 'server', 'route-cache')),
    });
  }
  return path.relative(root, target);
}

async function startInstance(name) {
  const dist = copyBuild(name);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const log = [];
  const child = spawn(process.execPath, ['scripts/serve.mjs'], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      NEXT_DIST_DIR: dist,
      PORT: String(port),
      HOSTNAME: '127.0.0.1',
      TRUST_PROXY: '1',
      CONTENT_DIR: contentDir,
      // Each instance its own data folder: anything shared must go through PostgreSQL or Redis.
      DATA_DIR: path.join(scratch, `data-${name}`),
      DATABASE_URL: postgres.url,
      REDIS_URL: redis.url,
      REVALIDATE_SECRET: revalidateSecret,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk) => log.push(String(chunk)));
  child.stderr.on('data', (chunk) => log.push(String(chunk)));
  const instance = { name, base, child, log };
  instances.push(instance);
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`instance ${name} exited with ${child.exitCode}:\n${log.join('')}`);
    try {
      const response = await fetch(`${base}/api/health`);
      const body = await response.json();
      if (response.status === 200 && body.checks.cache.status === 'ok') return instance;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`instance ${name} not ready within 60 s:\n${log.join('')}`);
    await sleep(200);
  }
}

function stopInstance(instance, signal = 'SIGTERM') {
  if (instance.child.exitCode !== null || instance.child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    instance.child.once('exit', resolve);
    instance.child.kill(signal);
    setTimeout(() => instance.child.kill('SIGKILL'), 10_000).unref();
  });
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
  if (!existsSync(path.join(root, distDir, 'BUILD_ID'))) {
    throw new Error(`No build in ${distDir}: run \`npm run build\` first (npm test builds before this step).`);
  }
  scratch = mkdtempSync(path.join(tmpdir(), 'khabar-multi-'));
  contentDir = path.join(scratch, 'content');
  cpSync(path.join(root, 'content'), contentDir, { recursive: true });
  [redis, postgres] = await Promise.all([startRedis(), startPostgres({ fsync: false })]);
  // One at a time: the first one migrates the database.
  await startInstance('a');
  await startInstance('b');
});

after(async () => {
  await Promise.all(instances.map((instance) => stopInstance(instance)));
  await nginx?.stop();
  await redis?.stop();
  await postgres?.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  for (const dir of builds) rmSync(dir, { recursive: true, force: true });
});

// Diagnostics for a failure: what the servers said.
function logs() {
  return instances.map((i) => `── ${i.name} ──\n${i.log.join('').slice(-3000)}`).join('\n');
}

test('both instances are ready, with comments in PostgreSQL and pages in Redis', async () => {
  for (const { base } of instances) {
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
  const first = await get(a.base, '/categories/economy');
  assert.equal(first.status, 200);
  const second = await get(b.base, '/categories/economy');
  assert.equal(second.status, 200);
  assert.equal(second.cache, 'HIT', 'instance b must not render a page a already rendered');
  assert.equal(second.body, first.body);
});

test('one revalidation on one instance refreshes the pages of every instance', async () => {
  const [a, b] = instances;
  await get(a.base, '/categories/world');
  assert.equal((await get(b.base, '/categories/world')).cache, 'HIT');
  const response = await fetch(`${a.base}/api/revalidate`, { method: 'POST', headers: { authorization: `Bearer ${revalidateSecret}` } });
  assert.equal(response.status, 200);
  // b was told nothing, yet must render again instead of answering from before the revalidation.
  assert.equal((await get(b.base, '/categories/world')).cache, 'MISS', logs());
});

test('a comment posted on one instance is listed by the other, and its article page shows it there', async () => {
  const [a, b] = instances;
  const article = 'ai-music-copyright-debate';
  const text = `تعليق مشترك بين الخادمين ${Date.now()}`;
  const before = await get(b.base, `/articles/${article}`);
  assert.equal(before.status, 200);
  assert.ok(!before.body.includes(text));

  const posted = await fetch(`${a.base}/api/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ article, name: 'قارئ من الخادم الأول', body: text }),
  });
  assert.equal(posted.status, 201, await posted.clone().text());

  const listed = await (await fetch(`${b.base}/api/comments?article=${article}`)).json();
  assert.ok(
    listed.comments.some((comment) => comment.body === text),
    JSON.stringify(listed),
  );
  // Only a refreshed the article page; b's cached copy must not outlive it.
  await eventually(async () => assert.ok((await get(b.base, `/articles/${article}`)).body.includes(text), 'the comment on b’s article page'));
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
  const response = await fetch(`${instances[0].base}/api/revalidate`, { method: 'POST', headers: { authorization: `Bearer ${revalidateSecret}` } });
  assert.equal(response.status, 200);
  for (const { base } of instances) {
    await eventually(async () => {
      const page = await get(base, `/articles/${slug}`);
      assert.equal(page.status, 200);
      assert.ok(page.body.includes(title));
      assert.ok((await get(base, '/')).body.includes(`/articles/${slug}`), 'the home page lists it');
      assert.ok((await get(base, '/categories/world')).body.includes(`/articles/${slug}`), 'its category lists it');
    });
  }
});

test('through nginx the pair keeps answering after one instance is killed', async () => {
  const [a, b] = instances;
  // No page cache in nginx: every answer below comes from an instance.
  nginx = await startNginx({ upstreams: [new URL(a.base).host, new URL(b.base).host], cache: false });
  const paths = ['/', '/categories/economy', '/articles/ai-music-copyright-debate', '/api/health'];
  for (const pathname of paths) assert.equal((await get(nginx.url, pathname)).status, 200, pathname);

  await stopInstance(a, 'SIGKILL');
  const statuses = [];
  for (let round = 0; round < 5; round++) {
    for (const pathname of paths) statuses.push(`${(await get(nginx.url, pathname)).status} ${pathname}`);
  }
  assert.deepEqual(
    statuses.filter((line) => !line.startsWith('200 ')),
    [],
    `${nginx.errorLog()}\n${logs()}`,
  );
  assert.equal((await fetch(`${b.base}/api/health`)).status, 200);
});
