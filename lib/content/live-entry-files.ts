import { readdir, stat } from 'node:fs/promises';
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

/**
 * The articles among `articles` with a folder of entries beside them, in their order. Each folder
 * of articles is listed once and only a name found there is looked at: a stat per article (nearly
 * all of which have no entries) took two seconds at 50,000 articles. A folder that cannot be
 * listed leaves its articles to the stat.
 */
export async function withEntryFolders<T extends { file: string }>(articles: readonly T[]): Promise<T[]> {
  const listings = new Map<string, Promise<Set<string> | undefined>>();
  const found: T[] = [];
  for (const article of articles) {
    const dir = liveEntryFolder(article.file);
    const parent = path.dirname(dir);
    let names = listings.get(parent);
    if (!names) {
      names = readdir(parent).then((list) => new Set(list), () => undefined);
      listings.set(parent, names);
    }
    const beside = await names;
    if (beside && !beside.has(path.basename(dir))) continue;
    if (await stat(dir).then((s) => s.isDirectory(), () => false)) found.push(article);
  }
  return found;
}

/** Names, sizes and modification times of the entry files: changes when any entry is written or removed. */
export async function liveEntryStamp(entries: readonly string[]): Promise<string> {
  const stamps = await Promise.all(
    entries.map((file) => stat(file).then((info) => `${file}:${info.size}:${info.mtimeMs}`, () => `${file}:gone`)),
  );
  return stamps.join('\n');
}
