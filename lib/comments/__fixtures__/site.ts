/**
 * A throw-away site for the comments tests and the fuzz benchmark: a temporary
 * CONTENT_DIR (two published articles, a draft, a scheduled one) and an empty
 * DATA_DIR. `setupTempSite()` sets the environment; import lib/comments/http.ts
 * or service.ts only afterwards, since those modules read it when first imported.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const siteUrl = 'https://khabar.example';

export const slugs = {
  published: 'gulf-summit-opens',
  otherPublished: 'oil-prices-steady',
  draft: 'draft-story',
  scheduled: 'scheduled-story',
} as const;

function article(fields: Record<string, string>, body = 'نص الخبر.\n'): string {
  const all: Record<string, string> = {
    title: 'قمة الخليج تفتتح أعمالها في الرياض',
    description: 'يجتمع القادة لبحث التعاون الاقتصادي.',
    date: '"2024-03-10T08:00:00+03:00"',
    category: 'world',
    author: 'layla-haddad',
    ...fields,
  };
  return `---\n${Object.entries(all).map(([k, v]) => `${k}: ${v}`).join('\n')}\n---\n${body}`;
}

export type TempSite = { root: string; contentDir: string; dataDir: string; dbFile: string; cleanup: () => void };

export function createTempSite(prefix = 'khabar-comments-'): TempSite {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const contentDir = path.join(root, 'content');
  const dataDir = path.join(root, 'data');
  const files: Record<string, string> = {
    'categories.json': JSON.stringify([
      { slug: 'world', name: 'أخبار العالم', description: 'تغطية يومية للأحداث حول العالم.' },
      { slug: 'economy', name: 'اقتصاد', description: 'الأسواق والطاقة والتجارة.' },
    ]),
    'authors.json': JSON.stringify([{ slug: 'layla-haddad', name: 'ليلى حداد' }]),
    [`articles/${slugs.published}.md`]: article({}),
    [`articles/${slugs.otherPublished}.md`]: article({
      title: 'أسعار النفط مستقرة',
      category: 'economy',
      date: '"2025-01-05T10:00:00+03:00"',
    }),
    [`articles/${slugs.draft}.md`]: article({ title: 'مسودة', draft: 'true' }),
    [`articles/${slugs.scheduled}.md`]: article({ title: 'خبر مجدول', date: '"2999-01-01T00:00:00+03:00"' }),
  };
  for (const [rel, text] of Object.entries(files)) {
    const file = path.join(contentDir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  fs.mkdirSync(dataDir, { recursive: true });
  return {
    root,
    contentDir,
    dataDir,
    dbFile: path.join(dataDir, 'comments.db'),
    cleanup: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}

/** Creates the site and points CONTENT_DIR, DATA_DIR and SITE_URL at it. */
export function setupTempSite(prefix?: string): TempSite {
  const site = createTempSite(prefix);
  process.env.CONTENT_DIR = site.contentDir;
  process.env.DATA_DIR = site.dataDir;
  process.env.SITE_URL = siteUrl;
  delete process.env.TRUST_PROXY;
  // The SQLite file in DATA_DIR, even on a machine where DATABASE_URL points at a real database.
  delete process.env.DATABASE_URL;
  return site;
}

/** Closes the per-process store singleton so the next getCommentStore() reopens the file or the pool. */
export async function closeStoreSingleton(): Promise<void> {
  const g = globalThis as { __khabarComments?: { close(): Promise<void> } };
  const store = g.__khabarComments;
  delete g.__khabarComments;
  await store?.close();
}

/**
 * Lets lib/content finish a background rescan and stops its file watcher, so
 * removing the temporary folder afterwards is not reported as broken content.
 */
export async function releaseContent(): Promise<void> {
  const state = (globalThis as { __khabarContent?: { scanning?: Promise<void>; watcher?: { close(): void }; current?: Promise<unknown> } })
    .__khabarContent;
  if (!state) return;
  await state.scanning;
  state.watcher?.close();
  state.watcher = undefined;
}

export type PostOptions = {
  peer?: string;
  origin?: string | null;
  headers?: Record<string, string>;
  contentType?: string | null;
  /** Sent as is instead of JSON.stringify(payload). */
  raw?: string | ReadableStream<Uint8Array>;
};

/** A POST /api/comments as the production server hands it to the route. */
export function commentRequest(payload: unknown, options: PostOptions = {}): Request {
  const headers = new Headers(options.headers);
  if (options.contentType !== null) headers.set('content-type', options.contentType ?? 'application/json');
  if (options.peer !== undefined) headers.set('x-khabar-peer', options.peer);
  if (options.origin) headers.set('origin', options.origin);
  const body = options.raw ?? JSON.stringify(payload);
  const init: RequestInit & { duplex?: 'half' } = { method: 'POST', headers, body };
  if (typeof body !== 'string') init.duplex = 'half';
  const request = new Request(`${siteUrl}/api/comments`, init);
  // A string body makes Request add text/plain; a test that wants no content type removes it.
  if (options.contentType === null) request.headers.delete('content-type');
  return request;
}

export function listRequest(params: Record<string, string>): Request {
  return new Request(`${siteUrl}/api/comments?${new URLSearchParams(params)}`);
}
