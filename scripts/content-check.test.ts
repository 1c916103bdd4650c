/**
 * Runs `npm run content:check` the way the build does, as a child process,
 * against temporary CONTENT_DIRs.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const repo = path.resolve(__dirname, '..');
const script = path.join(repo, 'scripts', 'content-check.ts');

const temps: string[] = [];
after(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

type Result = { code: number; stdout: string; stderr: string };

function runCheck(contentDir: string): Promise<Result> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--conditions=react-server', '--import', 'tsx', script],
      // The script resolves `public/` against its working directory: the repository.
      { cwd: repo, env: { ...process.env, CONTENT_DIR: contentDir, NODE_OPTIONS: '' }, encoding: 'utf8' },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

function contentFolder(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'khabar-check-'));
  temps.push(dir);
  for (const [rel, text] of Object.entries(files)) {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  return dir;
}

const categories = JSON.stringify([
  { slug: 'world', name: 'أخبار العالم', description: 'تغطية يومية.' },
  { slug: 'economy', name: 'اقتصاد', description: 'الأسواق.' },
]);
const authors = JSON.stringify([
  { slug: 'layla-haddad', name: 'ليلى حداد' },
  { slug: 'omar-khalidi', name: 'عمر الخالدي' },
]);

function md(fields: Record<string, string | undefined> = {}): string {
  const all: Record<string, string | undefined> = {
    title: 'قمة الخليج',
    description: 'ملخص الخبر.',
    date: '2026-11-20T09:30:00+03:00',
    category: 'world',
    author: 'layla-haddad',
    ...fields,
  };
  const lines = Object.entries(all)
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([k, v]) => `${k}: ${v}`);
  return `---\n${lines.join('\n')}\n---\nنص الخبر.\n`;
}

const valid = contentFolder({
  'categories.json': categories,
  'authors.json': authors,
  'articles/2025/published-one.md': md({ date: '2025-01-10T08:00:00+03:00' }),
  'articles/2025/published-two.md': md({ date: '2025-02-10T08:00:00+03:00', category: 'economy', author: 'omar-khalidi' }),
  'articles/2025/draft-one.md': md({ draft: 'true' }),
  'articles/2999/scheduled-one.md': md({ date: '2999-01-01T00:00:00+03:00' }),
});

const invalid = contentFolder({
  'categories.json': categories,
  'authors.json': authors,
  'articles/good.md': md(),
  'articles/no-title.md': md({ title: undefined }),
  'articles/date-only.md': md({ date: '2026-11-20' }),
  'articles/bad-category.md': md({ category: 'sport' }),
  'articles/Bad_Slug.md': md(),
  'articles/no-front-matter.md': 'نص بلا ترويسة\n',
});

const live = contentFolder({
  'categories.json': categories,
  'authors.json': authors,
  'articles/2026/story.md': md({ live: 'true' }),
  'articles/2026/story/0900.md': '---\ntime: 2026-12-02T09:00:00+03:00\n---\nالأول\n',
  'articles/2026/story/broken.md': '---\ntime: tomorrow\n---\nمكسور\n',
  'articles/2026/quiet.md': md(),
  'articles/2026/quiet/first.md': '---\ntime: 2026-12-02T09:00:00+03:00\n---\nنص\n',
});

// The runs start at once: each child pays the TypeScript start-up cost.
const runs = { valid: runCheck(valid), invalid: runCheck(invalid), live: runCheck(live) };

describe('scripts/content-check.ts', () => {
  test('valid content: exit 0 and a one-line summary on stdout', async () => {
    const { code, stdout, stderr } = await runs.valid;
    assert.equal(stderr.replace(/^\(node:\d+\) ExperimentalWarning.*\n(\(Use .*\n)?/gm, ''), '');
    assert.equal(code, 0);
    assert.equal(stdout.trim(), 'content ok: 4 articles (1 draft, 1 scheduled), 2 categories, 2 authors');
  });

  test('invalid content: exit 1 and one `path: field: message` line per problem, then a count', async () => {
    const { code, stdout, stderr } = await runs.invalid;
    assert.equal(code, 1);
    assert.equal(stdout, '');
    const shown = (rel: string) => path.relative(repo, path.join(invalid, rel));
    const lines = stderr.split('\n').filter((line) => line.trim() !== '');
    const expected = [
      `${shown('articles/Bad_Slug.md')}: slug: expected a file name of lower-case letters, digits and single hyphens (e.g. gulf-summit-opens.md); got "Bad_Slug"`,
      `${shown('articles/bad-category.md')}: category: expected one of world, economy; got "sport"`,
      `${shown('articles/date-only.md')}: date: expected an ISO 8601 date-time with offset, e.g. 2026-11-20T09:30:00+03:00`,
      `${shown('articles/no-front-matter.md')}: (front matter): expected the file to start with a --- front matter block`,
      `${shown('articles/no-title.md')}: title: required: a non-empty headline`,
    ];
    for (const line of expected) assert.ok(lines.includes(line), `missing line:\n${line}\nin:\n${stderr}`);
    assert.equal(lines.filter((l) => l.includes(': ') && !l.startsWith('5 problem')).length, expected.length, stderr);
    assert.equal(lines.at(-1), `5 problem(s) in ${path.relative(repo, invalid)}`);
  });

  test('live entries: a broken entry and entries beside an article without live: true are listed', async () => {
    const { code, stdout, stderr } = await runs.live;
    assert.equal(code, 1);
    assert.equal(stdout, '');
    const shown = (rel: string) => path.relative(repo, path.join(live, rel));
    assert.deepEqual(
      stderr.split('\n').filter((line) => line.includes(': ')),
      [
        `${shown('articles/2026/quiet.md')}: live: expected live: true, since ${shown('articles/2026/quiet')}/ holds live entries`,
        `${shown('articles/2026/story/broken.md')}: time: expected an ISO 8601 date-time with offset, e.g. 2026-11-20T09:30:00+03:00`,
      ],
    );
  });
});
