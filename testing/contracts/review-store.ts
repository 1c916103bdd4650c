/**
 * The ReviewStore contract, run against every engine: lib/review/sqlite-store.test.ts and
 * lib/review/pg-store.test.ts call describeReviewStore() with a harness for their engine.
 * Migrations, every operation the desk and the review page use, and two instances (two
 * stores on one location) seeing each other's revocations at once.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { NewReviewLink, ReviewStore } from '@/lib/review/store';

export type ReviewStoreHarness = {
  /** A new, empty place for a store: a SQLite file path or a PostgreSQL URL. */
  fresh(): Promise<string>;
  open(location: string): Promise<ReviewStore>;
  migrationCount: number;
  schemaVersion(location: string): Promise<number>;
  /** Makes a fresh location look as if newer code had migrated it to `version`. */
  markNewer(location: string, version: number): Promise<void>;
};

const t0 = Date.UTC(2026, 10, 1, 9);
const hour = 3_600_000;

let ids = 0;
function link(fields: Partial<NewReviewLink> = {}): NewReviewLink {
  return { id: `link-${String(++ids).padStart(12, '0')}`, article: 'draft-summit-analysis', createdAt: t0, expiresAt: t0 + 24 * hour, createdBy: 'editor-a', ...fields };
}

async function withStore<T>(harness: ReviewStoreHarness, location: string, work: (store: ReviewStore) => Promise<T>): Promise<T> {
  const store = await harness.open(location);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

export function describeReviewStore(name: string, harness: ReviewStoreHarness): void {
  describe(`${name} review store: migrations`, () => {
    test('a fresh location ends at the newest version, and opening it again keeps the links', async () => {
      const location = await harness.fresh();
      const first = link();
      await withStore(harness, location, (store) => store.createLink(first));
      assert.ok(harness.migrationCount >= 1);
      assert.equal(await harness.schemaVersion(location), harness.migrationCount);
      await withStore(harness, location, async (store) => {
        assert.deepEqual(await store.findLink(first.id), { ...first, revokedAt: null, firstOpenedAt: null });
      });
      assert.equal(await harness.schemaVersion(location), harness.migrationCount);
    });

    test('a location migrated by newer code is refused with a clear error', async () => {
      const location = await harness.fresh();
      const newer = harness.migrationCount + 3;
      await harness.markNewer(location, newer);
      await assert.rejects(harness.open(location), new RegExp(`schema version ${newer}, newer than this code \\(${harness.migrationCount}\\)`));
    });
  });

  describe(`${name} review store: operations`, () => {
    test('a link is found by its id, an unknown id is not, and the first opening is recorded once', async () => {
      await withStore(harness, await harness.fresh(), async (store) => {
        const a = link();
        await store.createLink(a);
        assert.equal(await store.findLink('no-such-link-id-000'), undefined);
        assert.equal(await store.markOpened(a.id, t0 + 5), true, 'first opening');
        assert.equal(await store.markOpened(a.id, t0 + 9), false, 'second opening');
        assert.equal((await store.findLink(a.id))?.firstOpenedAt, t0 + 5);
        assert.equal(await store.markOpened('no-such-link-id-000', t0), false);
      });
    });

    test('live links leave out expired and revoked ones, by article then soonest expiry', async () => {
      await withStore(harness, await harness.fresh(), async (store) => {
        const later = link({ expiresAt: t0 + 7 * 24 * hour });
        const sooner = link({ expiresAt: t0 + hour });
        const expired = link({ expiresAt: t0 - 1 });
        const revoked = link();
        const other = link({ article: 'another-draft' });
        for (const l of [later, sooner, expired, revoked, other]) await store.createLink(l);
        assert.equal(await store.revokeLink(revoked.id, t0 + 1), true);
        assert.equal(await store.revokeLink(revoked.id, t0 + 2), false, 'revoking twice');
        assert.equal(await store.revokeLink('no-such-link-id-000', t0), false);
        assert.equal((await store.findLink(revoked.id))?.revokedAt, t0 + 1, 'the first revocation time is kept');
        const live = await store.liveLinks(t0);
        assert.deepEqual(live.map((l) => l.id), [other.id, sooner.id, later.id]);
        assert.deepEqual(live[1], { ...sooner, revokedAt: null, firstOpenedAt: null });
        // A link is live until the millisecond it expires.
        assert.deepEqual((await store.liveLinks(t0 + hour)).map((l) => l.id), [other.id, later.id]);
      });
    });

    test('revoking an article revokes all its links, and only its own', async () => {
      await withStore(harness, await harness.fresh(), async (store) => {
        const a = link();
        const b = link();
        const already = link();
        const other = link({ article: 'another-draft' });
        for (const l of [a, b, already, other]) await store.createLink(l);
        await store.revokeLink(already.id, t0);
        assert.deepEqual(await store.revokeArticle('draft-summit-analysis', t0 + 10), [a.id, b.id].sort());
        assert.deepEqual(await store.revokeArticle('draft-summit-analysis', t0 + 20), [], 'nothing left to revoke');
        assert.equal((await store.findLink(already.id))?.revokedAt, t0);
        assert.deepEqual((await store.liveLinks(t0)).map((l) => l.id), [other.id]);
      });
    });

    test('events come back newest first, as many as asked', async () => {
      await withStore(harness, await harness.fresh(), async (store) => {
        for (let i = 0; i < 25; i++) {
          await store.recordEvent({ type: (['created', 'opened', 'revoked'] as const)[i % 3]!, article: `a-${i}`, linkId: `link-${i}`, editor: 'e', at: t0 + i });
        }
        // Two events in one millisecond keep the order they were written in.
        await store.recordEvent({ type: 'revoked', article: 'same-ms', linkId: 'x', editor: 'e', at: t0 + 24 });
        const recent = await store.recentEvents(20);
        assert.equal(recent.length, 20);
        assert.deepEqual(recent[0], { type: 'revoked', article: 'same-ms', linkId: 'x', editor: 'e', at: t0 + 24 });
        assert.deepEqual(recent.slice(1, 3).map((e) => e.article), ['a-24', 'a-23']);
        assert.deepEqual(recent.at(-1)?.article, 'a-6');
      });
    });

    test('two instances on one location: a revocation by one is refused by the other at once', async () => {
      const location = await harness.fresh();
      const one = await harness.open(location);
      const two = await harness.open(location);
      try {
        const a = link();
        await one.createLink(a);
        assert.equal((await two.findLink(a.id))?.revokedAt, null);
        await two.revokeLink(a.id, t0 + 1);
        assert.equal((await one.findLink(a.id))?.revokedAt, t0 + 1);
        // Both instances race to record the first opening: exactly one wins.
        const b = link();
        await one.createLink(b);
        const wins = await Promise.all([one.markOpened(b.id, t0 + 2), two.markOpened(b.id, t0 + 3)]);
        assert.equal(wins.filter(Boolean).length, 1);
      } finally {
        await one.close();
        await two.close();
      }
    });
  });
}
