/**
 * The Redis cache handler against a real redis-server (started here on a free loopback port):
 * two handlers with their own connections stand for two instances of the site.
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { createClient } from '@redis/client';
import RedisCacheHandler, { closeRedisCache, decodeEntry, encodeEntry, pageWritesSettled, redisCacheStatus } from '@/server/redis-cache-handler.mjs';
import { startRedis, type RedisService } from '@/testing/services/redis.mjs';

const require = createRequire(import.meta.url);
const { nodeFs } = require('next/dist/server/lib/node-fs-methods') as { nodeFs: unknown };

const temps: string[] = [];
let redis: RedisService;

before(async () => {
  redis = await startRedis();
});
// Each test starts from an empty cache: revalidations recorded by one must not hide another's pages.
beforeEach(async () => {
  const client = createClient({ url: redis.url });
  await client.connect();
  await client.flushAll();
  client.destroy();
});
after(async () => {
  await closeRedisCache();
  await redis?.stop();
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

/** A build folder as `next build` leaves it: BUILD_ID next to server/. */
function buildDir(buildId = 'build-1'): string {
  const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'khabar-cache-'));
  temps.push(dist);
  fs.mkdirSync(path.join(dist, 'server', 'app'), { recursive: true });
  fs.writeFileSync(path.join(dist, 'BUILD_ID'), buildId);
  return path.join(dist, 'server');
}

// Two URLs for one server: each handler gets its own connection, as two processes would.
const urlA = () => redis.url;
const urlB = () => `${redis.url}/0`;
const handler = (serverDistDir: string, redisUrl: string) => new RedisCacheHandler({ serverDistDir, fs: nodeFs, redisUrl });

const articleKey = '/route-cache/APP_PAGE/abc/$/articles/gulf-summit';
const pageCtx = { kind: 'APP_PAGE', isFallback: false, isRoutePPREnabled: false };

function page(html: string) {
  return {
    kind: 'APP_PAGE',
    html,
    rscData: Buffer.from(`rsc:${html}`),
    status: 200,
    postponed: undefined,
    headers: { 'x-next-cache-tags': '_N_T_/layout,_N_T_/articles/[slug]/page,_N_T_/articles/gulf-summit' },
    segmentData: new Map([['/_tree', Buffer.from([0, 255, 7])]]),
  };
}

const htmlOf = (entry: { value: unknown } | null) => (entry?.value as { html?: string } | undefined)?.html;

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('encoding', () => {
  test('Buffers and Maps survive the trip through JSON byte for byte', () => {
    const value = page('<p>سلام</p>');
    const back = decodeEntry(encodeEntry({ value })) as { value: ReturnType<typeof page> };
    assert.equal(back.value.html, '<p>سلام</p>');
    assert.ok(Buffer.isBuffer(back.value.rscData));
    assert.deepEqual(back.value.rscData, value.rscData);
    assert.ok(back.value.segmentData instanceof Map);
    assert.deepEqual([...back.value.segmentData.get('/_tree')!], [0, 255, 7]);
  });
});

describe('two instances sharing one Redis', () => {
  test('a page one instance rendered is served by the other, with its lifetime', async () => {
    const dist = buildDir();
    const a = handler(dist, urlA());
    const b = handler(dist, urlB());
    await a.set(articleKey, page('first'), { ...pageCtx, cacheControl: { revalidate: 60, expire: 31536000 } });
    const entry = await b.get(articleKey, pageCtx);
    assert.equal(htmlOf(entry), 'first');
    assert.deepEqual(entry!.cacheControl, { revalidate: 60, expire: 31536000 });
    assert.ok(Math.abs(entry!.lastModified - Date.now()) < 5_000, 'lastModified is a current time');
  });

  test('revalidatePath on one instance hides the page on the other until it is rendered again', async () => {
    const dist = buildDir();
    const a = handler(dist, urlA());
    const b = handler(dist, urlB());
    await a.set(articleKey, page('before'), pageCtx);
    assert.equal(htmlOf(await b.get(articleKey, pageCtx)), 'before');

    await b.revalidateTag(['_N_T_/articles/gulf-summit']);
    assert.equal(await a.get(articleKey, pageCtx), null, 'A must render instead of serving the old page');
    assert.equal(await b.get(articleKey, pageCtx), null);

    await a.set(articleKey, page('after'), pageCtx);
    assert.equal(htmlOf(await b.get(articleKey, pageCtx)), 'after');
  });

  test('the whole-site revalidation (`_N_T_/layout`) reaches every page; other tags do not', async () => {
    const dist = buildDir();
    const a = handler(dist, urlA());
    const b = handler(dist, urlB());
    await a.set(articleKey, page('kept'), pageCtx);
    await b.revalidateTag('_N_T_/articles/another-article');
    assert.equal(htmlOf(await a.get(articleKey, pageCtx)), 'kept');
    await b.revalidateTag('_N_T_/layout');
    assert.equal(await a.get(articleKey, pageCtx), null);
  });

  test('fetch data answers to the tags given on set and on get', async () => {
    const dist = buildDir();
    const a = handler(dist, urlA());
    const b = handler(dist, urlB());
    const data = { kind: 'FETCH', data: { headers: {}, body: 'e30=', url: 'https://example.test/x', status: 200 }, revalidate: 60 };
    await a.set('fetch-key', data, { fetchCache: true, tags: ['feed'] });
    assert.deepEqual((await b.get('fetch-key', { kind: 'FETCH', tags: [], softTags: ['_N_T_/feed.xml'] }))?.value, data);
    await a.revalidateTag(['_N_T_/feed.xml']);
    assert.equal(await b.get('fetch-key', { kind: 'FETCH', tags: [], softTags: ['_N_T_/feed.xml'] }), null);
  });

  test('a Redis that lost its revalidation record (restart, eviction) does not bring back older pages', async () => {
    const dist = buildDir();
    const a = handler(dist, urlA());
    const b = handler(dist, urlB());
    await a.set(articleKey, page('from before the loss'), pageCtx);
    const admin = createClient({ url: redis.url });
    await admin.connect();
    await admin.del('khabar:cache:v1:tags');
    admin.destroy();
    assert.equal(await b.get(articleKey, pageCtx), null);
    assert.equal(await a.get(articleKey, pageCtx), null);
    await a.set(articleKey, page('rendered again'), pageCtx);
    assert.equal(htmlOf(await b.get(articleKey, pageCtx)), 'rendered again');
  });

  test('a new build does not serve the previous build’s pages', async () => {
    const a = handler(buildDir('build-old'), urlA());
    const b = handler(buildDir('build-new'), urlB());
    await a.set(articleKey, page('old build'), pageCtx);
    assert.equal(await b.get(articleKey, pageCtx), null);
  });
});

describe('the build’s prerendered pages', () => {
  const routeKey = '/route-cache/APP_ROUTE/def/$/robots.txt';
  const routeCtx = { kind: 'APP_ROUTE', isFallback: false };

  function writeBuildCopy(dist: string, key: string) {
    fs.writeFileSync(path.join(dist, 'app', 'robots.txt.body'), 'User-agent: *\n');
    fs.writeFileSync(
      path.join(dist, 'app', 'robots.txt.meta'),
      JSON.stringify({
        status: 200,
        headers: { 'content-type': 'text/plain', 'x-next-cache-tags': '_N_T_/layout,_N_T_/robots.txt' },
        routeCache: { key, owner: { kind: 'APP_ROUTE', sourceRoute: '/robots.txt/route' }, isFallback: false },
      }),
    );
  }

  test('are served when Redis has no entry, and a later revalidation is not shadowed by them', async () => {
    const dist = buildDir();
    const a = handler(dist, urlA());
    const b = handler(dist, urlB());
    // Redis has kept the revalidation record since before this build (the usual deploy).
    await a.set('/route-cache/APP_PAGE/abc/$/other', page('other'), pageCtx);
    writeBuildCopy(dist, routeKey);
    // File systems stamp with a coarse clock; the copy must not look older than the record, nor
    // share its millisecond (a quiet machine gets there within one).
    await new Promise((resolve) => setTimeout(resolve, 5));
    const now = new Date();
    fs.utimesSync(path.join(dist, 'app', 'robots.txt.body'), now, now);
    await new Promise((resolve) => setTimeout(resolve, 5));

    const entry = await b.get(routeKey, routeCtx);
    assert.equal(String((entry?.value as { body: Buffer }).body), 'User-agent: *\n');

    await a.revalidateTag('_N_T_/robots.txt');
    assert.equal(await b.get(routeKey, routeCtx), null, 'the build copy predates the revalidation');
    // A page set in the revalidation's own millisecond is taken as possibly older (the handler's
    // `>=`); on a quiet machine the next two calls fit in one, as CI showed twice in a row.
    await new Promise((resolve) => setTimeout(resolve, 5));
    await a.set(routeKey, { kind: 'APP_ROUTE', body: Buffer.from('User-agent: bot\n'), status: 200, headers: {} }, routeCtx);
    assert.equal(String(((await b.get(routeKey, routeCtx))?.value as { body: Buffer }).body), 'User-agent: bot\n');
  });

  test('are not trusted by a Redis that started after them: revalidations before it are unknown', async () => {
    const dist = buildDir();
    writeBuildCopy(dist, routeKey);
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(path.join(dist, 'app', 'robots.txt.body'), old, old);
    const a = handler(dist, urlA());
    await a.set('/route-cache/APP_PAGE/abc/$/other', page('other'), pageCtx);
    assert.equal(await a.get(routeKey, routeCtx), null);
  });

  test('belong to their own route only, and pages a server once wrote to disk are never read', async () => {
    const dist = buildDir();
    writeBuildCopy(dist, '/route-cache/APP_ROUTE/another-route/$/robots.txt');
    const scoped = path.join(dist, 'route-cache', 'APP_ROUTE', 'def', '$');
    fs.mkdirSync(scoped, { recursive: true });
    fs.writeFileSync(path.join(scoped, 'robots.txt.body'), 'from another content folder');
    fs.writeFileSync(path.join(scoped, 'robots.txt.meta'), JSON.stringify({ status: 200, headers: {} }));
    assert.equal(await handler(dist, urlA()).get(routeKey, routeCtx), null);
  });
});

describe('when Redis fails', () => {
  test('a stopped Redis: misses at once, one log line, revalidations delivered when it is back', async (t) => {
    const dist = buildDir();
    const a = handler(dist, urlA());
    await a.get(articleKey, pageCtx);
    assert.equal(redisCacheStatus(urlA()), 'ok');

    const logged: string[] = [];
    t.mock.method(console, 'error', (...args: unknown[]) => logged.push(args.join(' ')));
    const port = redis.port;
    await redis.stop();
    await until(() => redisCacheStatus(urlA()) !== 'ok');

    const started = Date.now();
    for (let i = 0; i < 5; i++) assert.equal(await a.get(articleKey, pageCtx), null);
    await a.set(articleKey, page('during outage'), pageCtx);
    await a.revalidateTag('_N_T_/while-down');
    assert.ok(Date.now() - started < 1_000, `requests must not wait for a dead Redis (took ${Date.now() - started} ms)`);
    // One line for this instance's connection (the other test connection logs its own).
    assert.equal(logged.filter((line) => line.includes(`${urlA()} unavailable`)).length, 1, logged.join('\n'));

    redis = await startRedis({ port });
    await until(() => redisCacheStatus(urlA()) === 'ok');
    assert.ok(logged.some((line) => line.includes('reachable again')), logged.join('\n'));
    const probe = createClient({ url: redis.url });
    await probe.connect();
    try {
      // The revalidation made while Redis was down arrives once it is back.
      await until(async () => (await probe.hGet('khabar:cache:v1:tags', '_N_T_/while-down')) !== null, 5_000);
    } finally {
      probe.destroy();
    }
    await a.set(articleKey, page('back'), pageCtx);
    assert.equal(htmlOf(await a.get(articleKey, pageCtx)), 'back');
  });

  test('a hung Redis: each request gives up at the deadline, one log line for the whole hang, then recovery', async (t) => {
    const dist = buildDir();
    const a = handler(dist, urlA());
    await a.set(articleKey, page('cached'), pageCtx);
    const logged: string[] = [];
    t.mock.method(console, 'error', (...args: unknown[]) => logged.push(args.join(' ')));
    process.kill(redis.pid!, 'SIGSTOP');
    try {
      const hangEnds = Date.now() + 5_000;
      while (Date.now() < hangEnds) {
        const started = Date.now();
        assert.equal(await a.get(articleKey, pageCtx), null);
        assert.ok(Date.now() - started < 2_500, `waited ${Date.now() - started} ms`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      process.kill(redis.pid!, 'SIGCONT');
    }
    assert.equal(logged.filter((line) => line.includes(`${urlA()} unavailable`)).length, 1, logged.join('\n'));
    assert.equal(logged.filter((line) => line.includes(`${urlA()} reachable again`)).length, 0, 'not back while hung');
    await until(() => redisCacheStatus(urlA()) === 'ok');
    assert.equal(htmlOf(await a.get(articleKey, pageCtx)), 'cached');
  });

  test('Redis refusing writes (out of memory) is not an outage: pages are still read from it', async (t) => {
    const dist = buildDir();
    const a = handler(dist, urlA());
    await a.set(articleKey, page('stored before'), pageCtx);
    const logged: string[] = [];
    t.mock.method(console, 'error', (...args: unknown[]) => logged.push(args.join(' ')));
    const admin = createClient({ url: redis.url });
    await admin.connect();
    try {
      await admin.configSet({ maxmemory: '1', 'maxmemory-policy': 'noeviction' });
      await a.set('/route-cache/APP_PAGE/abc/$/another', page('not stored'), pageCtx);
      await a.set('/route-cache/APP_PAGE/abc/$/third', page('not stored either'), pageCtx);
    } finally {
      await admin.configSet({ maxmemory: '0' });
      admin.destroy();
    }
    assert.equal(logged.filter((line) => line.includes('refused a command')).length, 1, logged.join('\n'));
    assert.equal(redisCacheStatus(urlA()), 'ok');
    assert.equal(htmlOf(await a.get(articleKey, pageCtx)), 'stored before');
    assert.equal(await a.get('/route-cache/APP_PAGE/abc/$/another', pageCtx), null);
  });
});

describe('without REDIS_URL (every server without Redis)', () => {
  test('it is Next’s own file cache, written after the response: pages kept on disk, revalidations honoured, no Redis involved', async () => {
    const dist = buildDir();
    const key = '/route-cache/APP_PAGE/local/$/articles/local-only';
    const file = path.join(dist, 'route-cache', 'APP_PAGE', 'local', '$', 'articles', 'local-only.html');
    const local = new RedisCacheHandler({ serverDistDir: dist, fs: nodeFs, flushToDisk: true, maxMemoryCacheSize: 0, redisUrl: undefined });
    await local.set(key, page('صفحة على القرص'), { ...pageCtx, cacheControl: { revalidate: 60 } });
    // The reader's response does not wait for the files, nor does the next request wait behind
    // them: another thread writes them while this one never yields (server/page-cache-writer.mjs).
    const deadline = Date.now() + 10_000;
    while (!fs.existsSync(file) && Date.now() < deadline);
    assert.ok(fs.existsSync(file), 'the page was written while the main thread was busy');
    assert.equal(htmlOf(await local.get(key, pageCtx)), 'صفحة على القرص');
    await pageWritesSettled();
    assert.equal(fs.readFileSync(file, 'utf8'), 'صفحة على القرص');
    // Next's own files, byte for byte, after the trip to the writer thread.
    assert.equal(fs.readFileSync(file.replace(/\.html$/, '.rsc'), 'utf8'), 'rsc:صفحة على القرص');
    assert.deepEqual([...fs.readFileSync(file.replace(/\.html$/, '.segments/_tree.segment.rsc'))], [0, 255, 7]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await local.revalidateTag(['_N_T_/articles/gulf-summit']);
    assert.equal(await local.get(key, pageCtx), null);
    assert.equal(redisCacheStatus(), 'off');
  });
});
