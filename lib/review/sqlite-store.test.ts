/** The SQLite review store against real files: the shared review store contract. */
import { after } from 'node:test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrations, openSqliteReviewStore } from '@/lib/review/sqlite-store';
import { describeReviewStore } from '@/testing/contracts/review-store';

const temps: string[] = [];
after(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

/** A path inside a data/ folder that does not exist yet: opening the store creates it. */
function tempFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'khabar-review-sqlite-'));
  temps.push(dir);
  return path.join(dir, 'data', 'review.db');
}

describeReviewStore('SQLite', {
  fresh: async () => tempFile(),
  open: async (file) => openSqliteReviewStore(file),
  migrationCount: migrations.length,
  schemaVersion: async (file) => {
    const db = new Database(file, { readonly: true });
    try {
      return db.pragma('user_version', { simple: true }) as number;
    } finally {
      db.close();
    }
  },
  markNewer: async (file, version) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const db = new Database(file);
    db.pragma(`user_version = ${version}`);
    db.close();
  },
});
