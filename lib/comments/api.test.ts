/**
 * POST and GET /api/comments through lib/comments/api.ts, on a temporary
 * CONTENT_DIR and DATA_DIR: limits, request format, articles, replies,
 * honeypot, links, origin, error shape and rate limits.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { closeStoreSingleton, commentRequest, releaseContent, siteUrl, slugs, setupTempSite } from '@/testing/fixtures/comments/site';
import { expectError, findListed, get, listAll, listPage, newPeer, post, postRaw, shapeProblems } from '@/testing/fixtures/comments/api';
import { processSingleton, releaseSingleton } from '@/server/runtime.mjs';

// Before lib/comments/api.ts (and through it service.ts and lib/content) is first imported.
const site = setupTempSite('khabar-http-');
after(async () => {
  closeStoreSingleton();
  await releaseContent();
  site.cleanup();
});

const service = () => import('@/lib/comments/service');
const store = async () => (await service()).getCommentStore();

let bodies = 0;
const freshBody = (prefix = 'تعليق رقم') => `${prefix} ${++bodies}: شكرًا على هذا الخبر.`;
const valid = (fields: Record<string, unknown> = {}) => ({ article: slugs.published, name: 'ليلى حداد', body: freshBody(), ...fields });

async function expectPosted(payload: Record<string, unknown>, options = {}) {
  const result = await post(payload, options);
  assert.equal(result.status, 201, result.text);
  assert.equal(result.json.held, false);
  assert.equal(result.published, payload.article);
  return result.json.comment!;
}

async function expectHeld(payload: Record<string, unknown>, options = {}) {
  const result = await post(payload, options);
  assert.equal(result.status, 202, result.text);
  assert.equal(result.json.held, true);
  assert.equal(result.published, undefined, 'a held comment changes no page');
  return result.json.comment!;
}

describe('POST: field limits (code points after trim and NFC)', () => {
  test('name of 1 / 2 / 80 / 81 letters', async () => {
    for (const [n, ok] of [[1, false], [2, true], [80, true], [81, false]] as const) {
      const name = 'س'.repeat(n);
      const result = await post(valid({ name }));
      if (ok) {
        assert.equal(result.status, 201, `${n}: ${result.text}`);
        assert.equal(result.json.comment!.name, name);
        assert.equal((await findListed(slugs.published, result.json.comment!.id))?.name, name);
      } else {
        expectError(result, 400, 'validation_failed');
        assert.deepEqual(Object.keys(result.json.error!.fields!), ['name'], `${n}`);
      }
    }
  });

  test('body of 2 / 3 / 2000 / 2001 letters', async () => {
    for (const [n, ok] of [[2, false], [3, true], [2000, true], [2001, false]] as const) {
      const body = 'ت'.repeat(n);
      const result = await post(valid({ body }));
      if (ok) {
        assert.equal(result.status, 201, `${n}: ${result.text}`);
        assert.equal(result.json.comment!.body, body);
      } else {
        expectError(result, 400, 'validation_failed');
        assert.deepEqual(Object.keys(result.json.error!.fields!), ['body'], `${n}`);
      }
    }
  });

  test('surrounding white space does not count; inner runs in a name fold to one space', async () => {
    expectError(await post(valid({ name: '   س  \n ' })), 400, 'validation_failed');
    expectError(await post(valid({ body: ' \n\t ab \n ' })), 400, 'validation_failed');
    const comment = await expectPosted(valid({ name: '  ليلى \n\t  حداد  ', body: '\n\n  تعليق  \n\n\n\nجديد  \n' }));
    assert.equal(comment.name, 'ليلى حداد');
    assert.equal(comment.body, 'تعليق  \n\nجديد');
  });

  test('an emoji counts as one', async () => {
    expectError(await post(valid({ name: '😀' })), 400, 'validation_failed');
    assert.equal((await expectPosted(valid({ name: '😀😀' }))).name, '😀😀');
    expectError(await post(valid({ body: '👍👍' })), 400, 'validation_failed');
    await expectPosted(valid({ body: '👍👍👍' }));
    assert.equal((await expectPosted(valid({ body: '🌙'.repeat(2000) }))).body, '🌙'.repeat(2000));
    expectError(await post(valid({ body: '🌙'.repeat(2001) })), 400, 'validation_failed');
    await expectPosted(valid({ name: '🌙'.repeat(80) }));
    expectError(await post(valid({ name: '🌙'.repeat(81) })), 400, 'validation_failed');
  });

  test('an Arabic name with combining marks is counted (and stored) after NFC', async () => {
    // ALEF + HAMZA ABOVE (2 code points) is «أ» (1) in NFC.
    expectError(await post(valid({ name: 'ا\u0654' })), 400, 'validation_failed');
    assert.equal((await expectPosted(valid({ name: 'ا\u0654ب' }))).name, 'أب');
    assert.equal((await expectPosted(valid({ name: 'ا\u0654'.repeat(80) }))).name, 'أ'.repeat(80));
    expectError(await post(valid({ name: 'ا\u0654'.repeat(81) })), 400, 'validation_failed');
    expectError(await post(valid({ body: 'ا\u0654ب' })), 400, 'validation_failed');
    assert.equal((await expectPosted(valid({ body: 'ا\u0654بت' }))).body, 'أبت');
  });

  test('both fields wrong: both reported, in Arabic', async () => {
    const result = await post(valid({ name: 'س', body: '' }));
    expectError(result, 400, 'validation_failed');
    assert.deepEqual(Object.keys(result.json.error!.fields!).sort(), ['body', 'name']);
  });

  // BUG: a lone surrogate (legal in JSON as "\ud800") passes normalizeComment;
  // the 201 response echoes it, while SQLite stores U+FFFD U+FFFD U+FFFD: what
  // readers see differs from what the author was told was published.
  test('a lone surrogate in the body: what GET shows is what the 201 response said', async () => {
    const body = 'تعليق \ud800 مهم';
    const raw = JSON.stringify(valid({ body }));
    assert.ok(raw.includes('\\ud800'));
    const result = await postRaw(commentRequest(undefined, { peer: newPeer(), raw }));
    assert.equal(result.status, 201, result.text);
    const listed = await findListed(slugs.published, result.json.comment!.id);
    assert.equal(listed?.body, result.json.comment!.body);
  });
});

describe('POST: request format', () => {
  test('a body over 16 KiB → 413, whatever the Content-Length says', async () => {
    const big = JSON.stringify(valid({ body: 'x'.repeat(17_000) }));
    // A string body: no Content-Length header at all.
    expectError(await post(undefined, { raw: big }), 413, 'payload_too_large');
    // A declared length over the limit is refused before reading.
    expectError(await post(undefined, { raw: JSON.stringify(valid()), headers: { 'content-length': '999999' } }), 413, 'payload_too_large');
    // A stream with a lying Content-Length, and one with none.
    const stream = () => {
      const chunk = new TextEncoder().encode(' '.repeat(4096));
      let sent = 0;
      return new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent++ < 5) controller.enqueue(chunk);
          else controller.close();
        },
      });
    };
    expectError(await post(undefined, { raw: stream(), headers: { 'content-length': '100' } }), 413, 'payload_too_large');
    expectError(await post(undefined, { raw: stream() }), 413, 'payload_too_large');
  });

  test('the limit is 16,384 bytes, counted in bytes not characters', async () => {
    const padded = (bytes: number) => {
      const text = JSON.stringify(valid());
      return text + ' '.repeat(bytes - Buffer.byteLength(text));
    };
    assert.equal((await post(undefined, { raw: padded(16_384) })).status, 201);
    expectError(await post(undefined, { raw: padded(16_385) }), 413, 'payload_too_large');
    // 8,200 Arabic letters: fewer than 16,384 characters, more than 16,384 bytes.
    expectError(await post(undefined, { raw: JSON.stringify(valid({ padding: 'ب'.repeat(8_200) })) }), 413, 'payload_too_large');
  });

  test('a streamed body within the limit, split inside a UTF-8 sequence, is read intact', async () => {
    const payload = valid({ name: 'عمر الخالدي', body: 'تعليق مقسوم على عدة أجزاء 🌙' });
    const bytes = new TextEncoder().encode(JSON.stringify(payload));
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 7) controller.enqueue(bytes.slice(i, i + 7));
        controller.close();
      },
    });
    const result = await post(undefined, { raw: stream });
    assert.equal(result.status, 201, result.text);
    assert.equal(result.json.comment!.name, payload.name);
    assert.equal(result.json.comment!.body, payload.body);
  });

  test('anything but application/json → 415', async () => {
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonp', null]) {
      expectError(await post(valid(), { contentType }), 415, 'unsupported_media_type');
    }
    await expectPosted(valid(), { contentType: 'application/json; charset=utf-8' });
    await expectPosted(valid(), { contentType: 'Application/JSON' });
  });

  test('malformed JSON → 400 malformed_json', async () => {
    for (const raw of ['{"article":', '', "{'article': 'x'}", 'undefined', 'NaN', '{"a":1}}', '\uFEFF{']) {
      expectError(await post(undefined, { raw }), 400, 'malformed_json');
    }
  });

  test('wrong types → 400 invalid_request', async () => {
    const cases: unknown[] = [
      null,
      [],
      'تعليق',
      42,
      true,
      {},
      valid({ article: 42 }),
      valid({ article: null }),
      valid({ name: ['ليلى'] }),
      valid({ name: 7 }),
      valid({ body: null }),
      valid({ body: { text: 'تعليق' } }),
      valid({ parentId: '5' }),
      valid({ parentId: -1 }),
      valid({ parentId: 0 }),
      valid({ parentId: 1.5 }),
      valid({ parentId: true }),
      valid({ parentId: 2 ** 53 }),
      valid({ website: 5 }),
      { name: 'ليلى', body: 'تعليق مفيد' },
    ];
    for (const payload of cases) expectError(await post(payload), 400, 'invalid_request');
  });

  test('unknown fields are ignored; parentId null is a top-level comment', async () => {
    const comment = await expectPosted(valid({ parentId: null, extra: { nested: [1, 2] }, status: 'approved' }));
    assert.equal(comment.parentId, null);
    assert.deepEqual(Object.keys(comment).sort(), ['body', 'createdAt', 'id', 'name', 'parentId']);
  });
});

describe('articles', () => {
  test('unknown, draft and scheduled articles → 404 on POST and GET', async () => {
    for (const article of ['no-such-article', slugs.draft, slugs.scheduled, '../content/authors', '']) {
      const result = await post(valid({ article }));
      expectError(result, 404, 'article_not_found');
      if (article) expectError(await get({ article }), 404, 'article_not_found');
    }
  });

  test('GET: bad parameters → 400 with the error shape', async () => {
    expectError(await get({}), 400, 'invalid_request');
    for (const page of ['0', '-1', 'abc', '1.5', '1e3', '1234567']) {
      expectError(await get({ article: slugs.published, page }), 400, 'invalid_request');
    }
    expectError(await get({ article: slugs.published, sort: 'random' }), 400, 'invalid_request');
  });

  test('GET: the page shape; a page past the end is empty', async () => {
    const data = await listPage(slugs.published);
    assert.deepEqual(Object.keys(data).sort(), ['comments', 'hasMore', 'page', 'threads', 'total']);
    assert.equal(data.page, 1);
    const far = await listPage(slugs.published, 999);
    assert.deepEqual(far.comments, []);
    assert.equal(far.hasMore, false);
  });
});

describe('replies', () => {
  test('a reply to an approved top-level comment → 201, listed under its parent', async () => {
    const parent = await expectPosted(valid());
    const reply = await expectPosted(valid({ parentId: parent.id, body: 'رد على التعليق' }));
    assert.equal(reply.parentId, parent.id);
    const threads = await listAll(slugs.published);
    const thread = threads.find((t) => t.id === parent.id);
    assert.ok(thread);
    assert.deepEqual(thread.replies?.map((r) => r.id), [reply.id]);
    assert.deepEqual(thread.replies?.[0], reply);
    assert.equal(threads.some((t) => t.id === reply.id), false, 'not a thread of its own');
  });

  test('invalid parents → 400 invalid_parent', async () => {
    const top = await expectPosted(valid());
    const reply = await expectPosted(valid({ parentId: top.id }));
    const elsewhere = await expectPosted(valid({ article: slugs.otherPublished }));
    const pending = await expectHeld(valid({ body: 'انظر http://a.example و https://b.example' }));
    const spam = await expectHeld(valid({ website: 'http://spam.example' }));
    for (const [why, parentId] of [
      ['a reply (two levels)', reply.id],
      ["another article's comment", elsewhere.id],
      ['a pending comment', pending.id],
      ['a spam comment', spam.id],
      ['a comment that does not exist', 987_654],
    ] as const) {
      const result = await post(valid({ parentId }));
      assert.equal(result.status, 400, `${why}: ${result.text}`);
      assert.equal(result.json.error?.code, 'invalid_parent', why);
    }
    // Once a moderator approves the held comment, it can be answered.
    assert.equal(await (await store()).setStatus(pending.id, 'approved'), true);
    await expectPosted(valid({ parentId: pending.id }));
  });
});

describe('honeypot and links', () => {
  test('the website honeypot filled → 202, stored as spam, never listed', async () => {
    const before = await listPage(slugs.published);
    const comment = await expectHeld(valid({ website: 'http://cheap-pills.example' }));
    const spam = await (await store()).listByStatus('spam', 1000);
    const stored = spam.find((c) => c.id === comment.id);
    assert.ok(stored, 'in listByStatus("spam")');
    assert.equal(stored.body, comment.body);
    assert.equal(await findListed(slugs.published, comment.id), undefined);
    assert.equal((await listPage(slugs.published)).total, before.total);
  });

  test('a blank website field is not the honeypot', async () => {
    await expectPosted(valid({ website: '' }));
    await expectPosted(valid({ website: '   ' }));
  });

  test('two or more links → 202, pending, not listed', async () => {
    for (const body of [
      'انظر http://a.example و https://b.example',
      'www.a.example ثم www.b.example',
      'المصدر: https://a.example/x، والتفاصيل: www.b.example؟',
      'http://a.example http://b.example http://c.example',
    ]) {
      const comment = await expectHeld(valid({ body }));
      const pending = await (await store()).listByStatus('pending', 1000);
      assert.ok(pending.some((c) => c.id === comment.id && c.body === body), body);
      assert.equal(await findListed(slugs.published, comment.id), undefined, body);
    }
  });

  test('zero or one link → 201, listed', async () => {
    for (const body of ['لا روابط في هذا التعليق', 'المصدر: https://a.example/report، اقرأه', 'www.a.example فيه التفاصيل']) {
      const comment = await expectPosted(valid({ body }));
      assert.equal((await findListed(slugs.published, comment.id))?.body, body);
    }
  });
});

describe('origin', () => {
  test('a foreign Origin → 403 and nothing is stored', async () => {
    const before = (await (await store()).listByStatus('approved', 100_000)).length;
    for (const origin of ['https://evil.example', 'null', `${siteUrl}.evil.example`, 'http://khabar.example']) {
      expectError(await post(valid(), { origin }), 403, 'forbidden_origin');
    }
    expectError(await post(valid(), { origin: 'http://localhost:3000', headers: { host: 'localhost:3001' } }), 403, 'forbidden_origin');
    assert.equal((await (await store()).listByStatus('approved', 100_000)).length, before);
  });

  test('same origin: SITE_URL, the Host header (and X-Forwarded-*), or no Origin at all', async () => {
    await expectPosted(valid(), { origin: siteUrl });
    await expectPosted(valid(), { origin: 'http://localhost:3000', headers: { host: 'localhost:3000' } });
    await expectPosted(valid(), {
      origin: 'https://news.example',
      headers: { host: '127.0.0.1:3000', 'x-forwarded-host': 'news.example', 'x-forwarded-proto': 'https' },
    });
    await expectPosted(valid());
  });
});

describe('rate limits through the API (mocked clock)', () => {
  test('15 s between posts, 5 per 10 minutes, duplicates, and the counters survive a reopen', async (t) => {
    const base = Math.floor(Date.now() / 1000) * 1000;
    t.mock.timers.enable({ apis: ['Date'], now: base });
    const peer = newPeer('rate');
    const at = async (offset: number, payload: Record<string, unknown>) => {
      t.mock.timers.setTime(base + offset);
      return post(payload, { peer });
    };
    const retryAfter = (r: { headers: Headers }) => Number(r.headers.get('retry-after'));
    const first = valid();

    assert.equal((await at(0, first)).status, 201);
    let r = await at(1_000, valid());
    expectError(r, 429, 'rate_limited');
    assert.equal(retryAfter(r), 14);
    assert.match(r.json.error!.message, /14/);
    r = await at(14_999, valid());
    expectError(r, 429, 'rate_limited');
    assert.equal(retryAfter(r), 1);
    assert.equal((await at(15_000, valid())).status, 201, 'exactly 15 s later');

    // The same body again, from the same reader, 15 s on: a duplicate.
    expectError(await at(30_000, { ...first }), 409, 'duplicate');
    // The same body from someone else is fine.
    assert.equal((await post({ ...first })).status, 201);

    for (const offset of [45_000, 60_000, 75_000]) assert.equal((await at(offset, valid())).status, 201, `post at +${offset / 1000} s`);
    // Five posts in the window (0, 15, 45, 60, 75 s): the sixth waits until the one at 0 s leaves it.
    r = await at(90_000, valid());
    expectError(r, 429, 'rate_limited');
    assert.equal(retryAfter(r), 510);
    r = await at(599_999, valid());
    expectError(r, 429, 'rate_limited');
    assert.equal(retryAfter(r), 1);
    assert.equal((await at(600_000, valid())).status, 201, 'the oldest post has left the window');

    // Counters live in the database: close the store, reopen, the limit still holds.
    closeStoreSingleton();
    r = await at(601_000, valid());
    expectError(r, 429, 'rate_limited');
    assert.equal(retryAfter(r), 14);
    // And the duplicate window: the first body is 10 minutes old now.
    assert.equal((await at(615_000, { ...first })).status, 201, 'a duplicate after the 10-minute window is accepted');
  });

  test('a response with Retry-After has it in whole seconds, 1 to 15 for the 15-second rule', async (t) => {
    const base = Math.floor(Date.now() / 1000) * 1000 + 3_600_000;
    t.mock.timers.enable({ apis: ['Date'], now: base });
    for (const gap of [1, 999, 1_000, 1_001, 7_500, 14_000, 14_999]) {
      const peer = newPeer('retry');
      t.mock.timers.setTime(base);
      assert.equal((await post(valid(), { peer })).status, 201);
      t.mock.timers.setTime(base + gap);
      const r = await post(valid(), { peer });
      expectError(r, 429, 'rate_limited');
      const retry = r.headers.get('retry-after')!;
      assert.match(retry, /^\d+$/);
      assert.ok(Number(retry) >= 1 && Number(retry) <= 15, `${gap} ms → ${retry}`);
      assert.equal(Number(retry), Math.ceil((15_000 - gap) / 1000), `${gap} ms`);
    }
  });
});

describe('storage failures', () => {
  test('a disk that cannot take the write → 503 storage_unavailable (POST) and for reading (GET), shaped like every error', async (t) => {
    const { getCommentStore } = await service();
    const real = getCommentStore();
    const failing = (code: string) => async () => {
      throw Object.assign(new Error(`simulated ${code}`), { code });
    };
    const swap = (store: typeof real) => {
      releaseSingleton('comments');
      processSingleton('comments', () => store);
    };
    swap({ ...real, post: failing('SQLITE_FULL'), listApproved: failing('SQLITE_IOERR_READ') });
    const logged = t.mock.method(console, 'error', () => {});
    try {
      const write = await postRaw(commentRequest(valid(), { peer: newPeer() }));
      assert.equal(write.status, 503, write.text);
      assert.equal(write.json.error?.code, 'storage_unavailable');
      assert.deepEqual(shapeProblems(write).filter((p) => p !== 'status 503'), []);
      assert.equal(write.published, undefined);
      // get() refuses any 5xx, so the GET is made directly.
      const { getCommentsResponse } = await import('@/lib/comments/api');
      const response = await getCommentsResponse(new Request(`${siteUrl}/api/comments?article=${slugs.published}`));
      assert.equal(response.status, 503);
      assert.equal(response.headers.get('cache-control'), 'no-store');
      const body = (await response.json()) as { error: { code: string; message: string } };
      assert.deepEqual(Object.keys(body), ['error']);
      assert.equal(body.error.code, 'storage_unavailable');
      assert.match(body.error.message, /[\u0621-\u064A]/);
      assert.ok(logged.mock.callCount() >= 1, 'the failure is logged for the operator');
    } finally {
      swap(real);
    }
  });
});

describe('every response', () => {
  test('errors: exactly { error: { code, message[, fields] } }, Arabic message, no-store', async () => {
    // post() and get() check this on every call; here the checker itself is checked.
    const good = await postRaw(commentRequest(valid(), { peer: newPeer() }));
    assert.deepEqual(shapeProblems(good), []);
    assert.equal(good.headers.get('cache-control'), 'no-store');
    const bad = shapeProblems({
      status: 400,
      json: { error: { code: 'x', message: 'English only' }, extra: 1 } as never,
      headers: new Headers({ 'content-type': 'application/json', 'cache-control': 'no-store' }),
      text: '',
    });
    assert.equal(bad.length, 2, bad.join('; '));
  });
});
