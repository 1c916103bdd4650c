// A consistent copy of the comments database while the site keeps serving and accepting comments:
// SQLite's online backup API copies pages under the database's own locks, so no writer is stopped
// and no half-written transaction is copied (a plain `cp` of a WAL database can be torn).
//
//   node scripts/backup-comments.mjs [destination]
//   DATA_DIR=/var/lib/khabar node scripts/backup-comments.mjs /var/backups/khabar/comments-$(date +%F).db
//
// With DATABASE_URL set the comments live in PostgreSQL: use pg_dump there instead.
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import path from 'node:path';

const dataDir = path.resolve(process.env.DATA_DIR ?? 'data');
const source = path.join(dataDir, 'comments.db');
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const destination = path.resolve(process.argv[2] ?? path.join(dataDir, 'backups', `comments-${stamp}.db`));

if (!existsSync(source)) {
  console.error(`${source}: not found (DATA_DIR=${dataDir}); nothing to back up`);
  process.exit(1);
}
if (existsSync(destination)) {
  console.error(`${destination}: already exists; choose another destination`);
  process.exit(1);
}
mkdirSync(path.dirname(destination), { recursive: true });

const db = new Database(source, { fileMustExist: true });
const partial = `${destination}.partial`;
try {
  await db.backup(partial);
} finally {
  db.close();
}
// Verify before the copy takes the final name, so a listed backup is always a good one.
const copy = new Database(partial);
// A backup is one self-contained file: leave WAL mode so no -wal/-shm companions are needed.
copy.pragma('journal_mode = DELETE');
const integrity = copy.pragma('integrity_check', { simple: true });
const count = copy.prepare('SELECT count(*) AS n FROM comments').get().n;
copy.close();
if (integrity !== 'ok') {
  console.error(`${partial}: integrity check failed: ${integrity}`);
  process.exit(1);
}
renameSync(partial, destination);
console.log(`${destination}: ${count} comments, integrity ok`);
