/**
 * The CommentStore contract, run against every engine: sqlite-store.test.ts
 * and pg-store.test.ts call describeStore() with a harness for their engine.
 * Migrations, the operations routes use, 8 writer processes at once, the rate
 * limit decided across processes, and acknowledged comments surviving SIGKILL.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { CommentStore, NewComment } from '@/lib/comments/store';
import { spawnFixture } from '@/testing/fixtures/comments/spawn';
import { durableBody, durableName } from '@/testing/fixtures/comments/durable-writer';
import { sharedClient, sharedLimit } from '@/testing/fixtures/comments/writer';

export type StoreSchema = { tables: Record<string, string[]>; indexes: string[] };

export type StoreHarness = {
  /** A new, empty place for a store: a SQLite file path or a PostgreSQL URL, as the child-process fixtures take it. */
  fresh(): Promise<string>;
  /** Opens (and migrates) the store at a location. */
  open(location: string): Promise<CommentStore>;
  migrationCount: number;
  schemaVersion(location: string): Promise<number>;
  /** Every table with its columns in order, and every index name, sorted. */
  schema(location: string): Promise<StoreSchema>;
  /** Makes a fresh location look as if newer code had migrated it to `version`. */
  markNewer(location: string, version: number): Promise<void>;
  /** The engine's own consistency check (SQLite integrity_check, PostgreSQL amcheck); throws on damage. */
  checkIntegrity(location: string): Promise<void>;
};

const sha = (text: string) => createHash('sha256').update(text).digest('base64url');
const windows = (now: number) => ({ sinceMs: now - 600_000, duplicateSinceMs: now - 600_000 });

function comment(fields: Partial<NewComment> = {}): NewComment {
  const body = fields.body ?? 'تعليق للاختبار';
  return {
    article: 'gulf-summit-opens',
    parentId: null,
    name: 'ليلى',
    body,
    bodyHash: sha(body),
    clientHash: 'client-a',
    status: 'approved',
    createdAt: Date.now(),
    ...fields,
  };
}

async function postOk(store: CommentStore, fields: Partial<NewComment> = {}) {
  const c = comment(fields);
  const result = await store.post(c, windows(c.createdAt), () => undefined);
  assert.ok(result.ok);
  return result.comment;
}

async function withStore<T>(harness: StoreHarness, location: string, work: (store: CommentStore) => Promise<T>): Promise<T> {
  const store = await harness.open(location);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

type WriterResult = { writer: number; ids: number[]; refused: Record<string, number> };

async function runWriters(location: string, writers: number, perWriter: number, mode: 'own' | 'shared' = 'own') {
  const children = Array.from({ length: writers }, (_, w) => spawnFixture('writer.ts', [location, String(w), String(perWriter), mode]));
  // Start every writer at the same instant: each waits for a line on stdin.
  await Promise.all(children.map((c) => c.line(/^ready$/)));
  for (const c of children) c.process.stdin.end('go\n');
  const results = await Promise.all(children.map((c) => c.done));
  const failures = results
    .map((r, w) => ({ w, code: r.code, error: r.stderr.split('\n').filter((l) => /Error|^\s+at /.test(l)).slice(0, 4).join('\n') || r.stderr.slice(0, 500) }))
    .filter((r) => r.code !== 0);
  assert.deepEqual(failures, [], 'writers failed');
  return results.map((r) => JSON.parse(r.stdout.trim().split('\n').at(-1)!) as WriterResult);
}

export function describeStore(name: string, harness: StoreHarness): void {
  describe(`${name}: migrations`, () => {
    test('a fresh location ends at the newest schema version with the tables and indexes present', async () => {
      const location = await harness.fresh();
      await withStore(harness, location, async () => {});
      assert.ok(harness.migrationCount >= 1);
      assert.equal(await harness.schemaVersion(location), harness.migrationCount);
      const { tables, indexes } = await harness.schema(location);
      assert.deepEqual(tables.comments, ['id', 'article', 'parent_id', 'name', 'body', 'body_hash', 'client_hash', 'status', 'created_at']);
      assert.deepEqual(tables.settings, ['key', 'value']);
      assert.deepEqual(tables.editor_sessions, ['id_hash', 'created_at', 'last_seen_at']);
      for (const index of ['comments_by_article', 'comments_by_client', 'comments_by_parent', 'comments_by_status']) {
        assert.ok(indexes.includes(index), `${index} in ${indexes.join(', ')}`);
      }
    });

    test('opening a migrated location again changes neither the schema nor the data', async () => {
      const location = await harness.fresh();
      const first = await withStore(harness, location, async (store) => {
        await store.setting('k', () => 'v');
        return postOk(store);
      });
      const before = await harness.schema(location);
      await withStore(harness, location, async (store) => {
        assert.equal(await store.setting('k', () => 'other'), 'v', 'setting kept');
        assert.deepEqual(await store.get(first.id), first, 'comment kept');
      });
      assert.deepEqual(await harness.schema(location), before);
      assert.equal(await harness.schemaVersion(location), harness.migrationCount);
    });

    test('a location migrated by newer code is refused with a clear error and left untouched', async () => {
      const location = await harness.fresh();
      const newer = harness.migrationCount + 5;
      await harness.markNewer(location, newer);
      await assert.rejects(harness.open(location), new RegExp(`schema version ${newer}, newer than this code \\(${harness.migrationCount}\\)`));
      assert.equal(await harness.schemaVersion(location), newer);
    });
  });

  describe(`${name}: operations`, () => {
    test('post, get, listApproved, countApproved, listByStatus, setStatus, remove, setting', async () => {
      await withStore(harness, await harness.fresh(), async (store) => {
        const t0 = Date.UTC(2026, 0, 1);
        const a = await postOk(store, { body: 'أول تعليق', createdAt: t0 });
        const b = await postOk(store, { body: 'ثاني تعليق', createdAt: t0 + 1000, clientHash: 'client-b' });
        const reply = await postOk(store, { body: 'رد على الأول', parentId: a.id, createdAt: t0 + 2000 });
        const pending = await postOk(store, { body: 'معلق', status: 'pending', createdAt: t0 + 3000 });
        const heldReply = await postOk(store, { body: 'رد معلق', parentId: b.id, status: 'pending', createdAt: t0 + 3500 });
        await postOk(store, { body: 'آخر مقال', article: 'other', createdAt: t0 + 4000 });

        assert.deepEqual(await store.get(a.id), a);
        assert.deepEqual(await store.get(reply.id), reply);
        assert.equal(await store.get(999_999), undefined);
        assert.equal(await store.countApproved('gulf-summit-opens'), 3);
        assert.equal(await store.countApproved('no-such-article'), 0);

        const newest = await store.listApproved('gulf-summit-opens', { page: 1, pageSize: 20, sort: 'newest' });
        assert.deepEqual(newest.comments.map((c) => c.id), [b.id, a.id]);
        assert.deepEqual(newest.comments[0]!.replies, [], 'a held reply is not listed');
        assert.deepEqual(newest.comments[1]!.replies!.map((r) => r.id), [reply.id]);
        assert.equal(newest.total, 3);
        assert.equal(newest.threads, 2);
        assert.deepEqual(newest.comments[0], { id: b.id, parentId: null, name: 'ليلى', body: 'ثاني تعليق', createdAt: new Date(t0 + 1000).toISOString(), replies: [] });
        const oldest = await store.listApproved('gulf-summit-opens', { page: 1, pageSize: 1, sort: 'oldest' });
        assert.deepEqual(oldest.comments.map((c) => c.id), [a.id]);
        assert.equal(oldest.threads, 2);
        const page2 = await store.listApproved('gulf-summit-opens', { page: 2, pageSize: 1, sort: 'oldest' });
        assert.deepEqual(page2.comments.map((c) => c.id), [b.id]);
        const beyond = await store.listApproved('gulf-summit-opens', { page: 9, pageSize: 1, sort: 'newest' });
        assert.deepEqual(beyond, { comments: [], total: 3, threads: 2 }, 'past the last page: no threads, counts still right');

        assert.deepEqual((await store.listByStatus('pending', 10)).map((c) => c.id), [heldReply.id, pending.id]);
        assert.deepEqual((await store.listByStatus('pending', 1)).map((c) => c.id), [heldReply.id]);
        assert.equal(await store.setStatus(pending.id, 'approved'), true);
        assert.equal(await store.setStatus(999_999, 'approved'), false);
        assert.equal((await store.get(pending.id))?.status, 'approved');
        assert.equal(await store.countApproved('gulf-summit-opens'), 4);

        // Replies go with their parent.
        assert.equal(await store.remove(a.id), true);
        assert.equal(await store.get(reply.id), undefined);
        assert.equal(await store.remove(a.id), false);

        assert.equal(await store.setting('client_salt', () => 'first'), 'first');
        assert.equal(await store.setting('client_salt', () => 'second'), 'first');
      });
    });

    test('editor sessions: create, find, touch, delete one, delete all, prune by idle and absolute age', async () => {
      await withStore(harness, await harness.fresh(), async (store) => {
        const t0 = Date.UTC(2026, 0, 1);
        const hour = 3_600_000;
        assert.equal(await store.findSession('nobody'), undefined);
        await store.createSession({ idHash: 'a', createdAt: t0, lastSeenAt: t0 });
        await store.createSession({ idHash: 'b', createdAt: t0, lastSeenAt: t0 });
        await store.createSession({ idHash: 'c', createdAt: t0 + hour, lastSeenAt: t0 + hour });
        await assert.rejects(store.createSession({ idHash: 'a', createdAt: t0, lastSeenAt: t0 }), 'an id hash is taken once');
        assert.deepEqual(await store.findSession('a'), { idHash: 'a', createdAt: t0, lastSeenAt: t0 });

        assert.equal(await store.touchSession('a', t0 + 30 * 60_000), true);
        assert.equal(await store.touchSession('a', t0 + 10 * 60_000), true, 'an older touch arriving late');
        assert.equal((await store.findSession('a'))?.lastSeenAt, t0 + 30 * 60_000, 'last use never goes back');
        assert.equal(await store.touchSession('gone', t0), false);

        assert.equal(await store.deleteSession('b'), true);
        assert.equal(await store.deleteSession('b'), false);
        assert.equal(await store.findSession('b'), undefined);

        // Idle before t0 + 31 min removes nothing but b (gone); created before t0 + 1 min removes a.
        assert.equal(await store.pruneSessions(t0, t0 + 60_000), 1);
        assert.equal(await store.findSession('a'), undefined);
        assert.ok(await store.findSession('c'));
        await store.createSession({ idHash: 'd', createdAt: t0 + hour, lastSeenAt: t0 + hour });
        assert.equal(await store.deleteAllSessions(), 2);
        assert.equal(await store.findSession('c'), undefined);
        assert.equal(await store.deleteAllSessions(), 0);
      });
    });

    test('ids no table can hold are simply not found', async () => {
      await withStore(harness, await harness.fresh(), async (store) => {
        const a = await postOk(store);
        for (const id of [0, -1, 1.5, 2 ** 53, 2 ** 64, Number.MAX_VALUE]) {
          assert.equal(await store.get(id), undefined, `get(${id})`);
          assert.equal(await store.setStatus(id, 'spam'), false, `setStatus(${id})`);
          assert.equal(await store.remove(id), false, `remove(${id})`);
        }
        assert.equal((await store.get(a.id))?.status, 'approved');
      });
    });

    test('post hands decide the client activity inside the windows and inserts nothing when it refuses', async () => {
      await withStore(harness, await harness.fresh(), async (store) => {
        const t0 = Date.UTC(2026, 0, 1);
        await postOk(store, { body: 'قديم جدًا', createdAt: t0 - 700_000 });
        await postOk(store, { body: 'الأول', createdAt: t0 - 20_000 });
        await postOk(store, { body: 'الثاني', createdAt: t0 - 5_000 });
        await postOk(store, { body: 'لعميل آخر', createdAt: t0 - 1_000, clientHash: 'client-b' });
        const seen: unknown[] = [];
        const refused = await store.post(comment({ body: 'الأول', createdAt: t0 }), windows(t0), (activity) => {
          seen.push(activity);
          return 'no';
        });
        assert.deepEqual(refused, { ok: false, rejection: 'no' });
        assert.deepEqual(seen, [{ recent: [t0 - 20_000, t0 - 5_000], duplicate: true }]);
        assert.equal((await store.listByStatus('approved', 100)).length, 4, 'nothing inserted');
        // A body outside the duplicate window is not a duplicate.
        await store.post(comment({ body: 'قديم جدًا', createdAt: t0 }), windows(t0), (activity) => {
          assert.equal(activity.duplicate, false);
          return undefined;
        });
        assert.equal((await store.listByStatus('approved', 100)).length, 5);
      });
    });

    test('a decide that throws leaves nothing behind and the store keeps working', async () => {
      await withStore(harness, await harness.fresh(), async (store) => {
        await assert.rejects(
          store.post(comment(), windows(Date.now()), () => {
            throw new Error('policy bug');
          }),
          /policy bug/,
        );
        assert.deepEqual(await store.listByStatus('approved', 10), []);
        await postOk(store);
        assert.equal((await store.listByStatus('approved', 10)).length, 1);
      });
    });
  });

  describe(`${name}: several processes at once`, () => {
    test('8 writer processes × 250 comments: 2,000 rows, no duplicates, nothing lost', { timeout: 90_000 }, async () => {
      const location = await harness.fresh();
      await withStore(harness, location, async () => {}); // migrated before the writers start
      const started = performance.now();
      const results = await runWriters(location, 8, 250);
      const elapsed = performance.now() - started;
      const acknowledged = results.flatMap((r) => r.ids);
      assert.equal(acknowledged.length, 2000);
      assert.equal(new Set(acknowledged).size, 2000, 'every id handed out once');

      await withStore(harness, location, async (store) => {
        const rows = await store.listByStatus('approved', 10_000);
        assert.equal(rows.length, 2000);
        assert.equal(await store.countApproved('gulf-summit-opens'), 2000);
        assert.deepEqual(rows.map((r) => r.id).sort((x, y) => x - y), [...acknowledged].sort((x, y) => x - y));
        assert.equal(new Set(rows.map((r) => `${r.clientHash}\0${r.body}`)).size, 2000, 'no comment stored twice');
        const perWriter = new Map<string, number>();
        for (const r of rows) perWriter.set(r.clientHash, (perWriter.get(r.clientHash) ?? 0) + 1);
        assert.deepEqual(Object.fromEntries([...perWriter].sort()), Object.fromEntries(Array.from({ length: 8 }, (_, w) => [`writer-${w}`, 250])));
      });
      await harness.checkIntegrity(location);
      console.log(`# ${name}: 8 × 250 concurrent posts in ${(elapsed / 1000).toFixed(1)} s (process start-up included)`);
    });

    test('8 processes opening the same fresh location at once all migrate and write', { timeout: 90_000 }, async () => {
      for (let round = 0; round < 2; round++) {
        const location = await harness.fresh();
        await runWriters(location, 8, 5);
        await withStore(harness, location, async (store) => {
          assert.equal((await store.listByStatus('approved', 100)).length, 40, `round ${round}`);
        });
        assert.equal(await harness.schemaVersion(location), harness.migrationCount);
      }
    });

    test(`one client posting from 8 processes at once: exactly ${sharedLimit} accepted, no body twice`, { timeout: 90_000 }, async () => {
      const location = await harness.fresh();
      await withStore(harness, location, async () => {});
      // 48 attempts, all inside one window, bodies repeated across writers: only the store's
      // transaction stands between the policy and more than three comments or a duplicate.
      const results = await runWriters(location, 8, 6, 'shared');
      const accepted = results.flatMap((r) => r.ids);
      const refused = results.reduce((sum, r) => sum + Object.values(r.refused).reduce((a, b) => a + b, 0), 0);
      assert.equal(accepted.length, sharedLimit, `accepted ${accepted.length}: ${JSON.stringify(results.map((r) => r.refused))}`);
      assert.equal(refused, 48 - sharedLimit);
      await withStore(harness, location, async (store) => {
        const rows = (await store.listByStatus('approved', 100)).filter((r) => r.clientHash === sharedClient);
        assert.equal(rows.length, sharedLimit);
        assert.equal(new Set(rows.map((r) => r.body)).size, sharedLimit, 'no body accepted twice');
      });
    });
  });

  describe(`${name}: durability`, () => {
    test('every comment acknowledged before the writer is SIGKILLed is stored, intact', { timeout: 60_000 }, async () => {
      const location = await harness.fresh();
      await withStore(harness, location, async () => {});
      const wanted = 50;
      const child = spawnFixture('durable-writer.ts', [location]);
      const acks: { id: number; n: number }[] = [];
      const enough = new Promise<void>((resolve) => {
        child.onLine((line) => {
          const match = /^ack (\d+) (\d+)$/.exec(line);
          if (!match) return;
          acks.push({ id: Number(match[1]), n: Number(match[2]) });
          if (acks.length === wanted) {
            child.process.kill('SIGKILL');
            resolve();
          }
        });
      });
      await Promise.race([enough, child.done.then((r) => assert.fail(`writer exited early (${r.code}):\n${r.stderr}`))]);
      const exit = await child.done;
      assert.equal(exit.signal, 'SIGKILL');
      assert.ok(acks.length >= wanted);

      // The writer died mid-stream; reopening recovers whatever it left (SQLite's WAL, PostgreSQL's open transaction).
      await withStore(harness, location, async (store) => {
        for (const { id, n } of acks) {
          const stored = await store.get(id);
          assert.ok(stored, `acknowledged comment ${id} (#${n}) is missing`);
          assert.equal(stored.name, durableName(n));
          assert.equal(stored.body, durableBody(n));
          assert.equal(stored.bodyHash, sha(durableBody(n)));
          assert.equal(stored.status, 'approved');
        }
        const count = (await store.listByStatus('approved', 10_000)).length;
        assert.ok(count >= acks.length, `${count} rows for ${acks.length} acknowledgements`);
      });
      await harness.checkIntegrity(location);
    });
  });
}
