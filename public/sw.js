// Khabar's service worker: offline reading of the home page and the last articles read.
// Pages go to the network first, so whenever the reader is online they get the newest deploy's page,
// which names that deploy's hashed scripts and styles; the copies here are only for when the network
// fails. Scripts and styles under /_next/static/ never change under one name, so they are served from
// here first. Only the home page and article pages are ever stored, and only when the answer is
// shared-cacheable: a worker cannot see HttpOnly cookies, but every answer that depends on one (a
// preview in draft mode, an editor page) is private or no-store.
const version = 'v1';
const pagesCache = `khabar-pages-${version}`;
const assetsCache = `khabar-assets-${version}`;
const maxArticles = 20;
const maxAssets = 120;
const articlePath = /^\/articles\/[a-z0-9]+(?:-[a-z0-9]+)*$/;

self.addEventListener('install', () => self.skipWaiting());

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name !== pagesCache && name !== assetsCache) await caches.delete(name);
      }
      await self.clients.claim();
      // The page that registered the worker was loaded before it: fetch the home page once for the shelf.
      try {
        await keepPage(new URL('/', self.location.origin), await fetch('/', { credentials: 'same-origin' }));
      } catch {
        // Offline already: the home page is kept on the next visit.
      }
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') event.respondWith(page(request, url));
  else if (url.pathname.startsWith('/_next/static/')) event.respondWith(asset(request));
});

function isKept(url) {
  return url.pathname === '/' || articlePath.test(url.pathname);
}

async function page(request, url) {
  try {
    const response = await fetch(request);
    if (isKept(url)) await keepPage(url, response.clone());
    return response;
  } catch {
    const kept = isKept(url) ? await (await caches.open(pagesCache)).match(url.pathname) : undefined;
    return kept ?? offlinePage();
  }
}

async function keepPage(url, response) {
  const cacheControl = response.headers.get('cache-control') ?? '';
  if (!response.ok || response.redirected || response.type !== 'basic') return;
  if (/private|no-store/i.test(cacheControl)) return;
  const html = await response.text();
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(html)?.[1] ?? url.pathname;
  const headers = new Headers(response.headers);
  headers.set('x-khabar-title', encodeURIComponent(title));
  const cache = await caches.open(pagesCache);
  // Deleted first so that the cache's own order is the order of reading, oldest first.
  await cache.delete(url.pathname);
  await cache.put(url.pathname, new Response(html, { status: response.status, headers }));
  const articles = (await cache.keys()).filter((key) => articlePath.test(new URL(key.url).pathname));
  for (const old of articles.slice(0, Math.max(0, articles.length - maxArticles))) await cache.delete(old);
}

async function asset(request) {
  const cache = await caches.open(assetsCache);
  const kept = await cache.match(request);
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok && response.type === 'basic') {
    await cache.put(request, response.clone());
    const keys = await cache.keys();
    for (const old of keys.slice(0, Math.max(0, keys.length - maxAssets))) await cache.delete(old);
  }
  return response;
}

const escapeHtml = (text) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

async function offlinePage() {
  const cache = await caches.open(pagesCache);
  const saved = [];
  for (const key of (await cache.keys()).reverse()) {
    const response = await cache.match(key);
    // Titles are stored as the page's <title>, already HTML-escaped.
    const title = decodeURIComponent(response?.headers.get('x-khabar-title') ?? '');
    saved.push(`<li><a href="${escapeHtml(new URL(key.url).pathname)}">${title}</a></li>`);
  }
  const list = saved.length ? `<ul>${saved.join('')}</ul>` : '<p>لم تُحفظ صفحات بعد.</p>';
  const html = `<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>لا اتصال | خبر</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:0 auto;padding:1rem;line-height:1.7;color:#1c1917;background:#fff}
a{color:#8f1d17}li{margin-block:.5rem}@media (prefers-color-scheme:dark){body{color:#ece7e4;background:#1a1716}a{color:#ff9d93}}</style></head>
<body><main><h1>لا اتصال بالإنترنت</h1><p>هذه الصفحة غير محفوظة على جهازك. يمكنك قراءة ما حُفظ منها:</p>
<h2>الصفحات المحفوظة</h2>${list}</main></body></html>`;
  return new Response(html, { status: 503, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } });
}
