/**
 * Path traversal: encodings of "../" and friends on every dynamic route (and the static file
 * handlers), sent byte for byte with node:http so nothing normalises them first. Every answer must
 * be a 400 or 404 (or a redirect on the site that itself ends in one), never a 5xx, and never hold
 * the contents of a file: /etc/passwd, package.json, .env, the content folder's raw files, the
 * comment database, or the server's secrets.
 */
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { signInAsEditor } from './comment-helpers';
import { article, authors, categories, contentDir, hiddenArticles, normalizeText } from './helpers';

/** Raw path segments (or query values), exactly as sent. `{}` in a route is replaced by one. */
export const traversalPayloads: string[] = [
  '..%2f..%2f..%2fetc%2fpasswd',
  '%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '%2e%2e/%2e%2e/%2e%2e/etc/passwd',
  '../../../etc/passwd',
  '..%252f..%252f..%252fetc%252fpasswd',
  '%252e%252e%252f%252e%252e%252fpackage.json',
  '%25%32%65%25%32%65%25%32%66package.json',
  '..%c0%af..%c0%af..%c0%afetc%c0%afpasswd',
  '..%c1%9c..%c1%9cpackage.json',
  '%c0%ae%c0%ae%c0%af%c0%ae%c0%ae%c0%afpackage.json',
  '..%5c..%5c..%5cpackage.json',
  '..\\..\\..\\package.json',
  '%2e%2e%5c%2e%2e%5cpackage.json',
  '....//....//package.json',
  '..;/..;/package.json',
  '.%2e/.%2e/package.json',
  '%00',
  'package.json%00.md',
  '..%00/..%00/etc/passwd',
  '%ef%bc%8e%ef%bc%8e%ef%bc%8fpackage.json',
  '%e2%80%a5%ef%bc%8fpackage.json',
  '%u002e%u002e%u2215package.json',
  '..%u2215..%u2215etc%u2215passwd',
  '%2fetc%2fpasswd',
  '/etc/passwd',
  'file:%2f%2f%2fetc%2fpasswd',
  '%5c%5c127.0.0.1%5cc$',
  '..%2f..%2fcontent%2fauthors.json',
  '..%2f..%2f..%2fcontent%2farticles%2f2026%2f11%2fdraft-summit-analysis.md',
  '..%2f..%2f.env',
  '.env',
  '..%2f..%2fpackage.json',
  '..%2F..%2FPACKAGE.JSON',
  '..%2f..%2fnode_modules%2fnext%2fpackage.json',
  '..%2f..%2fdata%2fcomments.db',
  '..%2f..%2f.next%2frequired-server-files.json',
  '%2e%2e%2f'.repeat(12) + 'etc%2fpasswd',
  'draft-summit-analysis.md',
  'draft-summit-analysis%00',
  'draft-summit-analysis%2f..%2f..%2fpackage.json',
];

const category = categories()[0]!.slug;
const author = authors()[0]!.slug;
const previewSecret = 'e2e-preview-secret';

/** Where each payload goes: every dynamic route and the static file handlers. */
const routes = [
  '/articles/{}',
  '/articles/{}/opengraph-image',
  '/categories/{}',
  '/categories/{}/page/2',
  `/categories/${category}/page/{}`,
  '/categories/{}/feed.xml',
  '/tags/{}',
  '/tags/{}/page/2',
  '/authors/{}',
  `/authors/${author}/page/{}`,
  '/sitemaps/{}',
  '/sitemaps/{}.xml',
  '/api/comments?article={}',
  `/api/draft?secret=${previewSecret}&slug={}`,
  '/_next/image?url={}&w=640&q=75',
  '/_next/image?url=%2Fimages%2F{}&w=640&q=75',
  '/_next/static/{}',
  '/_next/static/chunks/{}',
  '/images/{}',
  '/{}',
];

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Text that must never be served: file contents and secrets. */
function leaks(): { label: string; test: (body: string) => boolean }[] {
  const authorsRaw = readFileSync(path.join(contentDir, 'authors.json'), 'utf8');
  const firstAuthorLine = authorsRaw.split('\n').find((line) => line.includes('"slug"'))!.trim();
  const hidden = hiddenArticles();
  const secrets = ['e2e-editor-password', previewSecret, 'e2e-revalidate-secret'];
  return [
    { label: '/etc/passwd', test: (b) => /root:[^:\n]*:0:0:/.test(b) },
    { label: 'package.json', test: (b) => b.includes('"dependencies"') || b.includes('"devDependencies"') },
    { label: 'raw authors.json', test: (b) => b.includes(firstAuthorLine) || b.includes(JSON.stringify(JSON.parse(authorsRaw)[0])) },
    { label: 'front matter of a Markdown file', test: (b) => /^---\s*$[\s\S]{0,400}^(title|category|author|date):/m.test(b) },
    { label: 'the SQLite database', test: (b) => b.includes('SQLite format 3') },
    { label: 'required-server-files.json', test: (b) => b.includes('"ignore":') && b.includes('"appDir"') },
    ...secrets.map((secret) => ({ label: `the secret ${secret}`, test: (b: string) => b.includes(secret) })),
    ...hidden.map((a) => ({ label: `unpublished «${a.title}»`, test: (b: string) => normalizeText(b).includes(a.title) })),
    ...hidden.map((a) => ({ label: `unpublished body of ${a.slug}`, test: (b: string) => b.includes(a.body.trim().split('\n')[0]!.slice(0, 60)) })),
  ];
}

type RawResponse = { status: number; location?: string; body: string };

/** One request exactly as written: no URL parsing, no dot-segment removal. */
function raw(base: URL, method: string, target: string, headers: Record<string, string> = {}, body?: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: base.hostname, port: base.port, method, path: target, headers: { ...headers, ...(body ? { 'content-length': Buffer.byteLength(body) } : {}) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, location: res.headers.location, body: Buffer.concat(chunks).toString('latin1') + Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.setTimeout(20_000, () => req.destroy(new Error(`${method} ${target} timed out`)));
    if (body) req.write(body);
    req.end();
  });
}

/** Runs `work` over `items`, `limit` at a time. */
async function inPool<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

async function cookieHeader(page: Page): Promise<string> {
  return (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
}

test('path traversal encodings on every dynamic route: 400 or 404, no file content, no 5xx', async ({ page, baseURL }) => {
  test.setTimeout(240_000);
  expect(traversalPayloads.length).toBeGreaterThanOrEqual(30);
  const base = new URL(baseURL!);
  const checks = leaks();
  expect(article('draft-summit-analysis').draft, 'the sample draft the payloads aim at').toBe(true);

  // The editors' preview route is tried signed in, where the slug is actually looked up.
  await signInAsEditor(page, '/editor');
  const editorCookie = await cookieHeader(page);

  type Attempt = { method: string; target: string; headers?: Record<string, string>; body?: string };
  const attempts: Attempt[] = [];
  for (const payload of traversalPayloads) {
    for (const route of routes) attempts.push({ method: 'GET', target: route.replace('{}', payload) });
    attempts.push({ method: 'GET', target: `/editor/preview/${payload}`, headers: { cookie: editorCookie } });
    attempts.push({
      method: 'POST',
      target: '/api/comments',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '2001:db8:7a7::1' },
      body: JSON.stringify({ article: safeDecode(payload), name: 'قارئ', body: 'محاولة اجتياز المسار' }),
    });
  }

  const failures: string[] = [];
  const statuses = new Map<number, number>();
  await inPool(attempts, 4, async ({ method, target, headers, body }) => {
    let response = await raw(base, method, target, headers, body);
    const first = response.status;
    // A redirect is fine only to this site, and only to another refusal.
    for (let hops = 0; response.status >= 300 && response.status < 400 && hops < 3; hops++) {
      const location = new URL(response.location ?? '', base);
      if (location.origin !== base.origin) {
        failures.push(`${method} ${target}: redirected off the site to ${response.location}`);
        return;
      }
      response = await raw(base, 'GET', location.pathname + location.search, headers);
    }
    statuses.set(first, (statuses.get(first) ?? 0) + 1);
    if (![400, 404].includes(response.status)) failures.push(`${method} ${target}: ${first}${first !== response.status ? ` → ${response.status}` : ''}`);
    for (const leak of checks) if (leak.test(response.body)) failures.push(`${method} ${target}: body holds ${leak.label}`);
  });
  console.log(`[traversal] ${traversalPayloads.length} encodings × ${routes.length + 2} routes = ${attempts.length} requests; first answers: ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`);
  expect(failures).toEqual([]);
});

test('the leak checks recognise the files they look for', async () => {
  const checks = leaks();
  const found = (text: string) => checks.filter((c) => c.test(text)).map((c) => c.label);
  expect(found('root:x:0:0:root:/root:/bin/bash')).toContain('/etc/passwd');
  expect(found(readFileSync(path.resolve(__dirname, '..', 'package.json'), 'utf8'))).toContain('package.json');
  expect(found(readFileSync(path.join(contentDir, 'authors.json'), 'utf8'))).toContain('raw authors.json');
  const draftFile = readFileSync(path.join(contentDir, 'articles', '2026', '11', 'draft-summit-analysis.md'), 'utf8');
  expect(found(draftFile)).toEqual(expect.arrayContaining(['front matter of a Markdown file', `unpublished «${article('draft-summit-analysis').title}»`]));
  expect(found('<html>الصفحة غير موجودة</html>')).toEqual([]);
});
