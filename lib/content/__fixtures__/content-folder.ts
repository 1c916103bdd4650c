/** A throwaway CONTENT_DIR for the content-layer tests. */
import { after } from 'node:test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ContentLoader } from '@/lib/content/load';

const temps: string[] = [];
after(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

export const categories = [
  { slug: 'world', name: 'أخبار العالم', description: 'تغطية يومية للأحداث حول العالم.' },
  { slug: 'economy', name: 'اقتصاد', description: 'الأسواق والطاقة والتجارة.' },
];
export const authors = [
  { slug: 'layla-haddad', name: 'ليلى حداد', bio: 'مراسلة الشؤون الدولية.' },
  { slug: 'omar-khalidi', name: 'عمر الخالدي' },
];

/**
 * Writes `files` (paths relative to a fresh temporary folder). Valid
 * categories.json and authors.json are added unless given; `null` leaves a file out.
 */
export function fixture(files: Record<string, string | null>) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'khabar-content-'));
  temps.push(tmp);
  const all: Record<string, string | null> = {
    'content/categories.json': JSON.stringify(categories),
    'content/authors.json': JSON.stringify(authors),
    ...files,
  };
  fs.mkdirSync(path.join(tmp, 'public'), { recursive: true });
  if (!('content/articles' in files)) fs.mkdirSync(path.join(tmp, 'content', 'articles'), { recursive: true });
  for (const [rel, text] of Object.entries(all)) {
    if (text === null) continue;
    const file = path.join(tmp, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  const contentDir = path.join(tmp, 'content');
  const publicDir = path.join(tmp, 'public');
  return { tmp, contentDir, publicDir, loader: new ContentLoader({ contentDir, publicDir, cwd: tmp }) };
}

export const defaults: Record<string, string> = {
  title: 'قمة الخليج تفتتح أعمالها في الرياض',
  description: 'يجتمع القادة لبحث التعاون الاقتصادي.',
  date: '"2026-11-20T09:30:00+03:00"',
  category: 'world',
  author: 'layla-haddad',
};

/** A Markdown article; values are raw YAML, `undefined` leaves the field out. */
export function md(fields: Record<string, string | undefined> = {}, body = 'نص الخبر.\n'): string {
  const lines = Object.entries({ ...defaults, ...fields })
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, value]) => `${key}: ${value}`);
  return `---\n${lines.join('\n')}\n---\n${body}`;
}
