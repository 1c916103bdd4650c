/**
 * The ViewStore contract, run against every engine: lib/views/sqlite-store.test.ts
 * and pg-store.test.ts call describeViewStore() with a harness for their engine.
 * Migrations, hourly buckets, the dedup window across batches and processes,
 * compaction, daily salts, 8 writer processes at once and a writer SIGKILLed.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { PendingView, ViewStore } from '@/lib/views/store';
import { dayMs, hourMs } from '@/lib/views/store';
import { spawnFixture } from '@/testing/fixtures/comments/spawn';
import { viewArticles } from '@/testing/fixtures/views/writer';

export type ViewStoreHarness = {
  /** A new, empty place for a store: a SQLite file path or a PostgreSQL URL. */
  fresh(): Promise<string>;
  open(location: string): Promise<ViewStore>;
  migrationCount: number;
  schemaVersion(location: string): Promise<number>;
  /** Every views table with its columns in order. */
  tables(location: string): Promise<Record<string, string[]>>;
  /** Makes a fresh location look as if newer code had migrated it to `version`. */
  markNewer(location: string, version: number): Promise<void>;
};

const base = Date.UTC(2026, 10, 20, 9, 0, 0);
const view = (article: string, reader: string, at: number): PendingView => ({ article, reader, at });

async function withStore<T>(harness: ViewStoreHarness, location: string, work: (store: ViewStore) => Promise<T>): Promise<T> {
  const store = await harness.open(location);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

export function describeViewStore(name: string, harness: ViewStoreHarness): void {
  const withFresh = async <T>(work: (store: ViewStore) => Promise<T>) => withStore(harness, await harness.fresh(), work);

  describe(`${name} views: migrations`, () => {
    test('a fresh location ends at the newest version with its tables; opening again keeps the counts', async () => {
      const location = await harness.fresh();
      await withStore(harness, location, (store) => store.record([view('a', 'r1', base)], hourMs));
      assert.equal(await harness.schemaVersion(location), harness.migrationCount);
      assert.deepEqual(await harness.tables(location), {
        view_days: ['article', 'day', 'views'],
        view_hours: ['article', 'hour', 'views'],
        view_readers: ['reader', 'article', 'at'],
        view_salts: ['day', 'value'],
      });
      await withStore(harness, location, async (store) => assert.deepEqual(await store.totals(), [{ article: 'a', views: 1 }]));
      assert.equal(await harness.schemaVersion(location), harness.migrationCount);
    });

    test('a location migrated by newer code is refused with a clear error', async () => {
      const location = await harness.fresh();
      await harness.markNewer(location, harness.migrationCount + 3);
      await assert.rejects(harness.open(location), new RegExp(`version ${harness.migrationCount + 3}, newer than this code`));
    });
  });

  describe(`${name} views: counting`, () => {
    test('views go to hourly buckets per article; top ranks by views, equal counts by slug', async () => {
      await withFresh(async (store) => {
        const counted = await store.record(
          [view('b', 'r1', base), view('b', 'r2', base + 10), view('a', 'r1', base + hourMs + 5), view('c', 'r3', base + 2 * hourMs), view('a', 'r4', base + 2 * hourMs + 1)],
          hourMs,
        );
        assert.equal(counted, 5);
        assert.deepEqual(await store.top(base, 10), [
          { article: 'a', views: 2 },
          { article: 'b', views: 2 },
          { article: 'c', views: 1 },
        ]);
        assert.deepEqual(await store.top(base + hourMs, 10), [
          { article: 'a', views: 2 },
          { article: 'c', views: 1 },
        ]);
        assert.deepEqual(await store.top(base, 1), [{ article: 'a', views: 2 }]);
        assert.deepEqual(await store.hourly(base), [
          { hour: base, views: 2 },
          { hour: base + hourMs, views: 1 },
          { hour: base + 2 * hourMs, views: 2 },
        ]);
      });
    });

    test('one reader counts once per article per hour: within a batch, across batches, late arrivals too', async () => {
      await withFresh(async (store) => {
        assert.equal(await store.record([view('a', 'r', base), view('a', 'r', base + 1_000), view('b', 'r', base + 2_000)], hourMs), 2);
        assert.equal(await store.record([view('a', 'r', base + hourMs - 1)], hourMs), 0, 'a minute short of the hour');
        // A batch from a slower process arriving after a later view was counted.
        assert.equal(await store.record([view('b', 'r', base + 1_500)], hourMs), 0, 'an earlier view arriving late');
        assert.equal(await store.record([view('a', 'r', base + hourMs), view('a', 'r', base + hourMs + 5)], hourMs), 1, 'the next hour counts again, once');
        assert.equal(await store.record([view('a', 'other', base + 10)], hourMs), 1, 'another reader');
        assert.deepEqual(await store.totals(), [
          { article: 'a', views: 3 },
          { article: 'b', views: 1 },
        ]);
      });
    });

    test('forgotten readers (older than the window) count again; recent ones do not', async () => {
      await withFresh(async (store) => {
        await store.record([view('a', 'old', base), view('a', 'recent', base + 2 * hourMs)], hourMs);
        assert.equal(await store.forgetReaders(base + hourMs), 1);
        assert.equal(await store.record([view('a', 'old', base + 30 * 60_000), view('a', 'recent', base + 2 * hourMs + 60_000)], hourMs), 1);
      });
    });

    test('an empty batch writes nothing', async () => {
      await withFresh(async (store) => {
        assert.equal(await store.record([], hourMs), 0);
        assert.deepEqual(await store.totals(), []);
      });
    });
  });

  describe(`${name} views: compaction`, () => {
    test('hours older than the horizon become daily totals; totals and long rankings are unchanged; twice is harmless', async () => {
      await withFresh(async (store) => {
        const old = base - 100 * dayMs;
        await store.record(
          [view('a', 'r1', old), view('a', 'r2', old + 3 * hourMs), view('b', 'r3', old + dayMs), view('a', 'r4', base), view('b', 'r5', base + 1)],
          hourMs,
        );
        const before = await store.totals();
        assert.equal(await store.compact(base - 90 * dayMs), 3);
        assert.deepEqual(await store.totals(), before);
        assert.deepEqual(await store.hourly(old - dayMs), [{ hour: base, views: 2 }], 'only recent hours stay hourly');
        assert.deepEqual(await store.top(old - dayMs, 10), [
          { article: 'a', views: 3 },
          { article: 'b', views: 2 },
        ]);
        assert.deepEqual(await store.top(base, 10), [
          { article: 'a', views: 1 },
          { article: 'b', views: 1 },
        ]);
        assert.equal(await store.compact(base - 90 * dayMs), 0);
        // A later compaction of the same day adds to its total rather than replacing it.
        await store.record([view('a', 'r6', old + 5 * hourMs)], hourMs);
        assert.equal(await store.compact(base - 90 * dayMs), 1);
        assert.deepEqual(await store.totals(), [
          { article: 'a', views: 4 },
          { article: 'b', views: 2 },
        ]);
      });
    });
  });

  describe(`${name} views: daily salts`, () => {
    test('one salt per day, the same for every instance; a new day deletes the old salt', async () => {
      const location = await harness.fresh();
      const first = await withStore(harness, location, (store) => store.dailySalt('2026-11-20', () => 'salt-20'));
      const again = await withStore(harness, location, (store) => store.dailySalt('2026-11-20', () => 'another'));
      assert.equal(first, 'salt-20');
      assert.equal(again, 'salt-20', 'a second instance gets the same salt');
      await withStore(harness, location, async (store) => {
        assert.equal(await store.dailySalt('2026-11-21', () => 'salt-21'), 'salt-21');
      });
      await withStore(harness, location, async (store) => {
        assert.equal(await store.dailySalt('2026-11-20', () => 'regenerated'), 'regenerated', 'yesterday’s salt is gone for good');
      });
    });
  });

  describe(`${name} views: several processes`, () => {
    test('8 writer processes × 500 views through the recorder: exact totals, shared readers counted once', { timeout: 120_000 }, async () => {
      const location = await harness.fresh();
      await withStore(harness, location, async () => {});
      const writers = 8;
      const each = 500;
      const shared = 40;
      const children = Array.from({ length: writers }, (_, w) => spawnFixture('../views/writer.ts', [location, String(w), String(each), String(shared)]));
      await Promise.all(children.map((c) => c.line(/^ready$/)));
      for (const c of children) c.process.stdin.end('go\n');
      const results = await Promise.all(children.map((c) => c.done));
      assert.deepEqual(
        results.filter((r) => r.code !== 0).map((r) => r.stderr.slice(0, 800)),
        [],
        'writers failed',
      );
      const totals = await withStore(harness, location, (store) => store.totals());
      const perArticle = (writers * each) / viewArticles.length;
      assert.deepEqual(totals, [
        ...viewArticles.map((article) => ({ article, views: perArticle })),
        { article: 'shared-article', views: shared },
      ].sort((a, b) => (a.article < b.article ? -1 : 1)));
    });

    test('a writer SIGKILLed mid-burst: every view reported written is in the store, nothing counted twice', { timeout: 60_000 }, async () => {
      const location = await harness.fresh();
      await withStore(harness, location, async () => {});
      const child = spawnFixture('../views/writer.ts', [location, '0', 'endless']);
      await child.line(/^ready$/);
      child.process.stdin.end('go\n');
      let written = 0;
      child.onLine((line) => {
        const n = /^written (\d+)$/.exec(line)?.[1];
        if (n) written = Math.max(written, Number(n));
      });
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      child.process.kill('SIGKILL');
      const exit = await child.done;
      assert.equal(exit.signal, 'SIGKILL');
      const stored = (await withStore(harness, location, (store) => store.totals())).reduce((sum, t) => sum + t.views, 0);
      assert.ok(written > 0, 'the writer reported writes before it was killed');
      assert.ok(stored >= written, `${stored} stored, ${written} reported written`);
    });
  });
}
