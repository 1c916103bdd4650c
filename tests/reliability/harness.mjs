// The production server as the reliability tests and scripts/bench/reliability.mjs use it:
// `node server/serve.mjs` from the existing build, on a free port, with its own DATA_DIR and its
// own copy of the build (Next writes regenerated pages into its build folder, and pages showing
// these tests' comment counts must never reach the shared build), optionally with DATA_DIR on a
// small tmpfs in a private mount namespace (for disk-full and read-only faults).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readlinkSync, rmSync, symlinkSync, unlinkSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../testing/services/nginx.mjs';

export const root = fileURLToPath(new URL('../..', import.meta.url));
const builds = path.join(root, '.next');

/** A temporary folder removed by the returned function. */
export function scratch(prefix) {
  const dir = mkdtempSync(path.join(tmpdir(), `khabar-rel-${prefix}-`));
  return { dir, remove: () => removeTree(dir) };
}

/**
 * A private copy of the production build inside .next (Next accepts a build folder only inside the
 * application). Everything except caches and other copies; about 30 MB.
 */
export function copyBuild(label) {
  if (!existsSync(path.join(builds, 'BUILD_ID'))) {
    throw new Error(`no production build in ${builds}: run \`npm run build\` first`);
  }
  const dist = path.join(builds, `reliability-${label}-${process.pid}`);
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(dist);
  const entries = readdirSync(builds).filter(
    (entry) => !['cache', 'dev', 'trace'].includes(entry) && !/^(e2e-|reliability-|multi-instance-)/.test(entry),
  );
  // cp(1) is several times faster than fs.cpSync here; relative links (.next/node_modules) are then
  // pointed at their absolute targets, since the copy sits one folder deeper.
  const copied = spawnSync('cp', ['-a', ...entries.map((entry) => path.join(builds, entry)), dist], { encoding: 'utf8' });
  if (copied.status !== 0) throw new Error(`copying the build: ${copied.stderr || copied.error?.message}`);
  for (const entry of readdirSync(dist, { recursive: true, withFileTypes: true })) {
    if (!entry.isSymbolicLink()) continue;
    const link = path.join(entry.parentPath, entry.name);
    const target = readlinkSync(link);
    if (path.isAbsolute(target)) continue;
    const original = path.join(builds, path.relative(dist, entry.parentPath));
    unlinkSync(link);
    symlinkSync(path.resolve(original, target), link);
  }
  return { dist: path.relative(root, dist), remove: () => removeTree(dist) };
}

/** rm -rf: fs.rmSync is slow on a few thousand files. */
export function removeTree(dir) {
  spawnSync('rm', ['-rf', dir]);
}

const isRoot = process.getuid?.() === 0;
// Joining the holder's namespaces: as root the mount namespace is enough; otherwise the user
// namespace it was created in comes first (its uid 0 is us).
const enter = (pid) => ['nsenter', '-t', String(pid), ...(isRoot ? [] : ['--user', '--preserve-credentials']), '--mount', `--wd=${root}`, '--'];

/**
 * A tmpfs of `bytes` mounted on `dir` in a private mount namespace, held open by a waiting
 * shell: only processes started with `run`/`startServer({ namespace })` see it, and it vanishes
 * when the holder is stopped (or dies with the test). As root directly; otherwise inside an
 * unprivileged user namespace. Fails with a clear message where neither is possible.
 */
export async function startTmpfs(dir, bytes) {
  mkdirSync(dir, { recursive: true });
  // The holder outlives nothing: it ends within a second of the process that started it.
  const script = `mount -t tmpfs -o size=${bytes},mode=0755,uid=0,gid=0 khabar-rel "$1" && echo mounted && while kill -0 $PPID 2>/dev/null; do sleep 1; done`;
  const args = [...(isRoot ? [] : ['--user', '--map-root-user']), '--mount', '--propagation', 'private', 'sh', '-c', script, 'sh', dir];
  const holder = spawn('unshare', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  holder.stdout.setEncoding('utf8').on('data', (chunk) => (output += chunk));
  holder.stderr.setEncoding('utf8').on('data', (chunk) => (output += chunk));
  const exited = new Promise((resolve) => holder.once('exit', resolve));
  holder.once('error', (error) => (output += error.message));
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`tmpfs holder: no answer within 10 s\n${output}`)), 10_000);
    holder.stdout.on('data', () => {
      if (output.includes('mounted')) {
        clearTimeout(timer);
        resolve();
      }
    });
    exited.then(() => {
      clearTimeout(timer);
      reject(
        new Error(
          `Could not mount a tmpfs on ${dir} in a private mount namespace (\`unshare ${args.slice(0, -5).join(' ')}\`): ${output.trim()}\n` +
            'The disk-full and read-only tests need this: run them as root (CI does) or enable unprivileged user ' +
            'namespaces (sysctl kernel.unprivileged_userns_clone=1 / user.max_user_namespaces).',
        ),
      );
    });
  });
  return {
    dir,
    pid: holder.pid,
    /** The command line that runs `argv` inside the namespace. */
    wrap: (argv) => [...enter(holder.pid), ...argv],
    /** Runs a command inside the namespace (mount, remount); throws on failure. */
    run: (argv) => {
      const [cmd, ...rest] = [...enter(holder.pid), ...argv];
      const result = spawnSync(cmd, rest, { encoding: 'utf8' });
      if (result.status !== 0) throw new Error(`${argv.join(' ')} (in the test namespace): ${(result.stderr || result.error?.message || '').trim()}`);
    },
    /** A path inside the namespace as this process reaches it. */
    hostPath: (p) => `/proc/${holder.pid}/root${path.resolve(p)}`,
    stop: async () => {
      if (holder.exitCode === null && holder.signalCode === null) holder.kill('SIGKILL');
      await exited;
    },
  };
}

/**
 * Starts `node server/serve.mjs` and resolves once it prints that it is ready; inside the
 * mount namespace of `namespace` (from startTmpfs) when given.
 */
export async function startServer({ dist, dataDir, contentDir, port, env = {}, namespace } = {}) {
  port ??= await freePort();
  const url = `http://127.0.0.1:${port}`;
  if (!namespace) mkdirSync(dataDir, { recursive: true });
  const serverEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    PORT: String(port),
    HOSTNAME: '127.0.0.1',
    SITE_URL: url,
    DATA_DIR: dataDir,
    TRUST_PROXY: '1',
    ...(contentDir ? { CONTENT_DIR: contentDir } : {}),
    ...(dist ? { NEXT_DIST_DIR: dist } : {}),
    ...env,
  };
  const [cmd, ...args] = (namespace?.wrap ?? ((argv) => argv))([process.execPath, 'server/serve.mjs']);
  const child = spawn(cmd, args, { cwd: root, env: serverEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = [];
  child.stdout.setEncoding('utf8').on('data', (chunk) => log.push(chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk) => log.push(chunk));
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal, at: performance.now() })));

  const server = {
    child,
    pid: child.pid,
    port,
    url,
    dataDir,
    exited,
    log: () => log.join(''),
    kill: (signal) => child.kill(signal),
    /** SIGTERM, then SIGKILL after 35 s; resolves with the exit. */
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 35_000);
        const result = await exited;
        clearTimeout(timer);
        return result;
      }
      return exited;
    },
  };

  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start within 60 s:\n${server.log()}`)), 60_000);
    const check = () => {
      if (/Ready on/.test(log.join(''))) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', check);
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code ?? signal}) before it was ready:\n${server.log()}`));
    });
  });
  await ready;
  return server;
}

let addressCounter = 0;
/** A reader address of its own for every comment, so the per-reader rate limit never applies. */
export function newAddress() {
  addressCounter++;
  return `10.${(addressCounter >> 16) & 255}.${(addressCounter >> 8) & 255}.${addressCounter & 255}`;
}

/** One HTTP request with node:http; resolves with status, headers and text, rejects on a network error. */
export function httpRequest(url, { method = 'GET', headers = {}, body, agent, timeoutMs = 30_000 } = {}) {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, agent }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text }));
      res.on('error', reject);
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`${method} ${url}: no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    if (body !== undefined) req.end(body);
    else req.end();
  });
}

export const parseJson = (text) => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/** POST /api/comments as reader `address` (X-Forwarded-For; the server runs with TRUST_PROXY=1). */
export async function postComment(base, payload, { address = newAddress(), agent, raw } = {}) {
  const body = raw ?? JSON.stringify(payload);
  const response = await httpRequest(`${base}/api/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-forwarded-for': address },
    body,
    agent,
  });
  return { ...response, json: parseJson(response.text) };
}

/** Every approved thread of an article through GET /api/comments, replies inside. */
export async function listAllComments(base, article, agent) {
  const all = [];
  for (let page = 1; ; page++) {
    const response = await httpRequest(`${base}/api/comments?article=${encodeURIComponent(article)}&page=${page}&sort=oldest`, { agent });
    if (response.status !== 200) throw new Error(`GET comments of ${article} page ${page}: ${response.status} ${response.text.slice(0, 200)}`);
    const data = JSON.parse(response.text);
    for (const thread of data.comments) all.push(thread, ...(thread.replies ?? []));
    if (!data.hasMore) return { comments: all, total: data.total };
  }
}

/** Published article slugs, newest first, as the live sitemap lists them. */
export async function publishedSlugs(base) {
  const response = await httpRequest(`${base}/sitemap.xml`);
  const slugs = [...response.text.matchAll(/\/articles\/([a-z0-9-]+)</g)].map((m) => m[1]);
  if (slugs.length === 0) throw new Error(`no articles in ${base}/sitemap.xml (${response.status})`);
  return [...new Set(slugs)];
}

export const keepAliveAgent = (maxSockets = 1) => new Agent({ keepAlive: true, maxSockets });

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The Arabic 503 the comments service promises when the disk cannot take a write. */
export const storageUnavailableCode = 'storage_unavailable';
export const arabicLetter = /[\u0621-\u064A]/;
