import 'server-only';
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

/*
 * How every SQLite store (comments, view counts, review links) opens its file in DATA_DIR and
 * migrates it. `PRAGMA user_version` records where a file is.
 */

export type SqliteSchema = {
  /** Named in the error when the file is newer than the code, e.g. "views.db". */
  label: string;
  /** Each entry moves the file one version up. */
  migrations: readonly string[];
};

export function migrateSqlite(db: Database.Database, { label, migrations }: SqliteSchema): number {
  const version = () => {
    const current = db.pragma('user_version', { simple: true }) as number;
    if (current > migrations.length) throw new Error(`${label} is at schema version ${current}, newer than this code (${migrations.length})`);
    return current;
  };
  // An up-to-date file (every open but the first) needs no write lock: waiting for it behind
  // busy writers in other processes could outlast busy_timeout. The version only ever grows.
  if (version() === migrations.length) return migrations.length;
  // Otherwise it is read again under the write lock: several processes opening a new file at
  // once must not all apply migration 1.
  db.transaction(() => {
    for (let v = version(); v < migrations.length; v++) {
      db.exec(migrations[v]!);
      db.pragma(`user_version = ${v + 1}`);
    }
  }).immediate();
  return migrations.length;
}

/**
 * Switches a file to WAL. Several processes opening a fresh file at once (servers sharing DATA_DIR)
 * can find it locked for the switch, and busy_timeout does not always cover it: retried briefly.
 */
function enableWal(db: Database.Database): void {
  for (let attempt = 1; ; attempt++) {
    try {
      db.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_BUSY' || attempt >= 100) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
    }
  }
}

export type SqliteOpenOptions = {
  /** FULL: an acknowledged write survives power loss; NORMAL (in WAL mode) survives a killed process only. */
  synchronous: 'FULL' | 'NORMAL';
  foreignKeys?: boolean;
};

export function openSqliteDatabase(file: string, schema: SqliteSchema, options: SqliteOpenOptions): Database.Database {
  return openSqliteFile(file, options, (db) => migrateSqlite(db, schema));
}

/** Opens (creating its folder) a DATA_DIR file in WAL mode, then `prepare`s it; closed again if that throws. */
export function openSqliteFile(file: string, { synchronous, foreignKeys = false }: SqliteOpenOptions, prepare: (db: Database.Database) => void): Database.Database {
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    // The busy timeout first: switching to WAL briefly needs the lock another process may hold.
    db.pragma('busy_timeout = 5000');
    // WAL lets readers continue during a write.
    enableWal(db);
    db.pragma(`synchronous = ${synchronous}`);
    if (foreignKeys) db.pragma('foreign_keys = ON');
    prepare(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
