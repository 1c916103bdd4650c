/** A search index over a throwaway content folder, for the search unit tests. */
import { after } from 'node:test';
import { fixture } from '@/testing/fixtures/content-folder';
import type { SearchIndex, SearchOptions } from '@/lib/search/index';
import { parseQuery } from '@/lib/search/query';
import { openSqliteSearch } from '@/lib/search/sqlite-search';

const opened: SearchIndex[] = [];
after(() => {
  for (const index of opened) index.close();
});

export const now = Date.parse('2026-11-29T12:00:00Z');
export const day = 86_400_000;
export const date = (ms: number) => `"${new Date(ms).toISOString().replace(/\.\d+Z$/, '+00:00')}"`;

/** Writes the files, scans them and indexes the articles into `file` (in memory unless given). */
export async function indexed(files: Record<string, string>, file = ':memory:') {
  const folder = fixture(files);
  const index = openSqliteSearch(file);
  opened.push(index);
  const sync = async () => {
    const content = await folder.loader.scan();
    await index.sync(content.archive);
    return content;
  };
  const content = await sync();
  const find = async (query: string, options: Partial<SearchOptions> = {}) =>
    (await index.search(parseQuery(query), { page: 1, pageSize: 100, sort: 'relevance', now, ...options })).slugs;
  return { folder, index, content, sync, find };
}
