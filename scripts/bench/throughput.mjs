// Throughput beside the physical limit: the article, home and category pages served by the site
// (bare `server/serve.mjs`, then through the documented nginx cache) against nginx serving the
// very same HTML bytes from disk on loopback.
//
// Each measurement is autocannon (this process) against the server (another process). On a
// 2-core machine the load generator takes CPU from the server; the nginx limit is measured the
// same way, so the ratio stays fair, but absolute req/s are lower than on a separate client.
// Rounds are interleaved (site and limit back to back, order alternating between rounds), so a
// slow moment on a shared machine affects both sides of one ratio.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  atLeast,
  atMost,
  contentCopy,
  figure,
  load,
  markdownTable,
  median,
  rawGet,
  resolvePages,
  round,
  sleep,
  startFileNginx,
  startProxyNginx,
  startSite,
  tempDir,
} from './common.mjs';

const measured = ['article', 'home', 'category'];

/** Writes each page's HTML where nginx will find it under the same path. */
function writeSnapshot(dir, pathname, html) {
  const folder = path.join(dir, decodeURIComponent(pathname));
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, 'index.html'), html);
}

async function compare({ label, site, limit, pages, rounds, duration, warmup, connections, log }) {
  const targets = { site, nginx: limit };
  for (const page of measured) {
    for (const [name, base] of Object.entries(targets)) {
      await load({ url: base + pages[page], connections, duration: warmup });
      log(`  ${label}: warmed up ${page} on ${name}`);
    }
  }
  const samples = [];
  for (let r = 1; r <= rounds; r++) {
    const order = r % 2 ? ['site', 'nginx'] : ['nginx', 'site'];
    for (const page of measured) {
      const pair = {};
      for (const name of order) pair[name] = await load({ url: targets[name] + pages[page], connections, duration });
      const sample = { label, page, round: r, site: pair.site, nginx: pair.nginx, ratio: pair.site.reqPerSec / pair.nginx.reqPerSec };
      samples.push(sample);
      log(
        `  ${label} round ${r} ${page}: site ${pair.site.reqPerSec.toFixed(0)} req/s (p50 ${pair.site.p50} ms, p99 ${pair.site.p99} ms), ` +
          `nginx ${pair.nginx.reqPerSec.toFixed(0)} req/s (p50 ${pair.nginx.p50} ms, p99 ${pair.nginx.p99} ms), ratio ${sample.ratio.toFixed(3)}`,
      );
    }
  }
  const summary = measured.map((page) => {
    const list = samples.filter((s) => s.page === page);
    const pick = (side, key) => median(list.map((s) => s[side][key]));
    return {
      label,
      page,
      siteReqPerSec: pick('site', 'reqPerSec'),
      siteP50: pick('site', 'p50'),
      siteP99: pick('site', 'p99'),
      nginxReqPerSec: pick('nginx', 'reqPerSec'),
      nginxP50: pick('nginx', 'p50'),
      nginxP99: pick('nginx', 'p99'),
      ratio: median(list.map((s) => s.ratio)),
      failedRequests: list.reduce((n, s) => n + s.site.errors + s.site.timeouts + s.site.non2xx + s.nginx.errors + s.nginx.timeouts + s.nginx.non2xx, 0),
    };
  });
  return { samples, summary };
}

/**
 * Waits until nginx has just refreshed its copy of the home page (a STALE, EXPIRED or MISS
 * answer followed by a HIT), so the article below is written at the worst moment: the whole
 * s-maxage still to run.
 */
async function waitForFreshCopy(base, timeoutMs, log) {
  const deadline = performance.now() + timeoutMs;
  let refreshing = false;
  while (performance.now() < deadline) {
    const { headers } = await rawGet(base + '/');
    const status = headers['x-cache-status'];
    if (status && status !== 'HIT') refreshing = true;
    else if (status === 'HIT' && refreshing) return true;
    await sleep(200);
  }
  log('  nginx did not refresh the home page in time; writing the article anyway');
  return false;
}

export function newArticle(contentDir, { token, category = 'world', author = 'layla-haddad', minutesAgo = 1 }) {
  const date = new Date(Date.now() - minutesAgo * 60_000);
  const year = String(date.getUTCFullYear());
  const month = String(date.getUTCMonth() + 1).padStart(2, '0');
  const slug = `bench-${token}`;
  const headline = `خبر تجريبي للقياس ${token}`;
  const folder = path.join(contentDir, 'articles', year, month);
  mkdirSync(folder, { recursive: true });
  const file = path.join(folder, `${slug}.md`);
  writeFileSync(
    file,
    [
      '---',
      `title: ${JSON.stringify(headline)}`,
      `description: ${JSON.stringify('مقال يكتبه سكربت القياس ليقيس متى يظهر الجديد للقراء.')}`,
      `date: ${date.toISOString().replace(/\.\d{3}Z$/, '+00:00')}`,
      `category: ${category}`,
      `author: ${author}`,
      'tags: ["المناخ"]',
      '---',
      '',
      'فقرة أولى من مقال تجريبي يكتبه سكربت القياس، ولا يظهر إلا في نسخة مؤقتة من المحتوى.',
      '',
      'فقرة ثانية تكمل المقال حتى يبدو كمقال حقيقي في الصفحة.',
      '',
    ].join('\n'),
  );
  return { slug, headline, token, file, path: `/articles/${slug}`, categoryPath: `/categories/${category}` };
}

async function newContentThroughCache({ proxy, contentDir, timeoutS, log }) {
  log('  live check: waiting for nginx to refresh its copy of the home page (worst case)…');
  const atRefresh = await waitForFreshCopy(proxy.url, 75_000, log);
  const token = `live${Date.now().toString(36)}`;
  const written = performance.now();
  newArticle(contentDir, { token });
  for (;;) {
    const { text, headers } = await rawGet(proxy.url + '/');
    const seconds = (performance.now() - written) / 1000;
    if (text.includes(token)) {
      log(`  live check: the new headline showed on the home page through nginx after ${seconds.toFixed(1)} s (${headers['x-cache-status']})`);
      return { seconds, writtenJustAfterRefresh: atRefresh };
    }
    if (seconds > timeoutS) {
      log(`  live check: not shown after ${timeoutS} s`);
      return { seconds: Infinity, writtenJustAfterRefresh: atRefresh };
    }
    await sleep(250);
  }
}

export async function run(options, { log = console.log } = {}) {
  const { rounds = 3, duration = 6, warmup = 2, connections = 10, liveTimeout = 150 } = options;
  const content = contentCopy();
  const snapshot = tempDir('khabar-bench-static-');
  let site;
  let limit;
  let proxy;
  try {
    // TRUST_PROXY as the deployment guide says; it changes nothing for the bare GETs.
    site = await startSite({ contentDir: content.dir, trustProxy: true });
    const pages = await resolvePages(site.url);
    const bytes = {};
    for (const page of measured) {
      const { status, body } = await rawGet(site.url + pages[page]);
      if (status !== 200) throw new Error(`${pages[page]}: HTTP ${status}`);
      writeSnapshot(snapshot.dir, pages[page], body);
      bytes[page] = body.length;
    }
    limit = await startFileNginx({ root: snapshot.dir });
    for (const page of measured) {
      const copy = await rawGet(limit.url + pages[page]);
      if (copy.status !== 200 || copy.body.length !== bytes[page]) {
        throw new Error(`static nginx does not serve the snapshot of ${pages[page]} (HTTP ${copy.status})`);
      }
    }
    log(`throughput: ${connections} connections, ${duration} s per measurement, ${rounds} round(s); HTML ${measured.map((p) => `${p} ${(bytes[p] / 1024).toFixed(0)} KiB`).join(', ')}`);

    const common = { limit: limit.url, pages, rounds, duration, warmup, connections, log };
    const bare = await compare({ label: 'bare server', site: site.url, ...common });

    proxy = await startProxyNginx({ upstreams: [site.host] });
    // The first request fills the cache; the second must come from it.
    const cacheStatus = {};
    for (const page of measured) {
      await rawGet(proxy.url + pages[page]);
      cacheStatus[page] = (await rawGet(proxy.url + pages[page])).headers['x-cache-status'] ?? 'none';
    }
    log(`  X-Cache-Status after warm-up: ${Object.entries(cacheStatus).map(([p, s]) => `${p} ${s}`).join(', ')}`);
    const cached = await compare({ label: 'nginx cache', site: proxy.url, ...common });

    const live = await newContentThroughCache({ proxy, contentDir: content.dir, timeoutS: liveTimeout, log });

    const rows = [...bare.samples, ...cached.samples].map((s) => ({
      mode: s.label,
      page: s.page,
      round: s.round,
      'site req/s': s.site.reqPerSec.toFixed(0),
      'site p50 ms': s.site.p50,
      'site p99 ms': s.site.p99,
      'nginx req/s': s.nginx.reqPerSec.toFixed(0),
      'nginx p50 ms': s.nginx.p50,
      'nginx p99 ms': s.nginx.p99,
      'site/nginx': s.ratio.toFixed(3),
    }));
    for (const s of [...bare.summary, ...cached.summary]) {
      rows.push({
        mode: s.label,
        page: s.page,
        round: 'median',
        'site req/s': s.siteReqPerSec.toFixed(0),
        'site p50 ms': s.siteP50,
        'site p99 ms': s.siteP99,
        'nginx req/s': s.nginxReqPerSec.toFixed(0),
        'nginx p50 ms': s.nginxP50,
        'nginx p99 ms': s.nginxP99,
        'site/nginx': s.ratio.toFixed(3),
      });
    }
    const failed = [...bare.summary, ...cached.summary].reduce((n, s) => n + s.failedRequests, 0);
    const markdown =
      `Each row: autocannon, ${connections} connections, ${duration} s, after a ${warmup} s warm-up per URL; ` +
      `"nginx" serves the same HTML bytes from disk (the physical limit). Failed or non-2xx requests: ${failed}. ` +
      `X-Cache-Status through the cache after warm-up: ${Object.entries(cacheStatus).map(([p, s]) => `${p} ${s}`).join(', ')}. ` +
      `New article visible on the home page through nginx after ${live.seconds.toFixed(1)} s` +
      `${live.writtenJustAfterRefresh ? ' (written just after nginx refreshed its copy: the worst case)' : ''}.\n\n` +
      markdownTable(rows);

    const bareArticle = bare.summary.find((s) => s.page === 'article');
    const cachedArticle = cached.summary.find((s) => s.page === 'article');
    const figures = [
      ...bare.summary.map((s) =>
        figure(`${s.page} req/s, bare / nginx limit`, round(s.ratio, 3), `${s.siteReqPerSec.toFixed(0)} / ${s.nginxReqPerSec.toFixed(0)} req/s`, s.page === 'article' ? atLeast(0.2) : undefined),
      ),
      figure('article p50 / p99, bare', `${bareArticle.siteP50} / ${bareArticle.siteP99}`, 'ms'),
      ...cached.summary.map((s) =>
        figure(`${s.page} req/s, nginx cache / nginx limit`, round(s.ratio, 3), `${s.siteReqPerSec.toFixed(0)} / ${s.nginxReqPerSec.toFixed(0)} req/s`, s.page === 'article' ? atLeast(0.8) : undefined),
      ),
      figure('article p50 / p99, nginx cache', `${cachedArticle.siteP50} / ${cachedArticle.siteP99}`, 'ms'),
      figure('pages served from the nginx cache (HIT)', Object.values(cacheStatus).every((s) => s === 'HIT'), Object.entries(cacheStatus).map(([p, s]) => `${p} ${s}`).join(', '), {
        text: 'all HIT',
        check: (v) => v === true,
      }),
      figure('new article on home page through nginx cache', round(live.seconds, 1), 's', atMost(60, 's')),
      figure('failed or non-2xx requests under load', failed, '', atMost(0)),
    ];
    return { figures, markdown, data: { pages, bytes, bare, cached, cacheStatus, live } };
  } finally {
    await proxy?.stop();
    await limit?.stop();
    await site?.stop();
    await snapshot.remove();
    await content.remove();
  }
}
