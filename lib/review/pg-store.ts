import 'server-only';
import { openStorePool } from '@/lib/store/postgres';
import type { PostgresConfig } from '@/lib/settings.mjs';
import type { ReviewEvent, ReviewLink, ReviewStore } from '@/lib/review/store';

/**
 * Each entry moves the schema one version up. The review tables share the comments' database but
 * keep their own version table, so neither store's migrations can be mistaken for the other's.
 */
export const migrations: readonly string[] = [
  `CREATE TABLE review_links (
     id text PRIMARY KEY,
     article text NOT NULL,
     created_at bigint NOT NULL,
     expires_at bigint NOT NULL,
     created_by text NOT NULL,
     revoked_at bigint,
     first_opened_at bigint
   );
   CREATE INDEX review_links_by_article ON review_links (article, expires_at);
   CREATE TABLE review_events (
     id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     type text NOT NULL CHECK (type IN ('created', 'opened', 'revoked')),
     article text NOT NULL,
     link_id text NOT NULL,
     editor text NOT NULL,
     at bigint NOT NULL
   );
   CREATE INDEX review_events_by_time ON review_events (at);`,
];

// The bytes of "khabar-r" as one 64-bit number; the comments store locks "khabar-m".
const migrationLock = '7739543034805759346';


type LinkRow = {
  id: string;
  article: string;
  created_at: string;
  expires_at: string;
  created_by: string;
  revoked_at: string | null;
  first_opened_at: string | null;
};

// bigint columns arrive as strings; millisecond times stay far below 2^53.
const fromRow = (row: LinkRow): ReviewLink => ({
  id: row.id,
  article: row.article,
  createdAt: Number(row.created_at),
  expiresAt: Number(row.expires_at),
  createdBy: row.created_by,
  revokedAt: row.revoked_at === null ? null : Number(row.revoked_at),
  firstOpenedAt: row.first_opened_at === null ? null : Number(row.first_opened_at),
});

const schema = { versionTable: 'review_schema_migrations', lock: migrationLock, label: 'the review tables', migrations };

export async function openPostgresReviewStore(config: PostgresConfig): Promise<ReviewStore> {
  // Review links are opened a few times a day: a small pool beside the comments' one.
  const { pool, query } = await openStorePool(config, { name: 'review', max: Math.min(config.poolMax, 4), applicationName: `${config.applicationName}-review`, schema });
  let closing: Promise<void> | undefined;

  return {
    async createLink(link) {
      await query('INSERT INTO review_links (id, article, created_at, expires_at, created_by) VALUES ($1, $2, $3, $4, $5)', [
        link.id,
        link.article,
        link.createdAt,
        link.expiresAt,
        link.createdBy,
      ]);
    },
    async findLink(id) {
      const row = (await query<LinkRow>('SELECT * FROM review_links WHERE id = $1', [id])).rows[0];
      return row && fromRow(row);
    },
    async markOpened(id, at) {
      return ((await query('UPDATE review_links SET first_opened_at = $1 WHERE id = $2 AND first_opened_at IS NULL', [at, id])).rowCount ?? 0) > 0;
    },
    async liveLinks(now) {
      const { rows } = await query<LinkRow>('SELECT * FROM review_links WHERE revoked_at IS NULL AND expires_at > $1 ORDER BY article, expires_at, id', [now]);
      return rows.map(fromRow);
    },
    async revokeLink(id, at) {
      return ((await query('UPDATE review_links SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL', [at, id])).rowCount ?? 0) > 0;
    },
    async revokeArticle(article, at) {
      const { rows } = await query<{ id: string }>('UPDATE review_links SET revoked_at = $1 WHERE article = $2 AND revoked_at IS NULL RETURNING id', [at, article]);
      return rows.map((r) => r.id).sort();
    },
    async recordEvent(event) {
      await query('INSERT INTO review_events (type, article, link_id, editor, at) VALUES ($1, $2, $3, $4, $5)', [
        event.type,
        event.article,
        event.linkId,
        event.editor,
        event.at,
      ]);
    },
    async recentEvents(limit) {
      const { rows } = await query<{ type: ReviewEvent['type']; article: string; link_id: string; editor: string; at: string }>(
        'SELECT type, article, link_id, editor, at FROM review_events ORDER BY at DESC, id DESC LIMIT $1',
        [limit],
      );
      return rows.map((r) => ({ type: r.type, article: r.article, linkId: r.link_id, editor: r.editor, at: Number(r.at) }));
    },
    close() {
      return (closing ??= pool.end());
    },
  };
}
