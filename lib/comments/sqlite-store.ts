import 'server-only';
import { openSqliteDatabase } from '@/lib/store/sqlite';
import type { CommentSort, PublicComment } from '@/lib/comments/schema';
import { toPublic, type CommentStatus, type CommentStore, type EditorSession, type NewComment, type StoredComment } from '@/lib/comments/store';

/** Each entry moves the schema one version up; `PRAGMA user_version` records where a file is. */
export const migrations: readonly string[] = [
  `CREATE TABLE comments (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     article TEXT NOT NULL,
     parent_id INTEGER REFERENCES comments(id) ON DELETE CASCADE,
     name TEXT NOT NULL,
     body TEXT NOT NULL,
     body_hash TEXT NOT NULL,
     client_hash TEXT NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('approved', 'pending', 'spam', 'rejected')),
     created_at INTEGER NOT NULL
   );
   CREATE INDEX comments_by_article ON comments (article, status, parent_id, created_at);
   CREATE INDEX comments_by_client ON comments (client_hash, created_at);
   CREATE INDEX comments_by_parent ON comments (parent_id, status, created_at);
   CREATE INDEX comments_by_status ON comments (status, created_at);
   CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);`,
  // Editor sign-ins, so that signing out ends them on the server (lib/editor/session.ts).
  `CREATE TABLE editor_sessions (
     id_hash TEXT PRIMARY KEY,
     created_at INTEGER NOT NULL,
     last_seen_at INTEGER NOT NULL
   );
   CREATE INDEX editor_sessions_by_last_seen ON editor_sessions (last_seen_at);`,
];

type Row = {
  id: number;
  article: string;
  parent_id: number | null;
  name: string;
  body: string;
  body_hash: string;
  client_hash: string;
  status: CommentStatus;
  created_at: number;
};

function fromRow(row: Row): StoredComment {
  return {
    id: row.id,
    article: row.article,
    parentId: row.parent_id,
    name: row.name,
    body: row.body,
    bodyHash: row.body_hash,
    clientHash: row.client_hash,
    status: row.status,
    createdAt: row.created_at,
  };
}

const schema = { label: 'comments.db', migrations };

export function openSqliteStore(file: string): CommentStore {
  // FULL syncs the WAL on every commit, so a comment acknowledged to a reader survives kill -9 and power loss.
  const db = openSqliteDatabase(file, schema, { synchronous: 'FULL', foreignKeys: true });

  const insert = db.prepare(
    `INSERT INTO comments (article, parent_id, name, body, body_hash, client_hash, status, created_at)
     VALUES (@article, @parentId, @name, @body, @bodyHash, @clientHash, @status, @createdAt)`,
  );
  const recentByClient = db.prepare(
    'SELECT created_at FROM comments WHERE client_hash = ? AND created_at > ? ORDER BY created_at',
  );
  const duplicateByClient = db.prepare(
    'SELECT 1 FROM comments WHERE client_hash = ? AND body_hash = ? AND created_at > ? LIMIT 1',
  );
  const byId = db.prepare('SELECT * FROM comments WHERE id = ?');
  const countApproved = db.prepare("SELECT count(*) AS n FROM comments WHERE article = ? AND status = 'approved'");
  const countThreads = db.prepare(
    "SELECT count(*) AS n FROM comments WHERE article = ? AND status = 'approved' AND parent_id IS NULL",
  );
  const threadsNewest = db.prepare(
    "SELECT * FROM comments WHERE article = ? AND status = 'approved' AND parent_id IS NULL ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?",
  );
  const threadsOldest = db.prepare(
    "SELECT * FROM comments WHERE article = ? AND status = 'approved' AND parent_id IS NULL ORDER BY created_at ASC, id ASC LIMIT ? OFFSET ?",
  );
  const repliesOf = db.prepare(
    "SELECT * FROM comments WHERE parent_id = ? AND status = 'approved' ORDER BY created_at ASC, id ASC",
  );
  const byStatus = db.prepare('SELECT * FROM comments WHERE status = ? ORDER BY created_at DESC, id DESC LIMIT ?');
  const updateStatus = db.prepare('UPDATE comments SET status = ? WHERE id = ?');
  const deleteById = db.prepare('DELETE FROM comments WHERE id = ?');
  const readSetting = db.prepare('SELECT value FROM settings WHERE key = ?');
  const writeSetting = db.prepare('INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)');
  const insertSession = db.prepare('INSERT INTO editor_sessions (id_hash, created_at, last_seen_at) VALUES (@idHash, @createdAt, @lastSeenAt)');
  const sessionById = db.prepare('SELECT id_hash AS idHash, created_at AS createdAt, last_seen_at AS lastSeenAt FROM editor_sessions WHERE id_hash = ?');
  const touchSession = db.prepare('UPDATE editor_sessions SET last_seen_at = max(last_seen_at, ?) WHERE id_hash = ?');
  const deleteSession = db.prepare('DELETE FROM editor_sessions WHERE id_hash = ?');
  const deleteAllSessions = db.prepare('DELETE FROM editor_sessions');
  const pruneSessions = db.prepare('DELETE FROM editor_sessions WHERE last_seen_at < ? OR created_at < ?');

  return {
    async post(comment: NewComment, windows, decide) {
      // IMMEDIATE takes the write lock before reading, so the limits hold across processes too.
      return db
        .transaction(() => {
          const recent = (recentByClient.all(comment.clientHash, windows.sinceMs) as { created_at: number }[]).map((r) => r.created_at);
          const duplicate = !!duplicateByClient.get(comment.clientHash, comment.bodyHash, windows.duplicateSinceMs);
          const rejection = decide({ recent, duplicate });
          if (rejection !== undefined) return { ok: false as const, rejection };
          const id = Number(insert.run(comment).lastInsertRowid);
          return { ok: true as const, comment: { ...comment, id } };
        })
        .immediate();
    },
    async get(id) {
      const row = byId.get(id) as Row | undefined;
      return row && fromRow(row);
    },
    async listApproved(article: string, { page, pageSize, sort }: { page: number; pageSize: number; sort: CommentSort }) {
      const statement = sort === 'oldest' ? threadsOldest : threadsNewest;
      return db.transaction(() => {
        const rows = statement.all(article, pageSize, (page - 1) * pageSize) as Row[];
        const comments: PublicComment[] = rows.map((row) => ({
          ...toPublic(fromRow(row)),
          replies: (repliesOf.all(row.id) as Row[]).map((reply) => toPublic(fromRow(reply))),
        }));
        const total = (countApproved.get(article) as { n: number }).n;
        const threads = (countThreads.get(article) as { n: number }).n;
        return { comments, total, threads };
      })();
    },
    async countApproved(article) {
      return (countApproved.get(article) as { n: number }).n;
    },
    async listByStatus(status, limit) {
      return (byStatus.all(status, limit) as Row[]).map(fromRow);
    },
    async setStatus(id, status) {
      return updateStatus.run(status, id).changes > 0;
    },
    async remove(id) {
      return deleteById.run(id).changes > 0;
    },
    async createSession(session) {
      insertSession.run(session);
    },
    async findSession(idHash) {
      return sessionById.get(idHash) as EditorSession | undefined;
    },
    async touchSession(idHash, at) {
      return touchSession.run(at, idHash).changes > 0;
    },
    async deleteSession(idHash) {
      return deleteSession.run(idHash).changes > 0;
    },
    async deleteAllSessions() {
      return deleteAllSessions.run().changes;
    },
    async pruneSessions(idleBefore, createdBefore) {
      return pruneSessions.run(idleBefore, createdBefore).changes;
    },
    async setting(key, create) {
      const existing = readSetting.get(key) as { value: string } | undefined;
      if (existing) return existing.value;
      writeSetting.run(key, create());
      return (readSetting.get(key) as { value: string }).value;
    },
    async close() {
      db.close();
    },
  };
}
