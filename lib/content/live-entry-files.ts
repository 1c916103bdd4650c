import { stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * A live article's entries sit in a folder named after it, beside it
 * (`2026/12/<slug>.md` + `2026/12/<slug>/*.md`). Those files are entries, not articles.
 */
export function splitLiveEntryFiles(files: readonly string[]): { articles: string[]; entries: string[] } {
  const all = new Set(files);
  const articles: string[] = [];
  const entries: string[] = [];
  for (const file of files) {
    if (all.has(`${path.dirname(file)}.md`)) entries.push(file);
    else articles.push(file);
  }
  return { articles, entries };
}

/** The folder of a live article's entries. */
export const liveEntryFolder = (articleFile: string) => articleFile.replace(/\.md$/, '');

/** Names, sizes and modification times of the entry files: changes when any entry is written or removed. */
export async function liveEntryStamp(entries: readonly string[]): Promise<string> {
  const stamps = await Promise.all(
    entries.map((file) => stat(file).then((info) => `${file}:${info.size}:${info.mtimeMs}`, () => `${file}:gone`)),
  );
  return stamps.join('\n');
}
