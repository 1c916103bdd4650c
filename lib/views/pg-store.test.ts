/**
 * The PostgreSQL view store against a server started for this file by
 * testing/services/postgres.mjs: the shared view store suite, then sharing a
 * database with the comments. PostgreSQL must be installed (CI does); PG_TEST_PORT picks the port.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { openPostgresStore } from '@/lib/comments/pg-store';
import { readSettings } from '@/lib/settings.mjs';
import { migrations, openPostgresViewStore } from '@/lib/views/pg-store';
import { hourMs } from '@/lib/views/store';
import { describeViewStore } from '@/testing/contracts/view-store';
import type { PostgresServer } from '@/testing/services/postgres.mjs';

let starting: Promise<PostgresServer> | undefined;
let adminPool: pg.Pool | undefined;
const server = () =>
  (starting ??= import('@/testing/services/postgres.mjs').then((m) =>
    m.startPostgres({ port: process.env.PG_TEST_PORT ? Number(process.env.PG_TEST_PORT) : undefined, fsync: false }),
  ));
const admin = async () => (adminPool ??= new pg.Pool({ connectionString: (await server()).adminUrl, max: 2 }));

after(async () => {
  await adminPool?.end();
  const running = await starting?.catch(() => undefined);
  await running?.stop();
});

let databases = 0;
async function freshDatabase(): Promise<string> {
  const name = `views_${++databases}`;
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

const config = (url: string) => readSettings({ DATABASE_URL: url }).database!;

describeViewStore('PostgreSQL', {
  fresh: freshDatabase,
  open: (url) => openPostgresViewStore(config(url)),
  migrationCount: migrations.length,
  schemaVersion: (url) => withClient(url, async (c) => (await c.query<{ v: number }>('SELECT max(version) AS v FROM view_schema_migrations')).rows[0]!.v),
  tables: (url) =>
    withClient(url, async (c) => {
      const { rows } = await c.query<{ table_name: string; columns: string[] }>(
        `SELECT table_name, array_agg(column_name::text ORDER BY ordinal_position) AS columns
         FROM information_schema.columns WHERE table_schema = 'public' AND table_name LIKE 'view\\_%' AND table_name <> 'view_schema_migrations'
         GROUP BY table_name ORDER BY table_name`,
      );
      return Object.fromEntries(rows.map((r) => [r.table_name, r.columns]));
    }),
  markNewer: (url, version) =>
    withClient(url, async (c) => {
      await c.query('CREATE TABLE view_schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
      await c.query('INSERT INTO view_schema_migrations (version) VALUES ($1)', [version]);
    }),
});

describe('PostgreSQL views: one database with the comments', () => {
  test('both stores migrate the same database, in either order, each keeping its own versions', async () => {
    const url = await freshDatabase();
    const views = await openPostgresViewStore(config(url));
    const comments = await openPostgresStore(config(url));
    try {
      assert.equal(await views.record([{ article: 'a', reader: 'r', at: Date.now() }], hourMs), 1);
      assert.equal(await comments.countApproved('a'), 0);
    } finally {
      await Promise.all([views.close(), comments.close()]);
    }
    const versions = await withClient(url, async (c) => ({
      comments: (await c.query<{ v: number }>('SELECT max(version) AS v FROM schema_migrations')).rows[0]!.v,
      views: (await c.query<{ v: number }>('SELECT max(version) AS v FROM view_schema_migrations')).rows[0]!.v,
    }));
    assert.equal(versions.views, migrations.length);
    assert.ok(versions.comments >= 1);
  });
});
