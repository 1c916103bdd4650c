/**
 * Writes a new draft with valid front matter and prints where to preview it:
 *
 *   npm run content:new -- --title "عنوان الخبر" --category world [--author layla-haddad] [--slug my-slug]
 */
import { existsSync } from 'node:fs';
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
    },
  });
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

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
