// The one way tests and benchmarks start a private production server: `node server/serve.mjs`
// (what `npm start` runs) on a free loopback port, with its own copy of the build, its own
// DATA_DIR and only the environment it is given.
//
//   const server = await startServer({ contentDir, env: { EDITOR_PASSWORD }, readyPath: '/' });
//   ... server.url ...; await server.stop();        // the copy and the data folder go with it
//
//   const build = copyBuild('kill9');               // one copy for several starts in a row
//   const server = await startServer({ dist: build.dist, dataDir }); ...; build.remove();
//
// Why a copy: Next writes pages it regenerates into its build folder, so a server showing a test's
// comments or articles would leave them in the build `npm start` and the end-to-end suite serve;
// and two instances on one folder would share pages through the disk and hide whether Redis does.
//
// Anything started or copied here is also removed when the process exits (a failed test, Ctrl-C
// in a benchmark that exits through process.exit), so no server outlives its test.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readlinkSync, symlinkSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './services/free-port.mjs';


export const root = fileURLToPath(new URL('..', import.meta.url));
/** The build every copy is made from: NEXT_DIST_DIR as `npm run build` used it, else .next. */
export const distDir = process.env.NEXT_DIST_DIR || '.next';

/**
 * Copies live inside the build folder (Next accepts a build folder only inside the application,
 * and tsconfig and eslint already ignore .next) under this one prefix, so that a copy never
 * includes another one, whoever made it and whenever.
 */
const copyPrefix = 'copy-';
/**
 * Not part of the build as deployed: Next's caches, development output, the trace, TypeScript
 * declarations (`types`), and pages a server rendered since the build (`server/route-cache`).
 */
const notTheBuild = (entry) => ['cache', 'dev', 'trace', 'types'].includes(entry) || entry.startsWith(copyPrefix);
const renderedSinceBuild = path.join('server', 'route-cache');

const killAfterDefaultMs = 35_000;

/** Folders to remove and servers to kill if the process exits before their owner does it. */
const leftovers = new Set();
process.once('exit', () => {
  for (const leftover of leftovers) {
    try {
      leftover();
    } catch {
      // best effort while exiting
    }
  }
});

/** rm -rf: fs.rmSync is several times slower on the few thousand files of a build. */
export function removeTree(dir) {
  spawnSync('rm', ['-rf', dir]);
}

export function requireBuild(dist = distDir) {
  if (!existsSync(path.join(root, dist, 'BUILD_ID'))) {
    throw new Error(`No production build in ${dist}: run \`npm run build\` first (npm test builds before it needs one).`);
  }
}

/**
 * A private copy of the current build (about 30 MB): `{ dist, dir, remove }`, where `dist` is
 * the NEXT_DIST_DIR to start a server with (relative to the application) and `dir` its path.
 */
export function copyBuild(label = 'server') {
  requireBuild();
  const source = path.join(root, distDir);
  const dir = path.join(source, `${copyPrefix}${label}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`);
  const removeNow = () => removeTree(dir);
  leftovers.add(removeNow);
  mkdirSync(dir);
  const entries = readdirSync(source).filter((entry) => !notTheBuild(entry));
  // cp(1) is several times faster than fs.cpSync here. Relative links (.next/node_modules) are
  // then pointed at their absolute targets, since the copy sits one folder deeper.
  const copied = spawnSync('cp', ['-a', ...entries.map((entry) => path.join(source, entry)), dir], { encoding: 'utf8' });
  if (copied.status !== 0) {
    removeNow();
    leftovers.delete(removeNow);
    throw new Error(`copying the build: ${copied.stderr || copied.error?.message}`);
  }
  removeTree(path.join(dir, renderedSinceBuild));
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isSymbolicLink()) continue;
    const link = path.join(entry.parentPath, entry.name);
    const target = readlinkSync(link);
    if (path.isAbsolute(target)) continue;
    const original = path.join(source, path.relative(dir, entry.parentPath));
    unlinkSync(link);
    symlinkSync(path.resolve(original, target), link);
  }
  return {
    dist: path.relative(root, dir),
    dir,
    remove: () => {
      leftovers.delete(removeNow);
      removeNow();
    },
  };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts server/serve.mjs and resolves once it is ready: it has printed its "Ready on" line and,
 * when `readyPath` is given, GET readyPath answers 200 and `readyWhen(body)` agrees. Without
 * `readyPath` no request is made before the caller's own (reliability tests count them).
 *
 * Options:
 *   dist        a build folder to run as is (e.g. from copyBuild, reused across restarts);
 *               without it the server gets a copy of its own, removed by stop()
 *   dataDir     its DATA_DIR (created if missing); without it a temporary one, removed by stop()
 *   contentDir  its CONTENT_DIR; without it the application's content/
 *   port        without it a free one
 *   siteUrl     SITE_URL; without it the server's own address
 *   trustProxy  TRUST_PROXY=1: X-Forwarded-For is believed (tests post as many readers)
 *   env         anything else; wins over all of the above
 *   inheritEnv  start from this process's environment instead of PATH and HOME only
 *               (benchmarks, so that an operator's KHABAR_* settings reach the server)
 *   namespace   from startTmpfs (tests/reliability/harness.mjs): run inside its mount namespace
 *   detached    its own process group, signalled as a whole (Next's helper processes too)
 *   killAfterMs stop(): SIGKILL this long after SIGTERM (serve.mjs drains for up to 30 s)
 *   timeoutMs   how long start-up may take before it is a failure
 */
export async function startServer({
  name = 'server',
  dist,
  dataDir,
  contentDir,
  port,
  siteUrl,
  trustProxy = false,
  env = {},
  inheritEnv = false,
  namespace,
  detached = false,
  readyPath,
  readyWhen = () => true,
  killAfterMs = killAfterDefaultMs,
  timeoutMs = 120_000,
} = {}) {
  port ??= await freePort();
  const url = `http://127.0.0.1:${port}`;
  // What this server owns is removed when it stops.
  const owned = [];
  const build = dist ? { dist } : copyBuild(name);
  if (!dist) owned.push(build.remove);
  if (dataDir) {
    // Inside a namespace the folder is on the namespace's tmpfs, which the caller prepared.
    if (!namespace) mkdirSync(dataDir, { recursive: true });
  } else {
    dataDir = mkdtempSync(path.join(tmpdir(), `khabar-${name}-data-`));
    const dir = dataDir;
    const remove = () => removeTree(dir);
    leftovers.add(remove);
    owned.push(() => {
      leftovers.delete(remove);
      remove();
    });
  }
  const removeOwned = () => {
    for (const remove of owned.splice(0)) remove();
  };

  const serverEnv = {
    ...(inheritEnv ? process.env : { PATH: process.env.PATH, HOME: process.env.HOME }),
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    PORT: String(port),
    HOSTNAME: '127.0.0.1',
    SITE_URL: siteUrl ?? url,
    DATA_DIR: dataDir,
    NEXT_DIST_DIR: build.dist,
    ...(contentDir ? { CONTENT_DIR: contentDir } : {}),
    ...(trustProxy ? { TRUST_PROXY: '1' } : {}),
    ...env,
  };
  // From here: readyMs is the server's own start-up, without copying the build.
  const started = performance.now();
  const [command, ...args] = (namespace?.wrap ?? ((argv) => argv))([process.execPath, 'server/serve.mjs']);
  const child = spawn(command, args, { cwd: root, env: serverEnv, stdio: ['ignore', 'pipe', 'pipe'], detached });

  // The server's output, for failure messages; only the newest megabyte of a long benchmark.
  const logs = [];
  let logLength = 0;
  const keep = (chunk) => {
    logs.push(chunk);
    logLength += chunk.length;
    while (logLength > 1_000_000 && logs.length > 1) logLength -= logs.shift().length;
  };
  child.stdout.setEncoding('utf8').on('data', keep);
  child.stderr.setEncoding('utf8').on('data', keep);
  const log = () => logs.join('');

  const isRunning = () => child.exitCode === null && child.signalCode === null;
  const signal = (sig) => {
    try {
      if (detached) process.kill(-child.pid, sig);
      else child.kill(sig);
    } catch {
      // already gone
    }
  };
  const killNow = () => {
    if (isRunning() || detached) signal('SIGKILL');
  };
  leftovers.add(killNow);
  /** Resolves with how it ended and when (performance.now()), for shutdown measurements. */
  const exited = new Promise((resolve) => {
    child.once('exit', (code, sig) => {
      leftovers.delete(killNow);
      resolve({ code, signal: sig, at: performance.now() });
    });
    child.once('error', (error) => {
      keep(`${error.message}\n`);
      leftovers.delete(killNow);
      resolve({ code: null, signal: null, error, at: performance.now() });
    });
  });

  const server = {
    name,
    url,
    port,
    host: `127.0.0.1:${port}`,
    child,
    pid: child.pid,
    dist: build.dist,
    dataDir,
    exited,
    readyMs: 0,
    logs,
    log,
    kill: (sig = 'SIGTERM') => signal(sig),
    /** SIGTERM (or `signal`), SIGKILL after killAfterMs; resolves with the exit once owned folders are removed. */
    async stop({ signal: sig = 'SIGTERM', killAfterMs: limit = killAfterMs } = {}) {
      if (isRunning()) {
        signal(sig);
        const timer = setTimeout(() => signal('SIGKILL'), limit);
        await exited;
        clearTimeout(timer);
      }
      const result = await exited;
      // Helpers left in the group would hold the port and the build folder.
      if (detached) signal('SIGKILL');
      removeOwned();
      return result;
    },
    /** For 'exit' handlers: SIGKILL and remove what the server owns, synchronously. */
    stopSync() {
      killNow();
      removeOwned();
    },
  };

  try {
    await waitUntilReady(server, { readyPath, readyWhen, deadline: started + timeoutMs, timeoutMs });
  } catch (error) {
    await server.stop({ signal: 'SIGKILL' });
    throw error;
  }
  server.readyMs = performance.now() - started;
  return server;
}

async function waitUntilReady(server, { readyPath, readyWhen, deadline, timeoutMs }) {
  let failed;
  server.exited.then(({ code, signal, error }) => {
    failed = new Error(`${server.name} exited (${error?.message ?? code ?? signal}) before it was ready:\n${server.log()}`);
  });
  const late = () => new Error(`${server.name} was not ready within ${timeoutMs / 1000} s${readyPath ? ` (GET ${readyPath})` : ''}:\n${server.log()}`);
  while (!/Ready on/.test(server.log())) {
    if (failed) throw failed;
    if (performance.now() > deadline) throw late();
    await sleep(25);
  }
  if (!readyPath) return;
  for (;;) {
    if (failed) throw failed;
    try {
      const response = await fetch(server.url + readyPath, { signal: AbortSignal.timeout(Math.max(1000, Math.min(30_000, deadline - performance.now()))) });
      const body = await response.text();
      if (response.status === 200 && (await readyWhen(body))) return;
    } catch {
      // not answering yet, or the answer was not what readyWhen wants
    }
    if (performance.now() > deadline) throw late();
    await sleep(50);
  }
}

/** Stops a server from startServer; nothing when it was never started. */
export async function stop(server, options) {
  return server?.stop(options);
}
