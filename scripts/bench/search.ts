/**
 * Search at archive scale: builds the index over a generated archive, then
 * times queries (whole words and prefixes, one and two words) and reports the
 * heap the content and search indexes take.
 *
 *   npm run content:generate -- --count 50000 --out /tmp/khabar-bench-50000
 *   node --expose-gc --conditions=react-server --import tsx scripts/bench/search.ts /tmp/khabar-bench-50000
 */
import path from 'node:path';
import { ContentLoader } from '@/lib/content/load';
import { bodiesIndexed, searchIndex } from '@/lib/search';

/** Heap plus typed-array storage, which lives outside the JavaScript heap. */
const used = () => {
  const memory = process.memoryUsage();
  return memory.heapUsed + memory.arrayBuffers;
};

async function main() {
  const contentDir = path.resolve(process.argv[2] ?? 'content');
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const baseline = used();
  const index = await new ContentLoader({ contentDir, publicDir: path.resolve('public') }).scan();
  gc?.();
  const afterContent = used();
  let started = performance.now();
  searchIndex(index, 'تجربة', 1, 10, Date.now());
  const headFields = performance.now() - started;
  await bodiesIndexed(index);
  const bodies = performance.now() - started;
  gc?.();
  const afterSearch = used();

  const words = index.articles.slice(0, 400).flatMap((a) => a.title.split(/\s+/)).filter((w) => w.length > 2);
  const queries = Array.from({ length: 200 }, (_, i) => {
    const word = words[(i * 7919) % words.length]!;
    if (i % 3 === 0) return word.slice(0, Math.max(2, word.length - 2));
    if (i % 3 === 1) return `${word} ${words[(i * 104729) % words.length]}`;
    return word;
  });
  const times: number[] = [];
  let hits = 0;
  for (const query of queries) {
    started = performance.now();
    hits += searchIndex(index, query, 1, 10, Date.now()).total;
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!.toFixed(1);
  const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
  console.log(`articles: ${index.articles.length}`);
  console.log(`index: headlines/standfirsts/tags ${headFields.toFixed(0)} ms, bodies ${(bodies / 1000).toFixed(1)} s (background)`);
  console.log(
    `heap: content index ${mb(afterContent - baseline)} MB, with search index ${mb(afterSearch - baseline)} MB; process RSS ${mb(process.memoryUsage().rss)} MB`,
  );
  console.log(`queries: ${queries.length}, mean hits ${(hits / queries.length).toFixed(0)}, p50 ${at(0.5)} ms, p99 ${at(0.99)} ms`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
