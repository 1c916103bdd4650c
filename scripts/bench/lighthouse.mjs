// Lighthouse 12 (mobile, its default) on the article, its lite edition, home and category pages of the production
// build, in Debian's Chromium (or Chrome found by chrome-launcher elsewhere): the median of each
// score, LCP, TBT and CLS over `runs` runs.
//
//   npm run bench -- lighthouse [--runs 3]
//   node scripts/bench/lighthouse.mjs [--runs 3]          (the same)
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { atLeast, atMost, exactly, figure, markdownTable, median, resolvePages, root, round, startSite, track } from './common.mjs';

const pageTypes = ['article', 'lite article', 'home', 'category'];
const categories = ['performance', 'accessibility', 'best-practices', 'seo'];

/** Audits that cost points in the accessibility, SEO or best-practices score, to say why a score is below 100. */
export function failingAudits(lhr) {
  const ids = new Set();
  for (const id of ['accessibility', 'seo', 'best-practices']) {
    for (const ref of lhr.categories[id]?.auditRefs ?? []) {
      const audit = lhr.audits[ref.id];
      if (ref.weight > 0 && audit && audit.score !== null && audit.score < 1) ids.add(ref.id);
    }
  }
  return [...ids];
}

/** Debian's Chromium when present (chrome-launcher finds Chrome elsewhere), stopped by the bench cleanup too. */
export async function launchChrome(chromeLauncher) {
  const chrome = await chromeLauncher.launch({
    ...(existsSync('/usr/bin/chromium') ? { chromePath: '/usr/bin/chromium' } : {}),
    chromeFlags: [
      '--headless=new',
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const stop = track({
    stop: async () => chrome.kill(),
    stopSync: () => {
      try {
        process.kill(chrome.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    },
  });
  return { chrome, stop };
}

export async function run(options, { log = console.log } = {}) {
  const { runs = 3 } = options;
  const [{ default: lighthouse }, chromeLauncher] = await Promise.all([import('lighthouse'), import('chrome-launcher')]);
  const site = await startSite();
  let chrome;
  let stopChrome;
  try {
    const pages = await resolvePages(site.url);
    // The same article in the lite edition, measured in the same run to compare side by side.
    pages['lite article'] = pages.article.replace(/^\/articles\//, '/lite/articles/');
    ({ chrome, stop: stopChrome } = await launchChrome(chromeLauncher));
    // Warm the pages once so the first audit does not pay for a first render on the server.
    for (const type of pageTypes) await (await fetch(site.url + pages[type])).arrayBuffer();

    const rows = [];
    const data = {};
    for (const type of pageTypes) {
      const samples = [];
      for (let i = 1; i <= runs; i++) {
        const { lhr } = await lighthouse(site.url + pages[type], { port: chrome.port, output: 'json', logLevel: 'error' });
        const score = (id) => (lhr.categories[id]?.score == null ? NaN : Math.round(lhr.categories[id].score * 100));
        const sample = {
          ...Object.fromEntries(categories.map((id) => [id, score(id)])),
          lcp: lhr.audits['largest-contentful-paint']?.numericValue ?? NaN,
          tbt: lhr.audits['total-blocking-time']?.numericValue ?? NaN,
          cls: lhr.audits['cumulative-layout-shift']?.numericValue ?? NaN,
          bytes: lhr.audits['total-byte-weight']?.numericValue ?? NaN,
          // A page without a largest-contentful-paint event (NO_LCP) has no performance score at all.
          runtimeError: lhr.runtimeError?.code ?? lhr.audits['largest-contentful-paint']?.errorMessage,
          failing: failingAudits(lhr),
        };
        samples.push(sample);
        log(
          `  ${type} run ${i}: performance ${sample.performance}, a11y ${sample.accessibility}, BP ${sample['best-practices']}, SEO ${sample.seo}, ` +
            `LCP ${(sample.lcp / 1000).toFixed(2)} s, TBT ${Math.round(sample.tbt)} ms, CLS ${sample.cls.toFixed(3)}, ${(sample.bytes / 1024).toFixed(1)} KB` +
            `${sample.runtimeError ? `, error ${sample.runtimeError}` : ''}${sample.failing.length ? `; below 1: ${sample.failing.join(', ')}` : ''}`,
        );
      }
      const m = (key) => median(samples.map((s) => s[key]));
      data[type] = {
        path: pages[type],
        samples,
        median: { ...Object.fromEntries(categories.map((id) => [id, m(id)])), lcp: m('lcp'), tbt: m('tbt'), cls: m('cls'), bytes: m('bytes') },
      };
      const failing = [...new Set(samples.flatMap((s) => s.failing))];
      const errors = [...new Set(samples.map((s) => s.runtimeError).filter(Boolean))];
      rows.push({
        page: type,
        performance: m('performance'),
        accessibility: m('accessibility'),
        'best practices': m('best-practices'),
        seo: m('seo'),
        'LCP s': (m('lcp') / 1000).toFixed(2),
        'TBT ms': Math.round(m('tbt')),
        CLS: m('cls').toFixed(3),
        'transferred KB': (m('bytes') / 1024).toFixed(1),
        notes: [...errors.map((e) => `error ${e}`), ...failing].join(', '),
      });
    }

    const { version } = JSON.parse(readFileSync(path.join(root, 'node_modules/lighthouse/package.json'), 'utf8'));
    const markdown = `Lighthouse ${version}, mobile emulation and throttling (defaults), median of ${runs} run(s); notes list audits that cost points.\n\n${markdownTable(rows)}`;
    const figures = pageTypes.flatMap((type) => {
      const med = data[type].median;
      return [
        figure(`${type} Lighthouse performance`, med.performance, '', atLeast(95)),
        figure(`${type} Lighthouse accessibility / best practices / SEO`, Math.min(med.accessibility, med['best-practices'], med.seo), `${med.accessibility} / ${med['best-practices']} / ${med.seo}`, exactly(100)),
        figure(`${type} LCP`, round(med.lcp / 1000, 2), 's', atMost(1.5, 's')),
        figure(`${type} TBT`, Math.round(med.tbt), 'ms', atMost(50, 'ms')),
        figure(`${type} CLS`, round(med.cls, 3), '', exactly(0)),
      ];
    });
    figures.push(figure('lite article transferred', round(data['lite article'].median.bytes / 1024, 1), 'KB', atMost(30, 'KB')));
    return { figures, markdown, data };
  } finally {
    await stopChrome?.();
    await site.stop();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { main } = await import('./run.mjs');
  process.exit(await main(['lighthouse', ...process.argv.slice(2)]));
}
