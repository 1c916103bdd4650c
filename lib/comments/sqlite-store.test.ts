/**
 * The SQLite comments store against real files: the shared store suite
 * (store-suite.ts), then what only SQLite has: its connection settings.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrations, openSqliteStore } from '@/lib/comments/sqlite-store';
import type { CommentStore } from '@/lib/comments/store';
import { describeStore, type StoreSchema } from '@/testing/contracts/comment-store';

const temps: string[] = [];
after(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

/** A path inside a data/ folder that does not exist yet: opening the store creates it. */
function tempFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'khabar-sqlite-'));
  temps.push(dir);
  return path.join(dir, 'data', 'comments.db');
}

function readOnly<T>(file: string, read: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

describeStore('SQLite', {
  fresh: async () => tempFile(),
  open: async (file) => openSqliteStore(file),
  migrationCount: migrations.length,
  schemaVersion: async (file) => readOnly(file, (db) => db.pragma('user_version', { simple: true }) as number),
  schema: async (file) =>
    readOnly(file, (db) => {
      const names = (type: string) =>
        (db.prepare("SELECT name FROM sqlite_master WHERE type = ? AND name NOT LIKE 'sqlite_%' ORDER BY name").all(type) as { name: string }[]).map(
          (r) => r.name,
        );
      const tables: StoreSchema['tables'] = {};
      for (const table of names('table')) {
        tables[table] = (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
      }
      return { tables, indexes: names('index') };
    }),
  markNewer: async (file, version) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const db = new Database(file);
    db.pragma(`user_version = ${version}`);
    db.close();
  },
  checkIntegrity: async (file) => {
    assert.equal(readOnly(file, (db) => db.pragma('integrity_check', { simple: true })), 'ok');
  },
});

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

describe('SQLite: connection settings', () => {
  test('an opened store runs in WAL mode with synchronous = FULL, busy_timeout and foreign keys on', async () => {
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
      await store.close();
    }
    // WAL is recorded in the file itself.
    assert.equal(readOnly(file, (db) => db.pragma('journal_mode', { simple: true })), 'wal');
  });
});
