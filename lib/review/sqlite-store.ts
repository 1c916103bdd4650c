import 'server-only';
import { openSqliteDatabase } from '@/lib/store/sqlite';
import type { ReviewEvent, ReviewLink, ReviewStore } from '@/lib/review/store';

/** Each entry moves the schema one version up; `PRAGMA user_version` records where a file is. */
export const migrations: readonly string[] = [
  `CREATE TABLE review_links (
     id TEXT PRIMARY KEY,
     article TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     expires_at INTEGER NOT NULL,
     created_by TEXT NOT NULL,
     revoked_at INTEGER,
     first_opened_at INTEGER
   );
   CREATE INDEX review_links_by_article ON review_links (article, expires_at);
   CREATE TABLE review_events (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     type TEXT NOT NULL CHECK (type IN ('created', 'opened', 'revoked')),
     article TEXT NOT NULL,
     link_id TEXT NOT NULL,
     editor TEXT NOT NULL,
     at INTEGER NOT NULL
   );
   CREATE INDEX review_events_by_time ON review_events (at);`,
];

const schema = { label: 'review.db', migrations };

const linkColumns = `id, article, created_at AS createdAt, expires_at AS expiresAt, created_by AS createdBy,
  revoked_at AS revokedAt, first_opened_at AS firstOpenedAt`;

export function openSqliteReviewStore(file: string): ReviewStore {
  // A revocation acknowledged to the desk must survive a crash.
  const db = openSqliteDatabase(file, schema, { synchronous: 'FULL' });

  const insertLink = db.prepare(
    'INSERT INTO review_links (id, article, created_at, expires_at, created_by) VALUES (@id, @article, @createdAt, @expiresAt, @createdBy)',
  );
  const linkById = db.prepare(`SELECT ${linkColumns} FROM review_links WHERE id = ?`);
  const markOpened = db.prepare('UPDATE review_links SET first_opened_at = ? WHERE id = ? AND first_opened_at IS NULL');
  const live = db.prepare(`SELECT ${linkColumns} FROM review_links WHERE revoked_at IS NULL AND expires_at > ? ORDER BY article, expires_at, id`);
  const revoke = db.prepare('UPDATE review_links SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL');
  const revokeArticle = db.prepare('UPDATE review_links SET revoked_at = ? WHERE article = ? AND revoked_at IS NULL RETURNING id');
  const insertEvent = db.prepare('INSERT INTO review_events (type, article, link_id, editor, at) VALUES (@type, @article, @linkId, @editor, @at)');
  const recent = db.prepare('SELECT type, article, link_id AS linkId, editor, at FROM review_events ORDER BY at DESC, id DESC LIMIT ?');

  return {
    async createLink(link) {
      insertLink.run(link);
    },
    async findLink(id) {
      return linkById.get(id) as ReviewLink | undefined;
    },
    async markOpened(id, at) {
      return markOpened.run(at, id).changes > 0;
    },
    async liveLinks(now) {
      return live.all(now) as ReviewLink[];
    },
    async revokeLink(id, at) {
      return revoke.run(at, id).changes > 0;
    },
    async revokeArticle(article, at) {
      return (revokeArticle.all(at, article) as { id: string }[]).map((r) => r.id).sort();
    },
    async recordEvent(event) {
      insertEvent.run(event);
    },
    async recentEvents(limit) {
      return recent.all(limit) as ReviewEvent[];
    },
    async close() {
      db.close();
    },
  };
}
