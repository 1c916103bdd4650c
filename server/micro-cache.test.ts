/**
 * The production server's one-second page cache, on a real HTTP server: what it keeps, what it
 * never keeps, that a successful write empties it and a refused one does not, the key without
 * tracking parameters, and the bounds (entries, bytes, sweeping while idle).
 */
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, test } from 'node:test';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { cacheKey, changedContent, createMicroCache, pageAddress, pageQueryParameters } from './micro-cache.mjs';

let clock = 0;
const cache = createMicroCache({ ttlMs: 1000, now: () => clock, sweepEveryMs: 60_000 });
let rendered = 0;
let base = '';

/** Stands in for Next: numbered bodies, so a kept copy is told apart from a new render. */
function page(req: IncomingMessage, res: ServerResponse) {
  const url = req.url ?? '/';
  // A render that takes a while, as Next's does when its page cache is remote (Redis).
  if (url.startsWith('/slow')) {
    setTimeout(() => page({ ...req, url: url.slice('/slow'.length) } as IncomingMessage, res), 150);
    return;
  }
  rendered++;
  const headers: Record<string, string> = { 'content-type': 'text/html; charset=utf-8' };
  if (url.startsWith('/private')) headers['cache-control'] = 'private, no-cache, no-store, max-age=0, must-revalidate';
  else headers['cache-control'] = 'public, s-maxage=30, stale-while-revalidate=30';
  if (url.startsWith('/cookie')) headers['set-cookie'] = 'x=1';
  const status = url.startsWith('/missing') ? 404 : req.method !== 'GET' && !url.startsWith('/api/') ? 405 : url.startsWith('/api/refuse') ? 401 : 200;
  if (url.startsWith('/implicit')) {
    // Headers set one by one and sent with the first write, as Next often does.
    res.statusCode = status;
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    res.write(`<p>render ${rendered}`);
    res.end('</p>');
    return;
  }
  res.writeHead(status, headers);
  res.end(`<p>render ${rendered}</p>`);
}

const server = createServer((req, res) => {
  // As server/serve.mjs does it.
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.once('finish', () => {
      if (changedContent(req.method ?? '', res.statusCode)) cache.clear();
    });
  }
  const key = cacheKey(req);
  if (key !== undefined) {
    if (cache.serve(key, res)) return;
    if (cache.join(key, res, () => page(req, res))) return;
    cache.record(key, res);
  }
  page(req, res);
});

before(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => {
  cache.stop();
  server.close();
});
beforeEach(() => {
  cache.clear();
  clock = 0;
});

const body = async (path: string, init?: RequestInit) => (await fetch(base + path, init)).text();

test('a published page is answered from the cache within a second, rendered again after it', async () => {
  const first = await body('/articles/a');
  assert.equal(await body('/articles/a'), first);
  assert.equal(await body('/articles/a'), first);
  clock += 999;
  assert.equal(await body('/articles/a'), first);
  clock += 2;
  assert.notEqual(await body('/articles/a'), first);
});

test('a burst for a page being rendered waits for that one render instead of rendering it again', async () => {
  const before = rendered;
  const bodies = await Promise.all(Array.from({ length: 20 }, () => body('/slow/articles/burst')));
  assert.equal(rendered - before, 1, 'one render for twenty readers');
  assert.equal(new Set(bodies).size, 1);
});

test('waiters go to the server themselves when the page they waited for may not be kept', async () => {
  const before = rendered;
  const responses = await Promise.all(Array.from({ length: 5 }, () => fetch(`${base}/slow/private-burst`)));
  assert.deepEqual(responses.map((r) => r.status), [200, 200, 200, 200, 200]);
  assert.equal(rendered - before, 5);
});

test('a page rendered while a write succeeded is not kept after it', async () => {
  const pending = body('/slow/articles/raced');
  await new Promise((resolve) => setTimeout(resolve, 30));
  await body('/api/comments', { method: 'POST', body: '{}' });
  const first = await pending;
  assert.notEqual(await body('/slow/articles/raced'), first, 'rendered again: the copy predates the write');
});

test('headers sent with the first write are kept too, with the whole body', async () => {
  const first = await body('/implicit');
  const again = await fetch(`${base}/implicit`);
  assert.equal(await again.text(), first);
  assert.match(again.headers.get('cache-control') ?? '', /s-maxage=30/);
  assert.equal(again.headers.get('content-type'), 'text/html; charset=utf-8');
});

test('a write that succeeded empties the cache once it is answered', async () => {
  const first = await body('/articles/a');
  await body('/api/comments', { method: 'POST', body: '{}' });
  assert.notEqual(await body('/articles/a'), first);
});

test('refused requests empty nothing: a 401 write, a 405 to a page, an OPTIONS on a 404, a DELETE', async () => {
  const first = await body('/articles/a');
  await body('/api/refuse', { method: 'POST', body: '{}' });
  await body('/', { method: 'DELETE' });
  await body('/missing', { method: 'OPTIONS' });
  await body('/articles/a', { method: 'PUT', body: 'x' });
  assert.equal(await body('/articles/a'), first);
});

test('changedContent: only a 2xx answer to POST, PUT, PATCH or DELETE', () => {
  for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
    assert.equal(changedContent(method, 200), true, method);
    assert.equal(changedContent(method, 201), true, method);
    for (const status of [303, 400, 401, 404, 405, 413, 429, 500]) assert.equal(changedContent(method, status), false, `${method} ${status}`);
  }
  for (const method of ['GET', 'HEAD', 'OPTIONS', 'TRACE']) assert.equal(changedContent(method, 200), false, method);
  // A view beacon changes no page: a burst of readers must not empty the cache.
  assert.equal(changedContent('POST', 204, '/api/views'), false);
  assert.equal(changedContent('POST', 204, '/api/views?x=1'), false);
  assert.equal(changedContent('POST', 201, '/api/comments'), true);
});

test('tracking parameters are not part of the key; the parameters pages read are, in any order', async () => {
  const page = await body('/articles/t?utm_source=a');
  assert.equal(await body('/articles/t?utm_source=b&fbclid=x&gclid=y'), page);
  assert.equal(await body('/articles/t'), page);
  assert.equal(cache.size, 1);
  assert.equal(pageAddress('/search?utm_medium=x&q=a&page=2'), '/search?page=2&q=a');
  assert.equal(pageAddress('/search?page=2&q=a'), '/search?page=2&q=a');
  assert.equal(pageAddress('/search?%71=a'), '/search?%71=a', 'a percent-encoded name the page reads is kept');
  assert.equal(pageAddress('/search?%zz=a&q'), '/search?q');
  assert.notEqual(pageAddress('/search?q=a'), pageAddress('/search?q=b'));
});

test('the parameters kept in the key are every one a public page declares in its searchParams', () => {
  const declared = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      // Editor pages are private (never kept); API routes are never kept either.
      if (entry.isDirectory()) {
        if (!['editor', 'api'].includes(entry.name)) walk(file);
      } else if (/\.tsx?$/.test(entry.name)) {
        for (const match of readFileSync(file, 'utf8').matchAll(/searchParams: Promise<\{([^}]*)\}>/g)) {
          for (const name of match[1]!.matchAll(/(\w+)\??:/g)) declared.add(name[1]!);
        }
      }
    }
  };
  walk('app');
  assert.deepEqual([...declared].sort(), [...pageQueryParameters].sort());
});

test('expired entries are swept without any request; memory is bounded in bytes as well as entries', async () => {
  let now = 0;
  const small = createMicroCache({ ttlMs: 1000, now: () => now, maxBytes: 10_000, maxEntries: 500, sweepEveryMs: 20 });
  const local = createServer((req, res) => {
    const key = cacheKey(req)!;
    if (small.serve(key, res)) return;
    small.record(key, res);
    res.writeHead(200, { 'cache-control': 'public, s-maxage=30' });
    res.end('x'.repeat(3000));
  });
  await new Promise<void>((resolve) => local.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(local.address() as AddressInfo).port}`;
  try {
    for (let i = 0; i < 10; i++) await (await fetch(`${url}/p${i}`)).text();
    assert.ok(small.bytes <= 10_000, `${small.bytes} bytes kept`);
    assert.equal(small.size, 3, 'three 3 KB pages fit in 10 KB');
    now += 1001;
    // No request: the sweeping timer alone empties it.
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(small.size, 0);
    assert.equal(small.bytes, 0);
  } finally {
    small.stop();
    local.close();
  }
});

test('never kept: private pages, errors, responses that set a cookie', async () => {
  for (const path of ['/private', '/missing', '/cookie']) {
    const first = await body(path);
    assert.notEqual(await body(path), first, path);
  }
});

test('never used for editors, draft mode, the router or the API', async () => {
  const reader = await body('/articles/b');
  assert.notEqual(await body('/articles/b', { headers: { cookie: '__prerender_bypass=1' } }), reader);
  assert.notEqual(await body('/articles/b', { headers: { rsc: '1' } }), reader);
  assert.notEqual(await body('/articles/b?_rsc=abc'), reader);
  const api = await body('/api/health');
  assert.notEqual(await body('/api/health'), api);
  // A reader without those still gets the kept copy.
  assert.equal(await body('/articles/b'), reader);
});

test('a compressed and a plain copy are kept apart', async () => {
  const plain = await body('/articles/c', { headers: { 'accept-encoding': 'identity' } });
  const other = await body('/articles/c', { headers: { 'accept-encoding': 'gzip' } });
  assert.notEqual(other, plain);
});
