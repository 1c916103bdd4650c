/**
 * The SQLite comments store against real files: migrations, connection
 * settings, the store operations, 8 writer processes on one file, and
 * durability of acknowledged comments across SIGKILL.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrate, migrations, openSqliteStore } from '@/lib/comments/sqlite-store';
import type { CommentStore, NewComment } from '@/lib/comments/store';
import { spawnFixture } from '@/lib/comments/__fixtures__/spawn';
import { durableBody, durableName } from '@/lib/comments/__fixtures__/durable-writer';

const temps: string[] = [];
after(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

function tempFile(name = 'comments.db'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'khabar-sqlite-'));
  temps.push(dir);
  return path.join(dir, 'data', name);
}

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

function schemaOf(db: Database.Database) {
  return db.prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all();
}

/** The connections better-sqlite3 opens from here on, so a test can ask the store's own connection for its settings. */
function captureConnections(): { connections: Database.Database[]; restore: () => void } {
  const proto = Database.prototype as unknown as { pragma: (...args: unknown[]) => unknown };
  const original = proto.pragma;
  const connections: Database.Database[] = [];
  proto.pragma = function (this: Database.Database, ...args: unknown[]) {
    if (!connections.includes(this)) connections.push(this);
    return original.apply(this, args);
  };
  return { connections, restore: () => void (proto.pragma = original) };
}

describe('migrations', () => {
  test('a fresh file ends at user_version = migrations.length with the tables and indexes present', () => {
    const file = tempFile();
    openSqliteStore(file).close(); // also creates the missing data/ folder
    const db = new Database(file, { readonly: true });
    try {
      assert.equal(db.pragma('user_version', { simple: true }), migrations.length);
      assert.ok(migrations.length >= 1);
      const names = (db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'index') AND name NOT LIKE 'sqlite_%'").all() as { name: string }[])
        .map((r) => r.name)
        .sort();
      for (const expected of ['comments', 'settings', 'comments_by_article', 'comments_by_client', 'comments_by_parent', 'comments_by_status']) {
        assert.ok(names.includes(expected), `${expected} in ${names.join(', ')}`);
      }
      const columns = (db.prepare('PRAGMA table_info(comments)').all() as { name: string }[]).map((c) => c.name);
      assert.deepEqual(columns, ['id', 'article', 'parent_id', 'name', 'body', 'body_hash', 'client_hash', 'status', 'created_at']);
    } finally {
      db.close();
    }
  });

  test('migrate() twice is a no-op, and reopening a migrated file changes nothing', async () => {
    const file = tempFile();
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const db = new Database(file);
    try {
      assert.equal(migrate(db), migrations.length);
      const before = schemaOf(db);
      db.prepare("INSERT INTO settings (key, value) VALUES ('k', 'v')").run();
      assert.equal(migrate(db), migrations.length);
      assert.equal(db.pragma('user_version', { simple: true }), migrations.length);
      assert.deepEqual(schemaOf(db), before);
      assert.deepEqual(db.prepare('SELECT key, value FROM settings').all(), [{ key: 'k', value: 'v' }]);
    } finally {
      db.close();
    }
    const store = openSqliteStore(file);
    assert.equal(await store.setting('k', () => 'other'), 'v', 'data kept by a reopen');
    store.close();
  });

  test('a file from newer code (user_version above migrations.length) is refused with a clear error', () => {
    const file = tempFile();
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const newer = migrations.length + 5;
    const db = new Database(file);
    db.pragma(`user_version = ${newer}`);
    assert.throws(() => migrate(db), new RegExp(`schema version ${newer}, newer than this code \\(${migrations.length}\\)`));
    assert.equal(db.pragma('user_version', { simple: true }), newer, 'the file is left untouched');
    db.close();
    assert.throws(() => openSqliteStore(file), /newer than this code/);
  });

  test('an opened store runs in WAL mode with synchronous = FULL, busy_timeout and foreign keys on', () => {
    const file = tempFile();
    const spy = captureConnections();
    let store: CommentStore;
    try {
      store = openSqliteStore(file);
    } finally {
      spy.restore();
    }
    try {
      assert.equal(spy.connections.length, 1, 'openSqliteStore opens one connection');
      const db = spy.connections[0]!;
      assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
      assert.equal(db.pragma('synchronous', { simple: true }), 2, 'FULL');
      assert.ok((db.pragma('busy_timeout', { simple: true }) as number) >= 1000);
      assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
    } finally {
      store.close();
    }
    // WAL is recorded in the file itself.
    const other = new Database(file, { readonly: true });
    assert.equal(other.pragma('journal_mode', { simple: true }), 'wal');
    other.close();
  });
});

describe('store operations', () => {
  test('post, get, listApproved, countApproved, listByStatus, setStatus, remove, setting', async () => {
    const store = openSqliteStore(tempFile());
    try {
      const t0 = Date.UTC(2026, 0, 1);
      const a = await postOk(store, { body: 'أول تعليق', createdAt: t0 });
      const b = await postOk(store, { body: 'ثاني تعليق', createdAt: t0 + 1000, clientHash: 'client-b' });
      const reply = await postOk(store, { body: 'رد على الأول', parentId: a.id, createdAt: t0 + 2000 });
      const pending = await postOk(store, { body: 'معلق', status: 'pending', createdAt: t0 + 3000 });
      await postOk(store, { body: 'آخر مقال', article: 'other', createdAt: t0 + 4000 });

      assert.deepEqual(await store.get(a.id), a);
      assert.equal(await store.get(999_999), undefined);
      assert.equal(await store.countApproved('gulf-summit-opens'), 3);

      const newest = await store.listApproved('gulf-summit-opens', { page: 1, pageSize: 20, sort: 'newest' });
      assert.deepEqual(newest.comments.map((c) => c.id), [b.id, a.id]);
      assert.deepEqual(newest.comments[1]!.replies!.map((r) => r.id), [reply.id]);
      assert.equal(newest.total, 3);
      assert.equal(newest.threads, 2);
      assert.equal(newest.comments[0]!.createdAt, new Date(t0 + 1000).toISOString());
      assert.equal('status' in newest.comments[0]!, false, 'no status in public comments');
      assert.equal('clientHash' in newest.comments[0]!, false, 'no client hash in public comments');
      const oldest = await store.listApproved('gulf-summit-opens', { page: 1, pageSize: 1, sort: 'oldest' });
      assert.deepEqual(oldest.comments.map((c) => c.id), [a.id]);
      const page2 = await store.listApproved('gulf-summit-opens', { page: 2, pageSize: 1, sort: 'oldest' });
      assert.deepEqual(page2.comments.map((c) => c.id), [b.id]);

      assert.deepEqual((await store.listByStatus('pending', 10)).map((c) => c.id), [pending.id]);
      assert.equal(await store.setStatus(pending.id, 'approved'), true);
      assert.equal(await store.setStatus(999_999, 'approved'), false);
      assert.equal(await store.countApproved('gulf-summit-opens'), 4);

      // Replies go with their parent (ON DELETE CASCADE with foreign_keys on).
      assert.equal(await store.remove(a.id), true);
      assert.equal(await store.get(reply.id), undefined);
      assert.equal(await store.remove(a.id), false);

      const salt = await store.setting('client_salt', () => 'first');
      assert.equal(salt, 'first');
      assert.equal(await store.setting('client_salt', () => 'second'), 'first');
    } finally {
      store.close();
    }
  });

  test('post hands decide the client activity inside the windows and inserts nothing when it refuses', async () => {
    const store = openSqliteStore(tempFile());
    try {
      const t0 = Date.UTC(2026, 0, 1);
      await postOk(store, { body: 'قديم جدًا', createdAt: t0 - 700_000 });
      await postOk(store, { body: 'الأول', createdAt: t0 - 20_000 });
      await postOk(store, { body: 'الثاني', createdAt: t0 - 5_000 });
      await postOk(store, { body: 'لعميل آخر', createdAt: t0 - 1_000, clientHash: 'client-b' });
      const seen: unknown[] = [];
      const c = comment({ body: 'الأول', createdAt: t0 });
      const refused = await store.post(c, { sinceMs: t0 - 600_000, duplicateSinceMs: t0 - 600_000 }, (activity) => {
        seen.push(activity);
        return 'no';
      });
      assert.deepEqual(refused, { ok: false, rejection: 'no' });
      assert.deepEqual(seen, [{ recent: [t0 - 20_000, t0 - 5_000], duplicate: true }]);
      assert.equal((await store.listByStatus('approved', 100)).length, 4, 'nothing inserted');
      // A body outside the duplicate window is not a duplicate.
      await store.post(comment({ body: 'قديم جدًا', createdAt: t0 }), { sinceMs: t0 - 600_000, duplicateSinceMs: t0 - 600_000 }, (activity) => {
        assert.equal(activity.duplicate, false);
        return undefined;
      });
    } finally {
      store.close();
    }
  });
});

describe('one file, several processes', () => {
  async function runWriters(file: string, writers: number, perWriter: number) {
    const children = Array.from({ length: writers }, (_, w) => spawnFixture('writer.ts', [file, String(w), String(perWriter)]));
    // Start every writer at the same instant: each waits for a line on stdin.
    await Promise.all(children.map((c) => c.line(/^ready$/)));
    for (const c of children) c.process.stdin.end('go\n');
    return Promise.all(children.map((c) => c.done));
  }

  test('8 writer processes × 250 comments: 2,000 rows, no duplicates, integrity ok', { timeout: 60_000 }, async () => {
    const file = tempFile();
    openSqliteStore(file).close(); // the file exists and is migrated before the writers start
    const started = performance.now();
    const results = await runWriters(file, 8, 250);
    const elapsed = performance.now() - started;
    for (const [w, r] of results.entries()) assert.equal(r.code, 0, `writer ${w} failed:\n${r.stderr}`);
    const acknowledged = results.flatMap((r) => (JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { ids: number[] }).ids);
    assert.equal(acknowledged.length, 2000);
    assert.equal(new Set(acknowledged).size, 2000, 'every id handed out once');

    const db = new Database(file, { readonly: true });
    try {
      assert.equal((db.prepare('SELECT count(*) AS n FROM comments').get() as { n: number }).n, 2000);
      const dupes = db.prepare('SELECT client_hash, body, count(*) AS n FROM comments GROUP BY client_hash, body HAVING n > 1').all();
      assert.deepEqual(dupes, []);
      const perWriter = db.prepare('SELECT client_hash, count(*) AS n FROM comments GROUP BY client_hash ORDER BY client_hash').all();
      assert.deepEqual(perWriter, Array.from({ length: 8 }, (_, w) => ({ client_hash: `writer-${w}`, n: 250 })));
      const ids = (db.prepare('SELECT id FROM comments ORDER BY id').all() as { id: number }[]).map((r) => r.id);
      assert.deepEqual(ids, [...acknowledged].sort((x, y) => x - y));
      assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
    } finally {
      db.close();
    }
    console.log(`# 8 × 250 concurrent posts in ${(elapsed / 1000).toFixed(1)} s (process start-up included)`);
  });

  // BUG: migrate() reads PRAGMA user_version before taking the write lock, so two
  // processes opening a fresh file both run migration 1 and the second fails with
  // "table comments already exists"; switching a fresh file to WAL can also fail
  // with SQLITE_BUSY ("database is locked"). Seen with `next build` workers or
  // several server processes starting on an empty DATA_DIR.
  test('8 processes opening the same fresh file at once all succeed', { timeout: 60_000 }, async () => {
    for (let round = 0; round < 2; round++) {
      const file = tempFile(`fresh-${round}.db`);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const results = await runWriters(file, 8, 5);
      const failures = results
        .map((r, w) => ({ w, code: r.code, error: r.stderr.split('\n').find((l) => /Error/.test(l)) ?? '' }))
        .filter((r) => r.code !== 0);
      assert.deepEqual(failures, [], `round ${round}: writers failed on a fresh file`);
      const db = new Database(file, { readonly: true });
      assert.equal((db.prepare('SELECT count(*) AS n FROM comments').get() as { n: number }).n, 40);
      db.close();
    }
  });
});

describe('durability', () => {
  test('every comment acknowledged before SIGKILL is in the file, intact', { timeout: 60_000 }, async () => {
    const file = tempFile();
    openSqliteStore(file).close();
    const wanted = 50;
    const child = spawnFixture('durable-writer.ts', [file]);
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

    // The writer died mid-stream: its WAL was never checkpointed. Reopening recovers it.
    const store = openSqliteStore(file);
    try {
      for (const { id, n } of acks) {
        const stored = await store.get(id);
        assert.ok(stored, `acknowledged comment ${id} (#${n}) is missing`);
        assert.equal(stored.name, durableName(n));
        assert.equal(stored.body, durableBody(n));
        assert.equal(stored.bodyHash, sha(durableBody(n)));
        assert.equal(stored.status, 'approved');
      }
    } finally {
      store.close();
    }
    const db = new Database(file, { readonly: true });
    assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
    const count = (db.prepare('SELECT count(*) AS n FROM comments').get() as { n: number }).n;
    assert.ok(count >= acks.length, `${count} rows for ${acks.length} acknowledgements`);
    db.close();
  });
});
