// Page weight per page type: the HTML, and the JavaScript a modern browser fetches for it at
// once (every <script src> without nomodule, plus scripts named by preload/modulepreload links),
// raw and gzip -9. On the article page a browser then scrolls to the comments: scripts fetched
// only then (the comments thread) are listed apart and not counted in the initial load.
import { existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { atMost, figure, markdownTable, rawGet, resolvePages, startSite } from './common.mjs';

const pageTypes = ['article', 'home', 'category', 'search', 'tag'];
const kib = (bytes) => bytes / 1024;
const gzipSize = (buffer) => gzipSync(buffer, { level: 9 }).length;

const attribute = (tag, name) => new RegExp(`\\s${name}="([^"]*)"`, 'i').exec(tag)?.[1];

/** Script URLs a modern browser fetches for this HTML, in document order. */
export function initialScripts(html) {
  const urls = [];
  for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) {
    const src = attribute(tag, 'src');
    if (src && !/\snomodule\b/i.test(tag)) urls.push(src);
  }
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    const rel = attribute(tag, 'rel')?.toLowerCase();
    const href = attribute(tag, 'href');
    if (!href) continue;
    if (rel === 'modulepreload' || (rel === 'preload' && attribute(tag, 'as')?.toLowerCase() === 'script')) urls.push(href);
  }
  return [...new Set(urls.map((u) => u.replaceAll('&amp;', '&')))];
}

async function sizeOf(base, url, cache) {
  if (!cache.has(url)) {
    const response = await rawGet(new URL(url, base).href);
    if (response.status !== 200) throw new Error(`${url}: HTTP ${response.status}`);
    cache.set(url, { raw: response.body.length, gzip: gzipSize(response.body) });
  }
  return cache.get(url);
}

const chunkName = (url) => url.replace(/^.*\/_next\/static\/chunks\//, '');

/** Scripts the browser fetches on load, and those it fetches only once the comments are in view. */
async function scriptsInBrowser(base, pathname) {
  const { chromium } = await import('@playwright/test');
  const browser = await chromium.launch({
    ...(existsSync('/usr/bin/chromium') ? { executablePath: '/usr/bin/chromium' } : {}),
    args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 412, height: 915 }, isMobile: true });
    const seen = [];
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script') seen.push(new URL(response.url()).pathname);
    });
    await page.goto(base + pathname, { waitUntil: 'networkidle' });
    const onLoad = [...new Set(seen)];
    // The thread asks the API for the comments once its code has loaded: that request marks the end.
    const threadLoaded = page
      .waitForResponse((response) => new URL(response.url()).pathname === '/api/comments', { timeout: 30_000 })
      .then(() => true, () => false);
    await page.locator('section#comments').scrollIntoViewIfNeeded();
    const loaded = await threadLoaded;
    await page.waitForLoadState('networkidle');
    const later = [...new Set(seen)].filter((url) => !onLoad.includes(url));
    return { onLoad, later, loaded };
  } finally {
    await browser.close();
  }
}

export async function run(_options, { log = console.log } = {}) {
  const site = await startSite();
  try {
    const pages = await resolvePages(site.url);
    const cache = new Map();
    const results = {};
    for (const type of pageTypes) {
      const response = await rawGet(site.url + pages[type]);
      if (response.status !== 200) throw new Error(`${pages[type]}: HTTP ${response.status}`);
      const scripts = initialScripts(response.text);
      const chunks = [];
      for (const url of scripts) chunks.push({ url, ...(await sizeOf(site.url, url, cache)) });
      results[type] = {
        path: pages[type],
        html: { raw: response.body.length, gzip: gzipSize(response.body) },
        js: { raw: chunks.reduce((n, c) => n + c.raw, 0), gzip: chunks.reduce((n, c) => n + c.gzip, 0), chunks },
      };
      log(`  ${type}: HTML ${kib(response.body.length).toFixed(1)} KiB, ${chunks.length} scripts ${kib(results[type].js.gzip).toFixed(1)} KiB gzip`);
    }

    const browser = await scriptsInBrowser(site.url, pages.article);
    const listed = new Set(results.article.js.chunks.map((c) => new URL(c.url, site.url).pathname));
    const notListed = browser.onLoad.filter((u) => !listed.has(u));
    const later = [];
    for (const url of browser.later) later.push({ url, ...(await sizeOf(site.url, url, cache)) });
    const unlisted = [];
    for (const url of notListed) unlisted.push({ url, ...(await sizeOf(site.url, url, cache)) });
    if (!browser.loaded) log('  article: the comments thread did not ask for comments within 30 s of scrolling to it');
    log(`  article: ${later.length} script(s) fetched once the comments are in view; ${unlisted.length} fetched on load but not named in the HTML`);

    const summary = pageTypes.map((type) => ({
      page: type,
      path: decodeURIComponent(results[type].path),
      'HTML KiB': kib(results[type].html.raw).toFixed(1),
      'HTML gzip KiB': kib(results[type].html.gzip).toFixed(1),
      scripts: results[type].js.chunks.length,
      'JS KiB': kib(results[type].js.raw).toFixed(1),
      'JS gzip KiB': kib(results[type].js.gzip).toFixed(1),
    }));
    const everyChunk = [...new Map(pageTypes.flatMap((t) => results[t].js.chunks.map((c) => [c.url, c]))).values()];
    const chunkRows = everyChunk.map((c) => ({
      chunk: chunkName(c.url),
      'KiB': kib(c.raw).toFixed(1),
      'gzip KiB': kib(c.gzip).toFixed(1),
      ...Object.fromEntries(pageTypes.map((t) => [t, results[t].js.chunks.some((x) => x.url === c.url) ? '✓' : ''])),
    }));
    const laterRows = [
      ...later.map((c) => ({ when: 'comments in view', chunk: chunkName(c.url), KiB: kib(c.raw).toFixed(1), 'gzip KiB': kib(c.gzip).toFixed(1) })),
      ...unlisted.map((c) => ({ when: 'on load, not in the HTML', chunk: chunkName(c.url), KiB: kib(c.raw).toFixed(1), 'gzip KiB': kib(c.gzip).toFixed(1) })),
    ];
    const laterGzip = later.reduce((n, c) => n + c.gzip, 0);
    const markdown =
      'Initial JavaScript = every `<script src>` a modern browser runs (nomodule polyfills excluded) plus scripts named by ' +
      'preload/modulepreload links, gzip -9.\n\n' +
      markdownTable(summary) +
      '\nScripts by page:\n\n' +
      markdownTable(chunkRows) +
      '\nArticle page in Chromium (mobile viewport): scripts not counted above.\n\n' +
      (laterRows.length ? markdownTable(laterRows) : '(none)\n');

    const figures = [
      figure('article initial JavaScript (gzip)', Number(kib(results.article.js.gzip).toFixed(1)), `KiB, ${results.article.js.chunks.length} scripts`, atMost(140, 'KiB')),
      ...pageTypes
        .filter((t) => t !== 'article')
        .map((t) => figure(`${t} initial JavaScript (gzip)`, Number(kib(results[t].js.gzip).toFixed(1)), `KiB, ${results[t].js.chunks.length} scripts`)),
      figure(
        'comments thread JavaScript, loaded when in view (gzip)',
        browser.loaded ? Number(kib(laterGzip).toFixed(1)) : 'thread did not load',
        `KiB, ${later.length} script(s)`,
      ),
      ...pageTypes.map((t) => figure(`${t} HTML (gzip)`, Number(kib(results[t].html.gzip).toFixed(1)), `KiB (${kib(results[t].html.raw).toFixed(0)} KiB raw)`)),
    ];
    if (unlisted.length) {
      figures.push(figure('article scripts fetched on load but not in the HTML (gzip)', Number(kib(unlisted.reduce((n, c) => n + c.gzip, 0)).toFixed(1)), `KiB, ${unlisted.length} script(s)`));
    }
    return { figures, markdown, data: { results, later, unlisted } };
  } finally {
    await site.stop();
  }
}
