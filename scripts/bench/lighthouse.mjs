// Lighthouse 12 (mobile, the default) on the home, category, article and search pages.
//
//   npm run build && node scripts/bench/lighthouse.mjs [--runs 3]
//
// Starts the production server on port 3000 (the address the default build is made for, so
// canonical links are on the audited origin), audits each page `runs` times in Debian's Chromium
// (or Chrome from chrome-launcher elsewhere) and prints the median of each score, LCP, TBT and CLS.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

const root = path.resolve(import.meta.dirname, '../..');
const { values } = parseArgs({ options: { runs: { type: 'string', default: '1' }, port: { type: 'string', default: '3000' } } });
const runs = Number(values.runs);
const base = `http://localhost:${values.port}`;
const pages = {
  home: '/',
  category: '/categories/world',
  article: '/articles/cop31-closes-with-adaptation-pledge',
  search: '/search?q=المناخ',
};

const server = spawn(process.execPath, ['scripts/serve.mjs'], {
  cwd: root,
  env: { ...process.env, PORT: values.port, DATA_DIR: process.env.DATA_DIR ?? path.join(root, 'test-results', 'lighthouse-data') },
  stdio: 'ignore',
});
for (let i = 0; ; i++) {
  try {
    if ((await fetch(base)).ok) break;
  } catch {
    // not up yet
  }
  if (i > 120) throw new Error('server did not start');
  await new Promise((r) => setTimeout(r, 250));
}

const chrome = await chromeLauncher.launch({
  ...(existsSync('/usr/bin/chromium') ? { chromePath: '/usr/bin/chromium' } : {}),
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
const rows = [];
try {
  for (const [name, pathname] of Object.entries(pages)) {
    const samples = [];
    for (let i = 0; i < runs; i++) {
      const { lhr } = await lighthouse(new URL(pathname, base).href, { port: chrome.port, output: 'json', logLevel: 'error' });
      const score = (id) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
      const failing = Object.values(lhr.audits).filter((a) => a.score !== null && a.score < 1 && ['seo', 'accessibility'].some((c) => lhr.categories[c].auditRefs.some((r) => r.id === a.id && r.weight > 0)));
      if (failing.length) console.log(`${name}: ${failing.map((a) => a.id).join(', ')}`);
      samples.push({
        performance: score('performance'),
        accessibility: score('accessibility'),
        'best-practices': score('best-practices'),
        seo: score('seo'),
        lcp: lhr.audits['largest-contentful-paint'].numericValue,
        tbt: lhr.audits['total-blocking-time'].numericValue,
        cls: lhr.audits['cumulative-layout-shift'].numericValue,
      });
    }
    const m = (key) => median(samples.map((s) => s[key]));
    rows.push({
      page: name,
      performance: m('performance'),
      accessibility: m('accessibility'),
      'best practices': m('best-practices'),
      seo: m('seo'),
      'LCP s': (m('lcp') / 1000).toFixed(2),
      'TBT ms': Math.round(m('tbt')),
      CLS: m('cls').toFixed(3),
    });
  }
} finally {
  await chrome.kill();
  server.kill('SIGTERM');
}
console.log(`\nLighthouse 12 mobile, median of ${runs}:\n`);
console.log(`| ${Object.keys(rows[0]).join(' | ')} |`);
console.log(`| ${Object.keys(rows[0]).map(() => '---').join(' | ')} |`);
for (const row of rows) console.log(`| ${Object.values(row).join(' | ')} |`);
