/**
 * Review links end to end below HTTP: creating, checking, revoking and the audit trail, against a
 * temporary content folder and a SQLite store in a temporary DATA_DIR.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { releaseContent, setupTempSite, slugs } from '@/testing/fixtures/comments/site';
import type { ReviewStore } from '@/lib/review/store';
import { releaseSingleton } from '@/server/runtime.mjs';

// Before lib/settings.mjs is first read (through lib/review/links).
const site = setupTempSite('khabar-review-');
const secret = 'review-secret-for-unit-tests';
process.env.REVIEW_SECRET = secret;

let links: typeof import('@/lib/review/links');
let signReviewToken: typeof import('@/lib/review/token').signReviewToken;
let editor: string;

const logged: string[] = [];
const originalLog = console.log;
before(async () => {
  links = await import('@/lib/review/links');
  ({ signReviewToken } = await import('@/lib/review/token'));
  editor = links.editorTag('session-hash-of-an-editor');
  console.log = (line: unknown) => void logged.push(String(line));
});
after(async () => {
  console.log = originalLog;
  await releaseSingleton<ReviewStore>('review-links')?.close();
  await releaseContent();
  site.cleanup();
});


async function created(slug: string = slugs.draft, duration = '24h') {
  const result = await links.createReviewLink(slug, duration, editor);
  assert.ok(!('error' in result), JSON.stringify(result));
  return result;
}

describe('review links', () => {
  test('a link opens its draft or scheduled article; a published article, an unknown one or a bad duration gets none', async () => {
    const draft = await created();
    const access = await links.checkReviewToken(draft.token);
    assert.equal(access.state, 'ok');
    assert.equal(access.state === 'ok' && access.article.slug, slugs.draft);
    assert.equal((await links.checkReviewToken((await created(slugs.scheduled, '1h')).token)).state, 'ok');
    assert.deepEqual(await links.createReviewLink(slugs.published, '24h', editor), { error: 'not-unpublished' });
    assert.deepEqual(await links.createReviewLink('no-such-article', '24h', editor), { error: 'not-unpublished' });
    assert.deepEqual(await links.createReviewLink(slugs.draft, '30d', editor), { error: 'bad-duration' });
  });

  test('expired → gone; revoked → gone; tampered, forged or unknown to the store → unknown', async () => {
    const { token, link } = await created();
    assert.deepEqual(await links.checkReviewToken(token, link.expiresAt), { state: 'gone', reason: 'expired' });
    const [payload] = token.split('.') as [string];
    assert.deepEqual(await links.checkReviewToken(`${payload}.${'A'.repeat(43)}`), { state: 'unknown' });
    const otherSecret = signReviewToken({ id: link.id, article: link.article, expiresAt: link.expiresAt }, 'some-other-secret-entirely');
    assert.deepEqual(await links.checkReviewToken(otherSecret), { state: 'unknown' });
    // Correctly signed (the secret leaked, say) but for a link the store never issued.
    const neverIssued = signReviewToken({ id: 'ZZZZZZZZZZZZZZZZZZZZZZ', article: slugs.draft, expiresAt: link.expiresAt }, secret);
    assert.deepEqual(await links.checkReviewToken(neverIssued), { state: 'unknown' });
    // A real link's id moved onto another article.
    const moved = signReviewToken({ id: link.id, article: slugs.scheduled, expiresAt: link.expiresAt }, secret);
    assert.deepEqual(await links.checkReviewToken(moved), { state: 'unknown' });

    assert.equal(await links.revokeReviewLink(link.id, editor), true);
    assert.equal(await links.revokeReviewLink(link.id, editor), false, 'revoked once only');
    assert.deepEqual(await links.checkReviewToken(token), { state: 'gone', reason: 'revoked' });
  });

  test('revoking an article’s links ends them all and leaves other articles’ links alive', async () => {
    const a = await created();
    const b = await created();
    const other = await created(slugs.scheduled);
    const live = (await links.deskReview()).live.filter((l) => l.article === slugs.draft).map((l) => l.id);
    assert.ok(live.includes(a.link.id) && live.includes(b.link.id));
    assert.equal(await links.revokeArticleLinks(slugs.draft, editor), live.length);
    for (const { token } of [a, b]) assert.equal((await links.checkReviewToken(token)).state, 'gone');
    assert.equal((await links.checkReviewToken(other.token)).state, 'ok');
    const desk = await links.deskReview();
    assert.ok(desk.enabled);
    assert.deepEqual(desk.live.filter((l) => l.article === slugs.draft), []);
    assert.ok(desk.live.some((l) => l.id === other.link.id));
    // The desk re-signs a stored link: the same address the editor was given.
    assert.equal(links.tokenFor(other.link), other.token);
  });

  test('creation, first opening (once) and revocation are logged as JSON lines and kept, newest first', async () => {
    logged.length = 0;
    const { token, link } = await created();
    const access = await links.checkReviewToken(token);
    assert.equal(access.state, 'ok');
    if (access.state !== 'ok') return;
    await links.noteOpened(access.link);
    // A second request that read the link before the first recorded its opening: still one event.
    await links.noteOpened(access.link);
    const again = await links.checkReviewToken(token);
    assert.ok(again.state === 'ok' && again.link.firstOpenedAt !== null);
    await links.noteOpened(again.link);
    await links.revokeReviewLink(link.id, editor);
    const lines = logged.map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.deepEqual(
      lines.map((l) => [l.msg, l.article, l.link, l.editor]),
      [
        ['review link created', slugs.draft, link.id, editor],
        ['review link opened', slugs.draft, link.id, editor],
        ['review link revoked', slugs.draft, link.id, editor],
      ],
    );
    for (const line of lines) assert.ok(!Number.isNaN(Date.parse(String(line.time))));
    const { events } = await links.deskReview();
    assert.deepEqual(events.slice(0, 3).map((e) => [e.type, e.linkId]), [
      ['revoked', link.id],
      ['opened', link.id],
      ['created', link.id],
    ]);
    assert.ok(events.length <= links.recentEventCount);
  });
});
