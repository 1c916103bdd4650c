/**
 * The PostgreSQL review store against a real server started for this file by
 * testing/services/postgres.mjs: the shared review store contract. PostgreSQL must be installed
 * (CI installs Debian's `postgresql`); PG_TEST_PORT picks the port.
 */
import { after } from 'node:test';
import pg from 'pg';
import { readSettings } from '@/lib/settings.mjs';
import { migrations, openPostgresReviewStore } from '@/lib/review/pg-store';
import { describeReviewStore } from '@/testing/contracts/review-store';
import type { PostgresServer } from '@/testing/services/postgres.mjs';

let starting: Promise<PostgresServer> | undefined;
const server = () =>
  (starting ??= import('@/testing/services/postgres.mjs').then((m) =>
    m.startPostgres({ port: process.env.PG_TEST_PORT ? Number(process.env.PG_TEST_PORT) : undefined, fsync: false }),
  ));

after(async () => {
  const running = await starting?.catch(() => undefined);
  await running?.stop();
});

let databases = 0;
async function freshDatabase(): Promise<string> {
  const { adminUrl, url } = await server();
  const name = `review_${++databases}`;
  await (await import('@/testing/services/postgres.mjs')).createDatabase(adminUrl, name);
  const address = new URL(url);
  address.pathname = `/${name}`;
  return address.href;
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

describeReviewStore('PostgreSQL', {
  fresh: freshDatabase,
  open: (url) => openPostgresReviewStore(readSettings({ DATABASE_URL: url }).database!),
  migrationCount: migrations.length,
  schemaVersion: (url) => withClient(url, async (c) => (await c.query<{ v: number }>('SELECT max(version) AS v FROM review_schema_migrations')).rows[0]!.v),
  markNewer: (url, version) =>
    withClient(url, async (c) => {
      await c.query('CREATE TABLE review_schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
      await c.query('INSERT INTO review_schema_migrations (version) VALUES ($1)', [version]);
    }),
});
