/**
 * The PostgreSQL comments store against a real server started for this file
 * by testing/services/postgres.mjs: the shared store suite (store-suite.ts),
 * then what only PostgreSQL has: configuration, pool limits, timeouts, lost
 * connections, errors mapped to 503, and selection by DATABASE_URL.
 *
 * PostgreSQL must be installed. Without it every test here fails, saying to
 * install the `postgresql` package (CI does). PG_TEST_PORT picks the port.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import pg from 'pg';
import { closeStoreSingleton, releaseContent, setupTempSite, slugs } from '@/testing/fixtures/comments/site';
import { spawnFixture } from '@/testing/fixtures/comments/spawn';
import { openConfiguredStore, type PostgresConfig } from '@/lib/comments/open-store';
import { readSettings } from '@/lib/settings.mjs';
import { processSingleton } from '@/server/runtime.mjs';

/** The PostgreSQL settings an environment gives (the parsing itself is lib/settings.mjs). */
const postgresConfig = (env: Record<string, string | undefined>) => readSettings(env).database!;
import { migrations, openPostgresStore } from '@/lib/comments/pg-store';
import { isUnavailable } from '@/lib/store/postgres';
import { StoreUnavailableError, type NewComment } from '@/lib/comments/store';
import { describeStore, type StoreSchema } from '@/testing/contracts/comment-store';
import type { PostgresServer } from '@/testing/services/postgres.mjs';

// Before lib/comments/service.ts (and through it lib/content) is first imported.
const site = setupTempSite('khabar-pg-');

let starting: Promise<PostgresServer> | undefined;
let adminPool: pg.Pool | undefined;
/** The server, started on first use: a missing PostgreSQL fails each test with the reason. */
const server = () =>
  (starting ??= import('@/testing/services/postgres.mjs').then((m) =>
    // fsync=off: this server's data is thrown away; nothing here depends on surviving an OS crash.
    m.startPostgres({ port: process.env.PG_TEST_PORT ? Number(process.env.PG_TEST_PORT) : undefined, fsync: false }),
  ));
const admin = async () => (adminPool ??= new pg.Pool({ connectionString: (await server()).adminUrl, max: 2 }));

after(async () => {
  await closeStoreSingleton();
  await adminPool?.end();
  const running = await starting?.catch(() => undefined);
  await running?.stop();
  await releaseContent();
  site.cleanup();
});

let databases = 0;
/** A new empty database on the test server. */
async function freshDatabase(): Promise<string> {
  const name = `store_${++databases}`;
  await (await admin()).query(`CREATE DATABASE ${name}`);
  const url = new URL((await server()).url);
  url.pathname = `/${name}`;
  return url.href;
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const config = (url: string, overrides: Partial<PostgresConfig> = {}): PostgresConfig => ({ ...postgresConfig({ DATABASE_URL: url }), ...overrides });

describeStore('PostgreSQL', {
  fresh: freshDatabase,
  open: (url) => openPostgresStore(config(url)),
  migrationCount: migrations.length,
  schemaVersion: (url) => withClient(url, async (c) => (await c.query<{ v: number }>('SELECT max(version) AS v FROM schema_migrations')).rows[0]!.v),
  schema: (url) =>
    withClient(url, async (c) => {
      const columns = await c.query<{ table_name: string; columns: string[] }>(
        `SELECT table_name, array_agg(column_name::text ORDER BY ordinal_position) AS columns
         FROM information_schema.columns WHERE table_schema = 'public' GROUP BY table_name ORDER BY table_name`,
      );
      const indexes = await c.query<{ indexname: string }>("SELECT indexname FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname");
      const tables: StoreSchema['tables'] = {};
      for (const row of columns.rows) tables[row.table_name] = row.columns;
      return { tables, indexes: indexes.rows.map((r) => r.indexname) };
    }),
  markNewer: (url, version) =>
    withClient(url, async (c) => {
      await c.query('CREATE TABLE schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
      await c.query('INSERT INTO schema_migrations (version) VALUES ($1)', [version]);
    }),
  checkIntegrity: (url) =>
    withClient(url, async (c) => {
      // amcheck verifies every B-tree index against the table it indexes.
      await c.query('CREATE EXTENSION IF NOT EXISTS amcheck');
      const checked = await c.query(
        `SELECT bt_index_check(i.indexrelid, true) FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
         JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = 'public'`,
      );
      assert.ok(checked.rowCount! >= 6, `${checked.rowCount} indexes checked`);
      const orphans = await c.query('SELECT r.id FROM comments r LEFT JOIN comments p ON p.id = r.parent_id WHERE r.parent_id IS NOT NULL AND p.id IS NULL');
      assert.equal(orphans.rowCount, 0, 'replies without a parent');
    }),
});

const sha = (text: string) => createHash('sha256').update(text).digest('base64url');
function newComment(clientHash: string, body = `تعليق من ${clientHash}`): NewComment {
  return { article: 'gulf-summit-opens', parentId: null, name: 'ليلى', body, bodyHash: sha(body), clientHash, status: 'approved', createdAt: Date.now() };
}
const windows = () => ({ sinceMs: Date.now() - 600_000, duplicateSinceMs: Date.now() - 600_000 });
const accept = () => undefined;

/** Connections a store holds right now, found by the application name it was given. */
async function connectionsOf(applicationName: string): Promise<number> {
  const { rows } = await (await admin()).query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1', [applicationName]);
  return rows[0]!.n;
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('PostgreSQL: configuration from the environment', () => {
  test('defaults, blank variables as unset, and a bad value named', () => {
    const url = 'postgres://khabar:secret@db.internal:5432/khabar';
    const defaults = { url, poolMax: 10, idleTimeoutMs: 30_000, connectTimeoutMs: 5_000, statementTimeoutMs: 5_000, applicationName: 'khabar' };
    assert.deepEqual(postgresConfig({ DATABASE_URL: url }), defaults);
    assert.deepEqual(postgresConfig({ DATABASE_URL: url, DATABASE_POOL_MAX: '', DATABASE_STATEMENT_TIMEOUT_MS: '' }), defaults);
    assert.deepEqual(
      postgresConfig({
        DATABASE_URL: url,
        DATABASE_POOL_MAX: '4',
        DATABASE_IDLE_TIMEOUT_MS: '1000',
        DATABASE_CONNECT_TIMEOUT_MS: '2000',
        DATABASE_STATEMENT_TIMEOUT_MS: '3000',
      }),
      { ...defaults, poolMax: 4, idleTimeoutMs: 1000, connectTimeoutMs: 2000, statementTimeoutMs: 3000 },
    );
    assert.throws(() => postgresConfig({ DATABASE_URL: url, DATABASE_POOL_MAX: 'lots' }), /DATABASE_POOL_MAX/);
    assert.throws(() => postgresConfig({ DATABASE_URL: url, DATABASE_POOL_MAX: '0' }), /DATABASE_POOL_MAX/);
    assert.throws(() => postgresConfig({ DATABASE_URL: url, DATABASE_STATEMENT_TIMEOUT_MS: '1.5' }), /DATABASE_STATEMENT_TIMEOUT_MS/);
    assert.throws(() => postgresConfig({ DATABASE_URL: 'mysql://db/khabar' }), /DATABASE_URL: expected postgres:\/\//);
  });
});

describe('PostgreSQL: which failures are the database being unavailable', () => {
  test('connection, timeout and resource errors are; mistakes in the code are not', () => {
    const withCode = (code: string) => Object.assign(new Error(code), { code });
    for (const code of ['08006', '08001', '57014', '57P01', '53300', '53100', '40001', '40P01', '25006', '3D000', '28P01']) {
      assert.equal(isUnavailable(withCode(code)), true, code);
    }
    for (const [code, syscall] of [['ECONNREFUSED', 'connect'], ['ECONNRESET', 'read'], ['EPIPE', 'write'], ['ETIMEDOUT', 'connect'], ['ENOTFOUND', 'getaddrinfo']] as const) {
      assert.equal(isUnavailable(Object.assign(withCode(code), { syscall })), true, code);
    }
    for (const message of ['timeout exceeded when trying to connect', 'Connection terminated unexpectedly', 'Connection terminated due to connection timeout']) {
      assert.equal(isUnavailable(new Error(message)), true, message);
    }
    for (const code of ['42P01', '42601', '23505', '23503', '22P02', 'XX000']) assert.equal(isUnavailable(withCode(code)), false, code);
    assert.equal(isUnavailable(new Error('policy bug')), false);
    assert.equal(isUnavailable(undefined), false);
  });
});

describe('PostgreSQL: the pool', () => {
  test('never holds more than poolMax connections, and closes idle ones after the idle timeout', async () => {
    const applicationName = 'khabar-pool-test';
    const store = await openPostgresStore(config(await freshDatabase(), { poolMax: 3, idleTimeoutMs: 300, applicationName }));
    try {
      let most = 0;
      let sampling = true;
      const sampler = (async () => {
        while (sampling) {
          most = Math.max(most, await connectionsOf(applicationName));
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      })();
      const work = Array.from({ length: 60 }, (_, i) =>
        i % 2 ? store.post(newComment(`pool-${i}`), windows(), accept) : store.listApproved('gulf-summit-opens', { page: 1, pageSize: 20, sort: 'newest' }),
      );
      const results = await Promise.all(work);
      sampling = false;
      await sampler;
      assert.equal(results.filter((r) => 'ok' in r && r.ok).length, 30, 'every post stored');
      assert.equal(await store.countApproved('gulf-summit-opens'), 30);
      assert.ok(most >= 1 && most <= 3, `${most} connections at once`);
      await waitFor(async () => (await connectionsOf(applicationName)) === 0, 5_000, 'idle connections to close');
    } finally {
      await store.close();
    }
  });

  test('close() ends every connection', async () => {
    const applicationName = 'khabar-close-test';
    const store = await openPostgresStore(config(await freshDatabase(), { applicationName }));
    await Promise.all(Array.from({ length: 5 }, (_, i) => store.post(newComment(`close-${i}`), windows(), accept)));
    assert.ok((await connectionsOf(applicationName)) >= 1);
    await store.close();
    await store.close(); // twice is harmless
    await waitFor(async () => (await connectionsOf(applicationName)) === 0, 2_000, 'connections to end');
  });

  test('a stuck database: statements give up after the statement timeout, callers after the connect timeout, as StoreUnavailableError', async () => {
    const url = await freshDatabase();
    const store = await openPostgresStore(config(url, { poolMax: 1, statementTimeoutMs: 400, connectTimeoutMs: 200 }));
    const locker = new pg.Client({ connectionString: url });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE comments IN ACCESS EXCLUSIVE MODE');
      const started = Date.now();
      const blocked = store.countApproved('gulf-summit-opens').then(
        () => assert.fail('a locked table was read'),
        (error: unknown) => ({ error, ms: Date.now() - started }),
      );
      // The one connection is busy waiting for the lock, so this caller never gets one.
      const queued = store.post(newComment('queued'), windows(), accept).then(
        () => assert.fail('a post went through with no connection to spare'),
        (error: unknown) => ({ error, ms: Date.now() - started }),
      );
      for (const [what, outcome, limit] of [['statement', await blocked, 400], ['connect', await queued, 200]] as const) {
        assert.ok(outcome.error instanceof StoreUnavailableError, `${what}: ${String(outcome.error)}`);
        assert.equal(outcome.error.code, 'STORE_UNAVAILABLE');
        assert.ok(outcome.ms >= limit - 50 && outcome.ms < limit + 2_000, `${what} gave up after ${outcome.ms} ms`);
      }
      assert.equal(((await blocked).error as StoreUnavailableError & { cause: { code?: string } }).cause.code, '57014', 'query_canceled');
      await locker.query('ROLLBACK');
      const after = await store.post(newComment('after'), windows(), accept);
      assert.ok(after.ok, 'the store works again once the lock is gone');
    } finally {
      await locker.end();
      await store.close();
    }
  });

  test('connections killed by the server (a restart, a failover) neither crash the process nor fail the next request', async (t) => {
    const applicationName = 'khabar-kill-test';
    const logged = t.mock.method(console, 'error', () => {});
    const store = await openPostgresStore(config(await freshDatabase(), { poolMax: 4, applicationName }));
    try {
      await Promise.all(Array.from({ length: 8 }, (_, i) => store.post(newComment(`kill-${i}`), windows(), accept)));
      const idle = await connectionsOf(applicationName);
      assert.ok(idle >= 1);
      await (await admin()).query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [applicationName]);
      await waitFor(async () => logged.mock.callCount() >= idle, 5_000, 'the pool to notice the lost connections');
      const next = await store.post(newComment('after-restart'), windows(), accept);
      assert.ok(next.ok);
      assert.equal(await store.countApproved('gulf-summit-opens'), 9);
    } finally {
      await store.close();
    }
  });

  test('no server at the address: opening fails as StoreUnavailableError, quickly', async () => {
    const started = Date.now();
    await assert.rejects(openPostgresStore(config('postgres://postgres@127.0.0.1:1/khabar')), (error: unknown) => {
      assert.ok(error instanceof StoreUnavailableError, String(error));
      return true;
    });
    assert.ok(Date.now() - started < 5_000);
  });
});

describe('PostgreSQL: the site on DATABASE_URL', () => {
  async function useDatabase(url: string | undefined): Promise<typeof import('@/lib/comments/service')> {
    await closeStoreSingleton();
    // What service.ts opens with DATABASE_URL set (or not): settings are read once per process,
    // so the store it would open is put in its place.
    processSingleton('comments', () => openConfiguredStore(url === undefined ? undefined : readSettings({ DATABASE_URL: url }).database, site.dbFile));
    return import('@/lib/comments/service');
  }

  test('posts, rate limits and lists through PostgreSQL, sharing the client salt between instances', async () => {
    const url = await freshDatabase();
    try {
      const service = await useDatabase(url);
      const payload = { article: slugs.published, name: 'ليلى حداد', body: 'تعليق محفوظ في PostgreSQL.' };
      const first = await service.submitComment(payload, '203.0.113.7');
      assert.ok(first.ok && first.status === 201, JSON.stringify(first));
      const again = await service.submitComment({ ...payload, body: 'تعليق ثان بسرعة.' }, '203.0.113.7');
      assert.ok(!again.ok && again.error.status === 429, JSON.stringify(again));
      const other = await service.submitComment({ ...payload, body: 'من قارئ آخر.' }, '203.0.113.8');
      assert.ok(other.ok && other.status === 201);
      const listed = await service.listComments(slugs.published, 1, 'oldest');
      assert.ok(listed.ok);
      assert.deepEqual(listed.page.comments.map((c) => c.body), [payload.body, 'من قارئ آخر.']);
      assert.equal(await service.approvedCount(slugs.published), 2);

      // A second instance (a fresh store on the same database) limits the same reader.
      const rows = await withClient(url, async (c) => (await c.query('SELECT key FROM settings ORDER BY key')).rows);
      assert.deepEqual(rows, [{ key: 'client_salt' }]);
      const secondInstance = await useDatabase(url);
      const fromSecond = await secondInstance.submitComment({ ...payload, body: 'من الخادم الثاني.' }, '203.0.113.7');
      assert.ok(!fromSecond.ok && fromSecond.error.status === 429, JSON.stringify(fromSecond));
    } finally {
      await useDatabase(undefined);
    }
  });

  test('database unreachable: POST and GET answer 503 storage_unavailable, the count shows 0, nothing throws', async (t) => {
    t.mock.method(console, 'error', () => {});
    try {
      const service = await useDatabase('postgres://postgres@127.0.0.1:1/khabar');
      const post = await service.submitComment({ article: slugs.published, name: 'ليلى حداد', body: 'لن يُحفظ هذا.' }, '203.0.113.9');
      assert.ok(!post.ok);
      assert.equal(post.error.status, 503);
      assert.equal(post.error.code, 'storage_unavailable');
      const list = await service.listComments(slugs.published, 1, 'newest');
      assert.ok(!list.ok);
      assert.equal(list.error.status, 503);
      assert.equal(await service.approvedCount(slugs.published), 0);
    } finally {
      await useDatabase(undefined);
    }
  });

  test('the pg driver is loaded only when DATABASE_URL is set', { timeout: 60_000 }, async () => {
    const url = await freshDatabase();
    const run = async (env: Record<string, string | undefined>) => {
      const result = await spawnFixture('store-selection.ts', [], env).done;
      assert.equal(result.code, 0, result.stderr);
      return JSON.parse(result.stdout.trim().split('\n').at(-1)!) as { count: number; pgLoaded: boolean };
    };
    const [sqlite, postgres] = await Promise.all([run({ DATABASE_URL: undefined }), run({ DATABASE_URL: url })]);
    assert.deepEqual(sqlite, { count: 0, pgLoaded: false });
    assert.deepEqual(postgres, { count: 0, pgLoaded: true });
    // Only the PostgreSQL run touched the database.
    assert.equal(await withClient(url, async (c) => (await c.query<{ v: number }>('SELECT max(version) AS v FROM schema_migrations')).rows[0]!.v), migrations.length);
  });
});
