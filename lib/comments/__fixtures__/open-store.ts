/**
 * Opens a store by location, for the shared store suite and its child
 * processes: a postgres:// URL is a PostgreSQL database, anything else a
 * SQLite file.
 */
import { openSqliteStore } from '@/lib/comments/sqlite-store';
import type { CommentStore } from '@/lib/comments/store';

export const isPostgresLocation = (location: string) => /^postgres(ql)?:\/\//.test(location);

export async function openStoreAt(location: string, env: Record<string, string | undefined> = {}): Promise<CommentStore> {
  if (!isPostgresLocation(location)) return openSqliteStore(location);
  const [{ openPostgresStore }, { postgresConfigFromEnv }] = await Promise.all([
    import('@/lib/comments/pg-store'),
    import('@/lib/comments/open-store'),
  ]);
  return openPostgresStore(postgresConfigFromEnv({ ...env, DATABASE_URL: location }));
}
