/** The SQLite view store against real files: the shared view store suite, then its own settings. */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrations, openSqliteViewStore } from '@/lib/views/sqlite-store';
import { describeViewStore } from '@/testing/contracts/view-store';

const temps: string[] = [];
after(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

function tempFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'khabar-views-'));
  temps.push(dir);
  return path.join(dir, 'data', 'views.db');
}

function readOnly<T>(file: string, read: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

describeViewStore('SQLite', {
  fresh: async () => tempFile(),
  open: async (file) => openSqliteViewStore(file),
  migrationCount: migrations.length,
  schemaVersion: async (file) => readOnly(file, (db) => db.pragma('user_version', { simple: true }) as number),
  tables: async (file) =>
    readOnly(file, (db) => {
      const names = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'view_%' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
      return Object.fromEntries(names.map((table) => [table, (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name)]));
    }),
  markNewer: async (file, version) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const db = new Database(file);
    db.pragma(`user_version = ${version}`);
    db.close();
  },
});

describe('SQLite views: its own file', () => {
  test('views.db is created where asked, in WAL mode, apart from the comments', async () => {
    const file = tempFile();
    const store = openSqliteViewStore(file);
    await store.close();
    assert.ok(fs.existsSync(file));
    assert.equal(readOnly(file, (db) => db.pragma('journal_mode', { simple: true })), 'wal');
    assert.deepEqual(readOnly(file, (db) => db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'comments'").get()), { n: 0 });
  });
});
