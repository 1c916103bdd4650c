/**
 * POST /api/views through lib/views/api.ts on a temporary CONTENT_DIR and
 * DATA_DIR: every answer a beacon can get, what counts, and the daily salt.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import Database from 'better-sqlite3';
import { releaseContent, setupTempSite, siteUrl, slugs } from '@/testing/fixtures/comments/site';
import { releaseSingleton } from '@/server/runtime.mjs';
import type { ViewRecorder } from '@/lib/views/recorder';
import type { ViewStore } from '@/lib/views/store';

// Before lib/views/service.ts (and through it lib/content) is first imported.
const site = setupTempSite('khabar-views-');
after(async () => {
  await releaseSingleton<ViewRecorder>('views-recorder')?.stop();
  await releaseSingleton<ViewStore>('views')?.close();
  await releaseContent();
  site.cleanup();
});

const api = () => import('@/lib/views/api');
const service = () => import('@/lib/views/service');
const chrome = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36';

let peers = 0;
type BeaconOptions = { body?: string; contentType?: string | null; agent?: string; peer?: string; origin?: string; headers?: Record<string, string>; draft?: boolean };

async function beacon(article: unknown, options: BeaconOptions = {}) {
  const headers = new Headers(options.headers);
  if (options.contentType !== null) headers.set('content-type', options.contentType ?? 'text/plain;charset=UTF-8');
  headers.set('user-agent', options.agent ?? chrome);
  headers.set('x-khabar-peer', options.peer ?? `198.51.100.${++peers}`);
  if (options.origin) headers.set('origin', options.origin);
  const request = new Request(`${siteUrl}/api/views`, { method: 'POST', headers, body: options.body ?? JSON.stringify({ article }) });
  if (options.contentType === null) request.headers.delete('content-type');
  const response = await (await api()).postViewResponse(request, options.draft ?? false);
  const text = await response.text();
  return { status: response.status, text, json: text ? (JSON.parse(text) as { error?: { code: string; message: string } }) : undefined };
}

async function flushedTotals() {
  await (await service()).getViewRecorder().flush();
  return (await service()).getViewStore().totals();
}
const countOf = async (slug: string) => (await flushedTotals()).find((t) => t.article === slug)?.views ?? 0;

describe('POST /api/views: answers', () => {
  test('a reader’s view of a published article: 204, no body, counted', async () => {
    const before = await countOf(slugs.published);
    const result = await beacon(slugs.published);
    assert.equal(result.status, 204);
    assert.equal(result.text, '');
    assert.equal(await countOf(slugs.published), before + 1);
  });

  test('application/json is accepted as well as the text/plain sendBeacon sends', async () => {
    assert.equal((await beacon(slugs.otherPublished, { contentType: 'application/json' })).status, 204);
  });

  test('unknown, draft and scheduled slugs: 404 article_not_found in the JSON error shape, nothing counted', async () => {
    for (const slug of ['no-such-article', slugs.draft, slugs.scheduled]) {
      const result = await beacon(slug);
      assert.equal(result.status, 404, slug);
      assert.equal(result.json?.error?.code, 'article_not_found');
      assert.match(result.json!.error!.message, /[\u0600-\u06FF]/, 'an Arabic message');
    }
    const totals = await flushedTotals();
    assert.ok(!totals.some((t) => t.article === slugs.draft || t.article === slugs.scheduled || t.article === 'no-such-article'));
  });

  test('malformed bodies: 400; wrong content types: 415; oversize: 413; never 5xx', async () => {
    const cases: [BeaconOptions, number, string][] = [
      [{ body: '{"article":' }, 400, 'malformed_json'],
      [{ body: '' }, 400, 'malformed_json'],
      [{ body: 'null' }, 400, 'invalid_request'],
      [{ body: '[]' }, 400, 'invalid_request'],
      [{ body: '{"article":42}' }, 400, 'invalid_request'],
      [{ body: '{"article":""}' }, 400, 'invalid_request'],
      [{ body: JSON.stringify({ article: 'a'.repeat(201) }) }, 400, 'invalid_request'],
      [{ body: '\u0000\uFFFF' }, 400, 'malformed_json'],
      [{ contentType: 'application/x-www-form-urlencoded', body: 'article=x' }, 415, 'unsupported_media_type'],
      [{ contentType: 'multipart/form-data; boundary=x', body: '--x--' }, 415, 'unsupported_media_type'],
      [{ contentType: null }, 415, 'unsupported_media_type'],
      [{ body: JSON.stringify({ article: slugs.published, pad: 'x'.repeat(2_000) }) }, 413, 'payload_too_large'],
    ];
    for (const [options, status, code] of cases) {
      const result = await beacon(undefined, options);
      assert.equal(result.status, status, `${JSON.stringify(options).slice(0, 80)}: ${result.text}`);
      assert.equal(result.json?.error?.code, code);
    }
  });

  test('a beacon from another site: 403', async () => {
    const result = await beacon(slugs.published, { origin: 'https://evil.example' });
    assert.equal(result.status, 403);
    assert.equal(result.json?.error?.code, 'forbidden_origin');
  });
});

describe('POST /api/views: what is not counted', () => {
  test('crawlers, prefetches and editors in draft mode get 204 and count nothing', async () => {
    const before = await countOf(slugs.published);
    for (const options of [
      { agent: 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)' },
      { agent: 'curl/8.5.0' },
      { headers: { 'sec-purpose': 'prefetch' } },
      { draft: true },
    ]) {
      assert.equal((await beacon(slugs.published, options)).status, 204, JSON.stringify(options));
    }
    assert.equal(await countOf(slugs.published), before);
  });

  test('the same reader reloading counts once; another browser at the same address counts', async () => {
    const before = await countOf(slugs.published);
    for (let i = 0; i < 5; i++) await beacon(slugs.published, { peer: '203.0.113.50' });
    await beacon(slugs.published, { peer: '203.0.113.50', agent: chrome.replace('130', '131') });
    assert.equal(await countOf(slugs.published), before + 2);
  });
});

describe('the daily salt', () => {
  test('a new day brings a new salt: the same reader gets another key, and yesterday’s salt is deleted', async () => {
    const { recordBeacon, getViewRecorder } = await service();
    const reader = { address: '192.0.2.77', userAgent: chrome, notCounted: undefined };
    const day1 = Date.UTC(2030, 0, 1, 12);
    const day2 = Date.UTC(2030, 0, 2, 12);
    assert.deepEqual(await recordBeacon({ article: slugs.otherPublished }, { ...reader, now: day1 }), { ok: true, counted: true });
    assert.deepEqual(await recordBeacon({ article: slugs.otherPublished }, { ...reader, now: day2 }), { ok: true, counted: true });
    await getViewRecorder().flush();
    const db = new Database(path.join(site.dataDir, 'views.db'), { readonly: true });
    try {
      const keys = db.prepare('SELECT reader FROM view_readers WHERE at IN (?, ?) ORDER BY at').all(day1, day2) as { reader: string }[];
      assert.equal(keys.length, 2);
      assert.notEqual(keys[0]!.reader, keys[1]!.reader);
      assert.ok(!keys.some((k) => k.reader.includes('192.0.2.77')));
      const salts = db.prepare('SELECT day FROM view_salts ORDER BY day').all() as { day: string }[];
      assert.deepEqual(salts, [{ day: '2030-01-02' }]);
    } finally {
      db.close();
    }
  });
});
