import 'server-only';
import pg from 'pg';
import { StoreUnavailableError } from '@/lib/comments/store';
import type { PostgresConfig } from '@/lib/settings.mjs';

/*
 * What every PostgreSQL store (comments, view counts, review links) does the same way: tell an
 * unavailable database from a bad statement, run work in one transaction, and migrate its own
 * tables under its own advisory lock, so stores sharing a database never wait on or skip each
 * other's versions.
 */

// SQLSTATE classes that say "the database cannot serve this now", not "this code is wrong":
// 08 connection, 40 transaction rollback (serialisation, deadlock), 53 insufficient resources
// (disk full, too many connections), 57 operator intervention (statement timeout, shutdown),
// 58 system error, 28 authentication, 3D000 no such database, 25006 read-only standby,
// 55P03 lock not available.
const unavailableStates = /^(08|40|53|57|58|28)|^(3D000|25006|55P03)$/;
// node-postgres reports lost connections and its own timeouts as plain errors without a code.
const unavailableMessages = /Connection terminated|timeout exceeded when trying to connect|Query read timeout|not queryable|Client was closed/i;

export function isUnavailable(error: unknown): boolean {
  const { code, message, syscall } = (error ?? {}) as { code?: unknown; message?: unknown; syscall?: unknown };
  // Node's own network errors (ECONNREFUSED, ECONNRESET, EPIPE, ENOTFOUND...) name the failed system
  // call; checked first because EPIPE would otherwise pass for a five-character SQLSTATE.
  if (typeof syscall === 'string') return true;
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return unavailableStates.test(code);
  return typeof message === 'string' && unavailableMessages.test(message);
}

/** An unreachable database becomes StoreUnavailableError (a 503 upstream); anything else is left as it is. */
export function classify(error: unknown): unknown {
  if (error instanceof StoreUnavailableError || !isUnavailable(error)) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new StoreUnavailableError(`PostgreSQL unavailable: ${detail}`, { cause: error });
}

export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    // A connection that cannot even roll back is dropped rather than handed to the next caller.
    await client.query('ROLLBACK').catch((rollbackError: Error) => {
      broken = rollbackError;
    });
    throw error;
  } finally {
    client.release(broken);
  }
}

export type PostgresSchema = {
  /** Where this store records its versions. */
  versionTable: string;
  /** A 64-bit advisory lock key of this store's own. */
  lock: string;
  /** Named in the error when the database is newer than the code. */
  label: string;
  /** Each entry moves the schema one version up. */
  migrations: readonly string[];
};

/**
 * Brings the store's tables to the newest schema. Every instance runs this at start; the advisory
 * lock makes the others wait while one applies a version, then find nothing left to do.
 */
export async function migratePostgres(pool: pg.Pool, { versionTable, lock, label, migrations }: PostgresSchema): Promise<number> {
  return inTransaction(pool, async (client) => {
    // A future migration may rebuild an index on a large table: longer than a request's timeout.
    await client.query("SET LOCAL statement_timeout = '10min'");
    await client.query('SELECT pg_advisory_xact_lock($1)', [lock]);
    await client.query(`CREATE TABLE IF NOT EXISTS ${versionTable} (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await client.query<{ version: number }>(`SELECT coalesce(max(version), 0) AS version FROM ${versionTable}`);
    const current = rows[0]!.version;
    if (current > migrations.length) {
      throw new Error(`${label} is at schema version ${current}, newer than this code (${migrations.length})`);
    }
    for (let version = current; version < migrations.length; version++) {
      await client.query(migrations[version]!);
      await client.query(`INSERT INTO ${versionTable} (version) VALUES ($1)`, [version + 1]);
    }
    return migrations.length;
  });
}

export type StorePool = {
  pool: pg.Pool;
  /** One statement, with an unreachable database reported as StoreUnavailableError. */
  query<T extends pg.QueryResultRow>(text: string, values: unknown[]): Promise<pg.QueryResult<T>>;
};

/**
 * A store's own connection pool, migrated. Each store has its own pool (and application name, so
 * pg_stat_activity tells them apart); `max` caps it below DATABASE_POOL_MAX where the store is light.
 */
export async function openStorePool(
  config: PostgresConfig,
  { name, max, applicationName, schema }: { name: string; max: number; applicationName: string; schema: PostgresSchema },
): Promise<StorePool> {
  const pool = new pg.Pool({
    connectionString: config.url,
    max,
    idleTimeoutMillis: config.idleTimeoutMs,
    connectionTimeoutMillis: config.connectTimeoutMs,
    statement_timeout: config.statementTimeoutMs,
    // A process that stalls inside a transaction would otherwise hold its client's lock for ever.
    idle_in_transaction_session_timeout: config.statementTimeoutMs * 2,
    application_name: applicationName,
    keepAlive: true,
  });
  // A connection that dies while idle in the pool (database restart, network cut) emits 'error' on
  // the pool; unhandled, that would end the process. The pool replaces it on the next request.
  pool.on('error', (error) => console.error(`[${name}] idle PostgreSQL connection lost:`, error.message));
  try {
    await migratePostgres(pool, schema);
  } catch (error) {
    await pool.end().catch(() => {});
    throw classify(error);
  }
  return {
    pool,
    async query<T extends pg.QueryResultRow>(text: string, values: unknown[]) {
      try {
        return await pool.query<T>(text, values);
      } catch (error) {
        throw classify(error);
      }
    },
  };
}
