import 'server-only';
import { createHash } from 'node:crypto';
import { classify, inTransaction, openStorePool } from '@/lib/store/postgres';
import type { PostgresConfig } from '@/lib/comments/open-store';
import type { PublicComment } from '@/lib/comments/schema';
import { toPublic, type CommentStatus, type CommentStore, type StoredComment } from '@/lib/comments/store';

/** Each entry moves the schema one version up; schema_migrations records which ones a database has. */
export const migrations: readonly string[] = [
  `CREATE TABLE comments (
     id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     article text NOT NULL,
     parent_id bigint REFERENCES comments(id) ON DELETE CASCADE,
     name text NOT NULL,
     body text NOT NULL,
     body_hash text NOT NULL,
     client_hash text NOT NULL,
     status text NOT NULL CHECK (status IN ('approved', 'pending', 'spam', 'rejected')),
     created_at bigint NOT NULL
   );
   CREATE INDEX comments_by_article ON comments (article, status, parent_id, created_at);
   CREATE INDEX comments_by_client ON comments (client_hash, created_at);
   CREATE INDEX comments_by_parent ON comments (parent_id, status, created_at);
   CREATE INDEX comments_by_status ON comments (status, created_at);
   CREATE TABLE settings (key text PRIMARY KEY, value text NOT NULL);`,
  // Editor sign-ins, so that signing out ends them on the server (lib/editor/session.ts).
  `CREATE TABLE editor_sessions (
     id_hash text PRIMARY KEY,
     created_at bigint NOT NULL,
     last_seen_at bigint NOT NULL
   );
   CREATE INDEX editor_sessions_by_last_seen ON editor_sessions (last_seen_at);`,
];

// Advisory lock keys. The one-key (bigint) and two-key (int, int) spaces never overlap.
const migrationLock = '7739543034805759341'; // the bytes of "khabar-m" as one 64-bit number
const postLockClass = 0x6b68; // "kh"; the second key is drawn from the client hash

/** A 32-bit key per client: two clients that collide merely wait for each other. */
function clientLockKey(clientHash: string): number {
  return createHash('sha256').update(clientHash).digest().readInt32BE(0);
}

// bigint columns arrive as strings from a query and as numbers through JSON; ids and
// millisecond times stay far below 2^53 either way.
type Row = {
  id: string | number;
  article: string;
  parent_id: string | number | null;
  name: string;
  body: string;
  body_hash: string;
  client_hash: string;
  status: CommentStatus;
  created_at: string | number;
};

function fromRow(row: Row): StoredComment {
  return {
    id: Number(row.id),
    article: row.article,
    parentId: row.parent_id === null ? null : Number(row.parent_id),
    name: row.name,
    body: row.body,
    bodyHash: row.body_hash,
    clientHash: row.client_hash,
    status: row.status,
    createdAt: Number(row.created_at),
  };
}

/** Ids that cannot be in the table are answered here: PostgreSQL would call a fraction or 2^64 an error. */
const isId = (id: number) => Number.isSafeInteger(id) && id > 0;


const schema = { versionTable: 'schema_migrations', lock: migrationLock, label: 'the PostgreSQL database', migrations };

const activitySql = `SELECT
  array(SELECT created_at FROM comments WHERE client_hash = $1 AND created_at > $2 ORDER BY created_at) AS recent,
  EXISTS (SELECT 1 FROM comments WHERE client_hash = $1 AND body_hash = $3 AND created_at > $4) AS duplicate`;

const insertSql = `INSERT INTO comments (article, parent_id, name, body, body_hash, client_hash, status, created_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`;

// One statement is one snapshot: the page, its replies and both counts agree without a transaction.
const listSql = `WITH page AS (
    SELECT * FROM comments
    WHERE article = $1 AND status = 'approved' AND parent_id IS NULL
    ORDER BY created_at %DIR%, id %DIR% LIMIT $2 OFFSET $3
  ), shown AS (
    SELECT * FROM page
    UNION ALL
    SELECT r.* FROM comments r JOIN page ON r.parent_id = page.id WHERE r.status = 'approved'
  )
  SELECT
    (SELECT count(*) FROM comments WHERE article = $1 AND status = 'approved')::int AS total,
    (SELECT count(*) FROM comments WHERE article = $1 AND status = 'approved' AND parent_id IS NULL)::int AS threads,
    coalesce((SELECT json_agg(shown ORDER BY created_at, id) FROM shown), '[]') AS rows`;
const listNewest = listSql.replaceAll('%DIR%', 'DESC');
const listOldest = listSql.replaceAll('%DIR%', 'ASC');

export async function openPostgresStore(config: PostgresConfig): Promise<CommentStore> {
  const { pool, query } = await openStorePool(config, { name: 'comments', max: config.poolMax, applicationName: config.applicationName, schema });
  // Settings are written once and never change: each is read from the database once per process.
  const settings = new Map<string, string>();
  let closing: Promise<void> | undefined;

  return {
    async post(comment, windows, decide) {
      try {
        return await inTransaction(pool, async (client) => {
          // Posts by one client queue on this lock until the one ahead commits, in every process,
          // so each sees the comments of the last; posts by other clients do not wait.
          await client.query('SELECT pg_advisory_xact_lock($1, $2)', [postLockClass, clientLockKey(comment.clientHash)]);
          const { rows } = await client.query<{ recent: string[]; duplicate: boolean }>(activitySql, [
            comment.clientHash,
            windows.sinceMs,
            comment.bodyHash,
            windows.duplicateSinceMs,
          ]);
          const activity = rows[0]!;
          const rejection = decide({ recent: activity.recent.map(Number), duplicate: activity.duplicate });
          if (rejection !== undefined) return { ok: false as const, rejection };
          const inserted = await client.query<{ id: string }>(insertSql, [
            comment.article,
            comment.parentId,
            comment.name,
            comment.body,
            comment.bodyHash,
            comment.clientHash,
            comment.status,
            comment.createdAt,
          ]);
          return { ok: true as const, comment: { ...comment, id: Number(inserted.rows[0]!.id) } };
        });
      } catch (error) {
        throw classify(error);
      }
    },
    async get(id) {
      if (!isId(id)) return undefined;
      const { rows } = await query<Row>('SELECT * FROM comments WHERE id = $1', [id]);
      return rows[0] && fromRow(rows[0]);
    },
    async listApproved(article, { page, pageSize, sort }) {
      const { rows } = await query<{ total: number; threads: number; rows: Row[] }>(sort === 'oldest' ? listOldest : listNewest, [
        article,
        pageSize,
        (page - 1) * pageSize,
      ]);
      const { total, threads, rows: shown } = rows[0]!;
      // Rows come oldest first; the page's threads are turned round for `newest`.
      const replies = new Map<number, PublicComment[]>();
      const tops: StoredComment[] = [];
      for (const comment of shown.map(fromRow)) {
        if (comment.parentId === null) tops.push(comment);
        else {
          const list = replies.get(comment.parentId);
          if (list) list.push(toPublic(comment));
          else replies.set(comment.parentId, [toPublic(comment)]);
        }
      }
      if (sort !== 'oldest') tops.reverse();
      const comments = tops.map((thread) => ({ ...toPublic(thread), replies: replies.get(thread.id) ?? [] }));
      return { comments, total, threads };
    },
    async countApproved(article) {
      const { rows } = await query<{ n: number }>("SELECT count(*)::int AS n FROM comments WHERE article = $1 AND status = 'approved'", [article]);
      return rows[0]!.n;
    },
    async listByStatus(status, limit) {
      const { rows } = await query<Row>('SELECT * FROM comments WHERE status = $1 ORDER BY created_at DESC, id DESC LIMIT $2', [status, limit]);
      return rows.map(fromRow);
    },
    async setStatus(id, status) {
      if (!isId(id)) return false;
      return ((await query('UPDATE comments SET status = $1 WHERE id = $2', [status, id])).rowCount ?? 0) > 0;
    },
    async remove(id) {
      if (!isId(id)) return false;
      return ((await query('DELETE FROM comments WHERE id = $1', [id])).rowCount ?? 0) > 0;
    },
    async createSession(session) {
      await query('INSERT INTO editor_sessions (id_hash, created_at, last_seen_at) VALUES ($1, $2, $3)', [session.idHash, session.createdAt, session.lastSeenAt]);
    },
    async findSession(idHash) {
      const { rows } = await query<{ id_hash: string; created_at: string; last_seen_at: string }>('SELECT * FROM editor_sessions WHERE id_hash = $1', [idHash]);
      const row = rows[0];
      return row && { idHash: row.id_hash, createdAt: Number(row.created_at), lastSeenAt: Number(row.last_seen_at) };
    },
    async touchSession(idHash, at) {
      return ((await query('UPDATE editor_sessions SET last_seen_at = greatest(last_seen_at, $1) WHERE id_hash = $2', [at, idHash])).rowCount ?? 0) > 0;
    },
    async deleteSession(idHash) {
      return ((await query('DELETE FROM editor_sessions WHERE id_hash = $1', [idHash])).rowCount ?? 0) > 0;
    },
    async deleteAllSessions() {
      return (await query('DELETE FROM editor_sessions', [])).rowCount ?? 0;
    },
    async pruneSessions(idleBefore, createdBefore) {
      return (await query('DELETE FROM editor_sessions WHERE last_seen_at < $1 OR created_at < $2', [idleBefore, createdBefore])).rowCount ?? 0;
    },
    async setting(key, create) {
      const known = settings.get(key);
      if (known !== undefined) return known;
      const read = async () => (await query<{ value: string }>('SELECT value FROM settings WHERE key = $1', [key])).rows[0]?.value;
      let value = await read();
      if (value === undefined) {
        // Two instances may create the value at once; the first insert wins and both read it back.
        await query('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [key, create()]);
        value = (await read())!;
      }
      settings.set(key, value);
      return value;
    },
    close() {
      return (closing ??= pool.end());
    },
  };
}
