// What the reliability tests and scripts/bench/reliability.mjs share: the production server from
// the test kit (testing/server.mjs: `node server/serve.mjs` on a free port, with its own DATA_DIR
// and its own copy of the build, since pages showing these tests' comment counts must never reach
// the shared build), optionally with DATA_DIR on a small tmpfs in a private mount namespace (for
// disk-full and read-only faults), and the HTTP helpers the scenarios post and read with.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { copyBuild, removeTree, root, startServer as startKitServer } from '../../testing/server.mjs';

export { copyBuild, removeTree, root };

/** A temporary folder removed by the returned function. */
export function scratch(prefix) {
  const dir = mkdtempSync(path.join(tmpdir(), `khabar-rel-${prefix}-`));
  return { dir, remove: () => removeTree(dir) };
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
 * Starts `node server/serve.mjs` on `dist` (a copyBuild, reused across restarts) and resolves once
 * it prints that it is ready, without a request of its own (the scenarios count every answer);
 * inside the mount namespace of `namespace` (from startTmpfs) when given. X-Forwarded-For is
 * trusted, so every comment can come from a reader of its own (newAddress).
 */
export function startServer({ dist, dataDir, contentDir, port, env = {}, namespace } = {}) {
  return startKitServer({ name: 'reliability', dist, dataDir, contentDir, port, env, namespace, trustProxy: true, timeoutMs: 60_000 });
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
