// A throwaway PostgreSQL server for tests, benchmarks and trying DATABASE_URL by hand: a fresh cluster
// in a temporary folder, listening on 127.0.0.1 only, removed again by stop().
//
//   node testing/services/postgres.mjs [--port 4300]   prints the URL, stays up until Ctrl-C
//
// PostgreSQL refuses to run as root, so as root (CI) every server binary runs as the `postgres`
// user through runuser, on a folder handed over to that user.
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { freePort } from './free-port.mjs';

const installHint =
  'PostgreSQL is not installed: no initdb under /usr/lib/postgresql/*/bin or on PATH. ' +
  'Install the `postgresql` package (Debian/Ubuntu: apt-get install -y postgresql), or set PG_BIN to the folder holding initdb.';

/** The folder with initdb, pg_ctl and postgres: PG_BIN, Debian's newest version, or PATH. */
export function findPostgresBin() {
  const candidates = [];
  if (process.env.PG_BIN) candidates.push(process.env.PG_BIN);
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian).filter((v) => /^\d+(\.\d+)?$/.test(v));
    versions.sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => path.join(debian, v, 'bin')));
  }
  candidates.push(...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean));
  const bin = candidates.find((dir) => ['initdb', 'pg_ctl', 'postgres'].every((b) => existsSync(path.join(dir, b))));
  if (!bin) throw new Error(installHint);
  return bin;
}

function postgresUid() {
  const result = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error('Running as root, but there is no `postgres` user to run PostgreSQL as. Install the `postgresql` package, which creates it.');
  }
  const uid = Number(result.stdout.trim());
  const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
  return { uid, gid };
}

/**
 * Starts a new cluster and creates `database` in it.
 * `fsync: false` trades crash safety of the *server* for speed; only for throwaway test data.
 * @param {{ port?: number, database?: string, fsync?: boolean }} [options]
 * @returns {Promise<{ url: string, adminUrl: string, port: number, dir: string, stop: () => Promise<void> }>}
 */
/** Creates database `name` through the server's admin URL. */
export async function createDatabase(adminUrl, name) {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  } finally {
    await admin.end();
  }
}

export async function startPostgres({ port, database = 'khabar', fsync = true } = {}) {
  const bin = findPostgresBin();
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? postgresUid() : undefined;
  const dir = mkdtempSync(path.join(tmpdir(), 'khabar-pg-'));
  const dataDir = path.join(dir, 'data');
  const logFile = path.join(dir, 'postgres.log');
  if (owner) chownSync(dir, owner.uid, owner.gid);

  // cwd is the temporary folder: the postgres user may not be allowed into the caller's folder.
  const exec = (name, args) => {
    const [command, fullArgs] = asRoot ? ['runuser', ['-u', 'postgres', '--', path.join(bin, name), ...args]] : [path.join(bin, name), args];
    const result = spawnSync(command, fullArgs, { cwd: dir, encoding: 'utf8', env: { ...process.env, LC_ALL: 'C.UTF-8' } });
    if (result.error) throw result.error;
    return result;
  };
  const fail = (what, result) => {
    rmSync(dir, { recursive: true, force: true });
    return new Error(`${what} failed (exit ${result.status}):\n${result.stderr || result.stdout}`);
  };

  const init = exec('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8', '--no-instructions']);
  if (init.status !== 0) throw fail('initdb', init);

  // Trust authentication is tolerable only because the server listens on loopback and a socket in
  // a folder only its owner can enter.
  const chosen = port ?? (await freePort());
  const options = [
    `-p ${chosen}`,
    '-c listen_addresses=127.0.0.1',
    `-c unix_socket_directories='${dir}'`,
    '-c max_connections=200',
    ...(fsync ? [] : ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off']),
  ].join(' ');
  const start = exec('pg_ctl', ['-D', dataDir, '-l', logFile, '-o', options, '-w', '-t', '30', 'start']);
  if (start.status !== 0) {
    const log = existsSync(logFile) ? spawnSync('tail', ['-n', '20', logFile], { encoding: 'utf8' }).stdout : '';
    throw fail(`pg_ctl start on port ${chosen}`, { ...start, stderr: `${start.stderr}\n${log}` });
  }

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    // fast: open sessions are disconnected instead of waited for.
    exec('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', '-t', '30', 'stop']);
    rmSync(dir, { recursive: true, force: true });
  };

  const adminUrl = `postgres://postgres@127.0.0.1:${chosen}/postgres`;
  try {
    await createDatabase(adminUrl, database);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `postgres://postgres@127.0.0.1:${chosen}/${database}`, adminUrl, port: chosen, dir, stop };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const portFlag = process.argv.indexOf('--port');
  const port = portFlag > 0 ? Number(process.argv[portFlag + 1]) : undefined;
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) {
    console.error('usage: node testing/services/postgres.mjs [--port <1-65535>]');
    process.exit(2);
  }
  try {
    const server = await startPostgres({ port });
    console.log(`PostgreSQL ready (data in ${server.dir}, removed on exit):`);
    console.log(`  DATABASE_URL=${server.url}`);
    console.log('Ctrl-C to stop.');
    // The server runs detached (pg_ctl); this keeps the process, and with it stop(), around.
    const keepAlive = setInterval(() => {}, 1 << 30);
    const shutdown = async () => {
      clearInterval(keepAlive);
      await server.stop();
      process.exit(0);
    };
    process.on('SIGINT', shutdown);
    process.on('SIGTERM', shutdown);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
