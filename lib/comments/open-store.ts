import 'server-only';
import type { PostgresConfig } from '@/lib/settings.mjs';
import { openSqliteStore } from '@/lib/comments/sqlite-store';
import type { CommentStore } from '@/lib/comments/store';

export type { PostgresConfig } from '@/lib/settings.mjs';

/**
 * PostgreSQL when DATABASE_URL is set, otherwise the SQLite file. The `pg`
 * driver is loaded only in the first case, so the default set-up neither
 * needs nor loads it.
 */
export function openConfiguredStore(database: PostgresConfig | undefined, sqliteFile: string): CommentStore {
  if (!database) return openSqliteStore(sqliteFile);
  const config = database;
  return deferredStore(async () => (await import('@/lib/comments/pg-store')).openPostgresStore(config));
}

/**
 * A store that opens on first use. Callers get a store synchronously, as from
 * SQLite; a failed open (database down at start-up) is retried by the next
 * call instead of being remembered for the life of the process.
 */
export function deferredStore(open: () => Promise<CommentStore>): CommentStore {
  let opening: Promise<CommentStore> | undefined;
  let closed = false;
  const ready = (): Promise<CommentStore> => {
    if (closed) return Promise.reject(new Error('the comment store is closed'));
    opening ??= open().catch((error: unknown) => {
      opening = undefined;
      throw error;
    });
    return opening;
  };
  return {
    async post(comment, windows, decide) {
      return (await ready()).post(comment, windows, decide);
    },
    async get(id) {
      return (await ready()).get(id);
    },
    async listApproved(article, options) {
      return (await ready()).listApproved(article, options);
    },
    async countApproved(article) {
      return (await ready()).countApproved(article);
    },
    async listByStatus(status, limit) {
      return (await ready()).listByStatus(status, limit);
    },
    async setStatus(id, status) {
      return (await ready()).setStatus(id, status);
    },
    async remove(id) {
      return (await ready()).remove(id);
    },
    async createSession(session) {
      return (await ready()).createSession(session);
    },
    async findSession(idHash) {
      return (await ready()).findSession(idHash);
    },
    async touchSession(idHash, at) {
      return (await ready()).touchSession(idHash, at);
    },
    async deleteSession(idHash) {
      return (await ready()).deleteSession(idHash);
    },
    async deleteAllSessions() {
      return (await ready()).deleteAllSessions();
    },
    async pruneSessions(idleBefore, createdBefore) {
      return (await ready()).pruneSessions(idleBefore, createdBefore);
    },
    async setting(key, create) {
      return (await ready()).setting(key, create);
    },
    async close() {
      closed = true;
      const store = await opening?.catch(() => undefined);
      await store?.close();
    },
  };
}
