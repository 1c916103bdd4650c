/**
 * public/sw.js run in a sandbox with an in-memory Cache API and a scripted network: what it keeps,
 * what it never keeps, and what a reader gets offline.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runInNewContext } from 'node:vm';

const origin = 'https://khabar.example';
const source = readFileSync(path.join(process.cwd(), 'public', 'sw.js'), 'utf8');

/** Responses from the site itself, as the worker's fetch sees them. */
class SiteResponse extends Response {
  override get type(): ResponseType {
    return 'basic';
  }
  override clone(): Response {
    return Object.setPrototypeOf(super.clone(), SiteResponse.prototype);
  }
}

type FakeRequest = { url: string; method: string; mode: string };

class FakeCache {
  readonly entries = new Map<string, Response>();
  private key(request: string | FakeRequest | Request) {
    return new URL(typeof request === 'string' ? request : request.url, origin).toString();
  }
  async match(request: string | FakeRequest) {
    return this.entries.get(this.key(request))?.clone();
  }
  async put(request: string | FakeRequest, response: Response) {
    this.entries.set(this.key(request), response);
  }
  async delete(request: string | FakeRequest | Request) {
    return this.entries.delete(this.key(request));
  }
  async keys() {
    return [...this.entries.keys()].map((url) => new Request(url));
  }
}

function page(title: string, cacheControl = 's-maxage=30, stale-while-revalidate=30', status = 200) {
  return new SiteResponse(`<!doctype html><html><head><title>${title}</title></head><body>${title}</body></html>`, {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': cacheControl },
  });
}

function worker(network: (url: URL) => Response | undefined) {
  const stores = new Map<string, FakeCache>();
  const listeners = new Map<string, (event: unknown) => void>();
  let online = true;
  const caches = {
    open: async (name: string) => stores.get(name) ?? stores.set(name, new FakeCache()).get(name)!,
    keys: async () => [...stores.keys()],
    delete: async (name: string) => stores.delete(name),
  };
  const self = {
    location: new URL(origin),
    addEventListener: (type: string, listener: (event: unknown) => void) => listeners.set(type, listener),
    skipWaiting: () => undefined,
    clients: { claim: async () => undefined },
  };
  const fetch = async (request: string | FakeRequest) => {
    if (!online) throw new TypeError('Failed to fetch');
    const url = new URL(typeof request === 'string' ? request : request.url, origin);
    return network(url) ?? page('غير موجود', 'private, no-store', 404);
  };
  runInNewContext(source, { self, caches, fetch, Response, Headers, URL, encodeURIComponent, decodeURIComponent, Math });
  return {
    stores,
    setOnline: (value: boolean) => (online = value),
    async navigate(pathname: string): Promise<Response> {
      let answer: Promise<Response> | undefined;
      listeners.get('fetch')!({ request: { url: origin + pathname, method: 'GET', mode: 'navigate' }, respondWith: (p: Promise<Response>) => (answer = p) });
      assert.ok(answer, `the worker answers ${pathname}`);
      return answer;
    },
    passesThrough(pathname: string, mode = 'navigate'): boolean {
      let answered = false;
      listeners.get('fetch')!({ request: { url: origin + pathname, method: 'GET', mode }, respondWith: () => (answered = true) });
      return !answered;
    },
    async activate() {
      let done: Promise<unknown> | undefined;
      listeners.get('activate')!({ waitUntil: (p: Promise<unknown>) => (done = p) });
      await done;
    },
    kept: () => [...(stores.get('khabar-pages-v1')?.entries.keys() ?? [])].map((url) => new URL(url).pathname),
  };
}

const articles = Array.from({ length: 23 }, (_, i) => `/articles/story-${i + 1}`);
const site = (url: URL) => {
  if (url.pathname === '/') return page('خبر | الرئيسية');
  if (url.pathname.startsWith('/articles/story-')) return page(`مقال ${url.pathname.slice(16)} <مهم>`.replace('<', '&lt;').replace('>', '&gt;'));
  if (url.pathname === '/articles/in-preview') return page('مسودة', 'private, no-cache, no-store, max-age=0, must-revalidate');
  if (url.pathname.startsWith('/editor') || url.pathname.startsWith('/search')) return page('صفحة');
  return undefined;
};

describe('service worker (public/sw.js)', () => {
  test('keeps the home page and the last 20 articles opened, the most recently reopened kept longest', async () => {
    const sw = worker(site);
    await sw.activate();
    assert.deepEqual(sw.kept(), ['/']);
    for (const article of articles.slice(0, 21)) await sw.navigate(article);
    await sw.navigate(articles[1]!); // read again: now the newest
    for (const article of articles.slice(21)) await sw.navigate(article);
    const kept = sw.kept();
    assert.equal(kept.filter((p) => p.startsWith('/articles/')).length, 20);
    assert.ok(kept.includes('/'));
    assert.ok(kept.includes(articles[1]!));
    for (const dropped of [articles[0]!, articles[2]!, articles[3]!]) assert.ok(!kept.includes(dropped), dropped);
  });

  test('never keeps editor pages, search, private or no-store answers, errors; API calls are not even intercepted', async () => {
    const sw = worker(site);
    for (const pathname of ['/editor', '/editor/comments', '/search?q=x', '/articles/in-preview', '/articles/missing']) await sw.navigate(pathname);
    assert.deepEqual(sw.kept(), []);
    assert.ok(sw.passesThrough('/api/comments?article=x', 'cors'));
    assert.ok(sw.passesThrough('/articles/story-1?_rsc=abc', 'cors'));
  });

  test('offline: kept pages open; anything else is the Arabic offline page listing what was kept', async () => {
    const sw = worker(site);
    await sw.navigate('/');
    await sw.navigate(articles[0]!);
    await sw.navigate(articles[1]!);
    sw.setOnline(false);
    assert.match(await (await sw.navigate(articles[0]!)).text(), /مقال 1/);
    const offline = await sw.navigate(articles[5]!);
    assert.equal(offline.status, 503);
    const html = await offline.text();
    assert.match(html, /<html lang="ar" dir="rtl">/);
    assert.match(html, /لا اتصال بالإنترنت/);
    // Newest first, titles as the pages wrote them (escaped), links to the kept addresses.
    assert.ok(html.indexOf(`href="${articles[1]}"`) < html.indexOf(`href="${articles[0]}"`));
    assert.ok(html.includes(`<a href="${articles[0]}">مقال 1 &lt;مهم&gt;</a>`));
    assert.ok(!html.includes(articles[5]!));
  });

  test('a new version removes the caches of the old one', async () => {
    const sw = worker(site);
    sw.stores.set('khabar-pages-v0', new FakeCache());
    await sw.activate();
    assert.deepEqual([...sw.stores.keys()].sort(), ['khabar-pages-v1']);
  });
});
