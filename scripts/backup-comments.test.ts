/**
 * The backup an operator restores from: taken from a live WAL database (comments still only in the
 * -wal file must be in it), one self-contained file, never overwriting an earlier backup.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import Database from 'better-sqlite3';
import { openSqliteStore } from '@/lib/comments/sqlite-store';

const dir = mkdtempSync(path.join(tmpdir(), 'khabar-backup-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function backup(dataDir: string, destination: string) {
  return spawnSync(process.execPath, ['scripts/backup-comments.mjs', destination], {
    encoding: 'utf8',
    env: { ...process.env, DATA_DIR: dataDir },
  });
}

test('copies every comment of a live database, including those still in the WAL, into one file', async () => {
  const dataDir = path.join(dir, 'live');
  const store = openSqliteStore(path.join(dataDir, 'comments.db'));
  for (let i = 0; i < 120; i++) {
    await store.post(
      { article: 'a', parentId: null, name: 'قارئ', body: `تعليق رقم ${i}`, bodyHash: `h${i}`, clientHash: `c${i}`, status: 'approved', createdAt: 1_700_000_000_000 + i },
      { sinceMs: 0, duplicateSinceMs: 0 },
      () => undefined,
    );
  }
  // The store stays open, as on a running site: nothing has been checkpointed into the main file.
  assert.ok(existsSync(path.join(dataDir, 'comments.db-wal')));

  const destination = path.join(dir, 'out', 'comments-backup.db');
  const result = backup(dataDir, destination);
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /120 comments, integrity ok/);
  assert.ok(!existsSync(`${destination}-wal`), 'the backup needs no -wal file beside it');

  const copy = new Database(destination, { readonly: true });
  const bodies = copy.prepare('SELECT body FROM comments ORDER BY id').all() as { body: string }[];
  copy.close();
  assert.equal(bodies.length, 120);
  assert.equal(bodies[119]?.body, 'تعليق رقم 119');

  const again = backup(dataDir, destination);
  assert.equal(again.status, 1);
  assert.match(again.stderr, /already exists/);
  store.close();
});

test('names the missing database instead of writing an empty backup', () => {
  const result = backup(path.join(dir, 'nowhere'), path.join(dir, 'empty.db'));
  assert.equal(result.status, 1);
  assert.match(result.stderr, /nowhere\/comments\.db: not found/);
  assert.ok(!existsSync(path.join(dir, 'empty.db')));
});
