/**
 * Writes a new draft with valid front matter and prints where to preview it:
 *
 *   npm run content:new -- --title "عنوان الخبر" --category world [--author layla-haddad] [--slug my-slug]
 *
 * or a new entry of a live article, timed now, in the folder beside the article:
 *
 *   npm run content:new -- --live-entry <article-slug> --title "عنوان التحديث" [--text "…"] [--author <slug>] [--key] [--pinned]
 */
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { slugPattern } from '@/lib/content/schema';

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

/** Arabic titles have no Latin letters to borrow, so a slug is taken from the clock unless given. */
function slugFor(title: string, now: Date): string {
  const latin = title
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (latin.length >= 8) return latin.slice(0, 60).replace(/-+$/, '');
  const stamp = now.toISOString().replace(/[-:T]/g, '').slice(0, 12);
  return `article-${stamp}`;
}

function isoWithOffset(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

async function main() {
  const { values } = parseArgs({
    options: {
      title: { type: 'string' },
      category: { type: 'string' },
      author: { type: 'string' },
      slug: { type: 'string' },
      'live-entry': { type: 'string' },
      text: { type: 'string' },
      key: { type: 'boolean' },
      pinned: { type: 'boolean' },
    },
  });
  if (values['live-entry'] !== undefined) return writeLiveEntry(values['live-entry'], values);
  const usage = 'usage: npm run content:new -- --title "..." --category <slug> [--author <slug>] [--slug <slug>]';
  const title = values.title?.trim();
  if (!title) fail(`--title: expected the headline\n${usage}`);
  const contentDir = path.resolve(process.env.CONTENT_DIR ?? 'content');
  const read = async (file: string) =>
    (JSON.parse((await readFile(path.join(contentDir, file), 'utf8')).replace(/^\uFEFF/, '')) as { slug: string }[]).map((e) => e.slug);
  const categories = await read('categories.json');
  const authors = await read('authors.json');
  if (!values.category || !categories.includes(values.category)) {
    fail(`--category: expected one of ${categories.join(', ')}; got "${values.category ?? ''}"\n${usage}`);
  }
  const author = values.author ?? authors[0];
  if (!author || !authors.includes(author)) fail(`--author: expected one of ${authors.join(', ')}; got "${author ?? ''}"`);

  const now = new Date();
  const slug = values.slug ?? slugFor(title, now);
  if (!slugPattern.test(slug)) fail(`--slug: expected lower-case letters, digits and single hyphens; got "${slug}"`);
  const dir = path.join(contentDir, 'articles', String(now.getUTCFullYear()), String(now.getUTCMonth() + 1).padStart(2, '0'));
  const file = path.join(dir, `${slug}.md`);
  if (existsSync(file)) fail(`${path.relative(process.cwd(), file)}: slug: a file with this slug already exists`);

  const front = [
    '---',
    `title: ${JSON.stringify(title)}`,
    `description: ${JSON.stringify('اكتب هنا ملخصًا من جملة أو جملتين.')}`,
    `date: ${isoWithOffset(now)}`,
    `category: ${values.category}`,
    `author: ${author}`,
    'tags: []',
    'draft: true',
    '---',
    '',
    'اكتب الفقرة الأولى هنا: أهم ما في الخبر.',
    '',
  ].join('\n');
  await mkdir(dir, { recursive: true });
  await writeFile(file, front, { flag: 'wx' });

  const site = (process.env.SITE_URL ?? 'http://localhost:3000').replace(/\/$/, '');
  console.log(`Draft written: ${path.relative(process.cwd(), file)}`);
  console.log(`Preview (signed-in editors): ${site}/editor/preview/${slug}`);
  console.log(`Preview (with the secret):   ${site}/api/draft?secret=${process.env.PREVIEW_SECRET ? encodeURIComponent(process.env.PREVIEW_SECRET) : '<PREVIEW_SECRET>'}&slug=${slug}`);
  console.log('Set draft: false (and the date) when it is ready to publish.');
}

/** Entries are named by their UTC time, so a folder lists them in order and two editors rarely collide. */
async function writeLiveEntry(slug: string, values: { title?: string; text?: string; author?: string; key?: boolean; pinned?: boolean }) {
  const usage = 'usage: npm run content:new -- --live-entry <article-slug> --title "..." [--text "..."] [--author <slug>] [--key] [--pinned]';
  if (!slugPattern.test(slug)) fail(`--live-entry: expected the slug of an article; got "${slug}"\n${usage}`);
  const contentDir = path.resolve(process.env.CONTENT_DIR ?? 'content');
  const articles = path.join(contentDir, 'articles');
  const found = (await readdir(articles, { recursive: true, withFileTypes: true })).find((e) => e.isFile() && e.name === `${slug}.md`);
  if (!found) fail(`--live-entry: expected the slug of an article in ${path.relative(process.cwd(), articles)}; got "${slug}"\n${usage}`);
  const articleFile = path.join(found.parentPath, found.name);
  const authors = (JSON.parse((await readFile(path.join(contentDir, 'authors.json'), 'utf8')).replace(/^\uFEFF/, '')) as { slug: string }[]).map((a) => a.slug);
  if (values.author !== undefined && !authors.includes(values.author)) fail(`--author: expected one of ${authors.join(', ')}; got "${values.author}"`);

  const now = new Date();
  const dir = articleFile.replace(/\.md$/, '');
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  let id = stamp;
  for (let n = 2; existsSync(path.join(dir, `${id}.md`)); n++) id = `${stamp}-${n}`;
  const title = values.title?.trim();
  const front = [
    '---',
    `time: ${isoWithOffset(now)}`,
    ...(title ? [`title: ${JSON.stringify(title)}`] : []),
    ...(values.author ? [`author: ${values.author}`] : []),
    ...(values.key ? ['key: true'] : []),
    ...(values.pinned ? ['pinned: true'] : []),
    '---',
    '',
    values.text?.trim() || 'اكتب نص التحديث هنا.',
    '',
  ].join('\n');
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${id}.md`);
  await writeFile(file, front, { flag: 'wx' });
  console.log(`Live entry written: ${path.relative(process.cwd(), file)}`);
  if (!/^live:\s*true\s*$/m.test(await readFile(articleFile, 'utf8'))) {
    console.log(`Note: ${path.relative(process.cwd(), articleFile)} has no "live: true"; its entries are shown only once it has.`);
  }
  // Saving is publishing: an entry written without --text shows its placeholder until it is edited.
  if (!values.text?.trim()) console.log('Its time is now, so it is already public: replace the placeholder text at once (or pass --text next time).');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
