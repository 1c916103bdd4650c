import 'server-only';
import path from 'node:path';
import { openSqliteReviewStore } from '@/lib/review/sqlite-store';
import type { ReviewStore } from '@/lib/review/store';
import { settings } from '@/lib/settings.mjs';
import type { PostgresConfig } from '@/lib/settings.mjs';
import { onShutdown, processSingleton } from '@/server/runtime.mjs';

/** PostgreSQL when DATABASE_URL is set (the driver loaded only then), otherwise the SQLite file. */
export function openConfiguredReviewStore(database: PostgresConfig | undefined, sqliteFile: string): ReviewStore {
  if (!database) return openSqliteReviewStore(sqliteFile);
  const config = database;
  return deferredReviewStore(async () => (await import('@/lib/review/pg-store')).openPostgresReviewStore(config));
}

/** Opens on first use; a failed open (database down at start) is retried by the next call. */
export function deferredReviewStore(open: () => Promise<ReviewStore>): ReviewStore {
  let opening: Promise<ReviewStore> | undefined;
  let closed = false;
  const ready = (): Promise<ReviewStore> => {
    if (closed) return Promise.reject(new Error('the review store is closed'));
    opening ??= open().catch((error: unknown) => {
      opening = undefined;
      throw error;
    });
    return opening;
  };
  return {
    createLink: async (link) => (await ready()).createLink(link),
    findLink: async (id) => (await ready()).findLink(id),
    markOpened: async (id, at) => (await ready()).markOpened(id, at),
    liveLinks: async (now) => (await ready()).liveLinks(now),
    revokeLink: async (id, at) => (await ready()).revokeLink(id, at),
    revokeArticle: async (article, at) => (await ready()).revokeArticle(article, at),
    recordEvent: async (event) => (await ready()).recordEvent(event),
    recentEvents: async (limit) => (await ready()).recentEvents(limit),
    async close() {
      closed = true;
      const store = await opening?.catch(() => undefined);
      await store?.close();
    },
  };
}

/** One store per process, shared by the proxy and the pages (processSingleton), closed at shutdown. */
export function getReviewStore(): ReviewStore {
  return processSingleton('review-links', () => {
    const store = openConfiguredReviewStore(settings().database, path.join(settings().dataDir, 'review.db'));
    onShutdown(() => store.close());
    return store;
  });
}
