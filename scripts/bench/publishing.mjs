// Publishing delay on the bare server: an article file is written into the content folder the
// server reads (a temporary copy of content/), and its article, category and home pages are
// polled until the new headline shows. The median of `files` new articles is reported.
import { contentCopy, figure, markdownTable, median, rawGet, sleep, startSite } from './common.mjs';
import { newArticle } from './throughput.mjs';

const pollMs = 100;

async function until(url, shows, timeoutMs) {
  const started = performance.now();
  for (;;) {
    const response = await rawGet(url);
    if (shows(response)) return performance.now() - started;
    if (performance.now() - started > timeoutMs) return Infinity;
    await sleep(pollMs);
  }
}

export async function run(options, { log = console.log } = {}) {
  const { files = 3, publishTimeout = 120 } = options;
  const content = contentCopy();
  let site;
  try {
    site = await startSite({ contentDir: content.dir });
    const samples = [];
    for (let i = 1; i <= files; i++) {
      const token = `pub${Date.now().toString(36)}${i}`;
      const article = newArticle(content.dir, { token });
      // Timed from the moment the file is complete on disk, as an editor's save.
      const has = (response) => response.status === 200 && response.text.includes(token);
      const [articleMs, categoryMs, homeMs] = await Promise.all([
        until(site.url + article.path, has, publishTimeout * 1000),
        until(site.url + article.categoryPath, has, publishTimeout * 1000),
        until(site.url + '/', has, publishTimeout * 1000),
      ]);
      samples.push({ file: i, article: articleMs, category: categoryMs, home: homeMs });
      log(`  file ${i}: article ${articleMs.toFixed(0)} ms, category ${categoryMs.toFixed(0)} ms, home ${homeMs.toFixed(0)} ms`);
      await sleep(2_000);
    }
    const ms = (value) => (Number.isFinite(value) ? Math.round(value) : 'not shown');
    const rows = samples.map((s) => ({ file: s.file, 'article ms': ms(s.article), 'category ms': ms(s.category), 'home ms': ms(s.home) }));
    const med = Object.fromEntries(['article', 'category', 'home'].map((key) => [key, median(samples.map((s) => s[key]))]));
    rows.push({ file: 'median', 'article ms': ms(med.article), 'category ms': ms(med.category), 'home ms': ms(med.home) });
    const markdown =
      `File written → new headline served (HTTP 200 containing it), bare \`server/serve.mjs\`, polled every ${pollMs} ms, ${files} new file(s).\n\n` +
      markdownTable(rows);
    // The first file after a start can differ from the rest (the content watcher starts with the first render).
    const figures = ['article', 'category', 'home'].map((key) =>
      figure(`new file → visible on the ${key} page (median)`, Math.round(med[key]), `ms; slowest ${ms(Math.max(...samples.map((s) => s[key])))} ms`),
    );
    return { figures, markdown, data: { samples } };
  } finally {
    await site?.stop();
    await content.remove();
  }
}
