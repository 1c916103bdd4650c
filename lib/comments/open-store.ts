import 'server-only';
import { z } from 'zod';
import { openSqliteStore } from '@/lib/comments/sqlite-store';
import type { CommentStore } from '@/lib/comments/store';

export type PostgresConfig = {
  url: string;
  /** Connections this process may hold; every instance has its own pool, so the server sees instances × this. */
  poolMax: number;
  /** An idle connection is closed after this long. */
  idleTimeoutMs: number;
  /** How long to wait for a connection (a new one, or a free one from a busy pool) before giving up with a 503. */
  connectTimeoutMs: number;
  /** Any one statement, including waiting for a lock, is cancelled after this long. */
  statementTimeoutMs: number;
  applicationName: string;
};

// An empty variable counts as unset, as in a `.env` line left blank.
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema);
const milliseconds = (fallback: number) => optional(z.coerce.number().int().min(1).max(3_600_000).default(fallback));

const postgresEnv = z.object({
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\/\S+$/, 'expected postgres://user:password@host:port/database'),
  DATABASE_POOL_MAX: optional(z.coerce.number().int().min(1).max(1000).default(10)),
  DATABASE_IDLE_TIMEOUT_MS: milliseconds(30_000),
  DATABASE_CONNECT_TIMEOUT_MS: milliseconds(5_000),
  DATABASE_STATEMENT_TIMEOUT_MS: milliseconds(5_000),
});

/** The PostgreSQL settings from the environment; a bad value names the variable. */
export function postgresConfigFromEnv(env: Record<string, string | undefined> = process.env): PostgresConfig {
  const parsed = postgresEnv.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`Invalid PostgreSQL settings for the comments store: ${problems}`);
  }
  const e = parsed.data;
  return {
    url: e.DATABASE_URL,
    poolMax: e.DATABASE_POOL_MAX,
    idleTimeoutMs: e.DATABASE_IDLE_TIMEOUT_MS,
    connectTimeoutMs: e.DATABASE_CONNECT_TIMEOUT_MS,
    statementTimeoutMs: e.DATABASE_STATEMENT_TIMEOUT_MS,
    applicationName: 'khabar',
  };
}

/**
 * PostgreSQL when DATABASE_URL is set, otherwise the SQLite file. The `pg`
 * driver is loaded only in the first case, so the default set-up neither
 * needs nor loads it.
 */
export function openConfiguredStore(env: Record<string, string | undefined>, sqliteFile: string): CommentStore {
  if (!env.DATABASE_URL) return openSqliteStore(sqliteFile);
  const config = postgresConfigFromEnv(env);
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
