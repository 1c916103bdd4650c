/**
 * The production server's one-second page cache, on a real HTTP server: what it keeps, what it
 * never keeps, and that any write empties it.
 */
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, test } from 'node:test';
import { cacheKey, createMicroCache } from './micro-cache.mjs';

let clock = 0;
const cache = createMicroCache({ ttlMs: 1000, now: () => clock });
let rendered = 0;
let base = '';

/** Stands in for Next: numbered bodies, so a kept copy is told apart from a new render. */
function page(req: IncomingMessage, res: ServerResponse) {
  rendered++;
  const url = req.url ?? '/';
  const headers: Record<string, string> = { 'content-type': 'text/html; charset=utf-8' };
  if (url.startsWith('/private')) headers['cache-control'] = 'private, no-cache, no-store, max-age=0, must-revalidate';
  else headers['cache-control'] = 'public, s-maxage=30, stale-while-revalidate=30';
  if (url.startsWith('/cookie')) headers['set-cookie'] = 'x=1';
  const status = url.startsWith('/missing') ? 404 : 200;
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
  if (req.method !== 'GET' && req.method !== 'HEAD') res.once('close', cache.clear);
  const key = cacheKey(req);
  if (key !== undefined) {
    if (cache.serve(key, res)) return;
    cache.record(key, res);
  }
  page(req, res);
});

before(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => server.close());
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

test('headers sent with the first write are kept too, with the whole body', async () => {
  const first = await body('/implicit');
  const again = await fetch(`${base}/implicit`);
  assert.equal(await again.text(), first);
  assert.match(again.headers.get('cache-control') ?? '', /s-maxage=30/);
  assert.equal(again.headers.get('content-type'), 'text/html; charset=utf-8');
});

test('any write empties the cache once it is answered', async () => {
  const first = await body('/articles/a');
  await body('/api/comments', { method: 'POST', body: '{}' });
  assert.notEqual(await body('/articles/a'), first);
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
