import 'server-only';
import type { PostgresConfig } from '@/lib/settings.mjs';
import { openSqliteViewStore } from '@/lib/views/sqlite-store';
import type { ViewStore } from '@/lib/views/store';

/**
 * PostgreSQL when DATABASE_URL is set, otherwise `views.db` beside the
 * comments. The `pg` driver is loaded only in the first case.
 */
export function openConfiguredViewStore(database: PostgresConfig | undefined, sqliteFile: string): ViewStore {
  if (!database) return openSqliteViewStore(sqliteFile);
  const config = database;
  return deferredViewStore(async () => (await import('@/lib/views/pg-store')).openPostgresViewStore(config));
}

/** Opens on first use; a failed open is retried by the next call (see the comments' deferredStore). */
export function deferredViewStore(open: () => Promise<ViewStore>): ViewStore {
  let opening: Promise<ViewStore> | undefined;
  let closed = false;
  const ready = (): Promise<ViewStore> => {
    if (closed) return Promise.reject(new Error('the view store is closed'));
    opening ??= open().catch((error: unknown) => {
      opening = undefined;
      throw error;
    });
    return opening;
  };
  return {
    async record(views, dedupMs) {
      return (await ready()).record(views, dedupMs);
    },
    async top(since, limit) {
      return (await ready()).top(since, limit);
    },
    async hourly(since) {
      return (await ready()).hourly(since);
    },
    async compact(before) {
      return (await ready()).compact(before);
    },
    async forgetReaders(before) {
      return (await ready()).forgetReaders(before);
    },
    async dailySalt(day, create) {
      return (await ready()).dailySalt(day, create);
    },
    async totals() {
      return (await ready()).totals();
    },
    async close() {
      closed = true;
      const store = await opening?.catch(() => undefined);
      await store?.close();
    },
  };
}
