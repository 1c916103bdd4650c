// Production instances of the site for tests and benchmarks: server/serve.mjs on a free loopback
// port, each on its own copy of one build, as on separate hosts.
//
//   const dist = copyBuild('a');                                  // .next/multi-instance-a-<pid>
//   const a = await startInstance({ name: 'a', dist, env: { REDIS_URL, DATABASE_URL, CONTENT_DIR } });
//   ... a.base ...; await a.stop(); removeBuildCopies();
import { spawn } from 'node:child_process';
import { cpSync, existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './free-port.mjs';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const distDir = process.env.NEXT_DIST_DIR || '.next';

const copies = [];

export function requireBuild() {
  if (!existsSync(path.join(root, distDir, 'BUILD_ID'))) {
    throw new Error(`No build in ${distDir}: run \`npm run build\` first (npm test builds before it needs one).`);
  }
}

/**
 * The build as deployed to a fresh host: no caches, no pages a server rendered since. Two
 * instances on one folder would share pages through the disk and hide whether Redis does.
 * The copy lives inside the build folder: Next accepts no build folder outside the application.
 */
export function copyBuild(name) {
  requireBuild();
  const source = path.join(root, distDir);
  const target = path.join(source, `multi-instance-${name}-${process.pid}`);
  rmSync(target, { recursive: true, force: true });
  copies.push(target);
  const renderedSinceBuild = path.join(source, 'server', 'route-cache');
  for (const entry of readdirSync(source)) {
    // Other tests' copies (e2e, reliability) and our own are not part of the build.
    if (['cache', 'dev', 'trace'].includes(entry) || /^(e2e-|reliability-|multi-instance-)/.test(entry)) continue;
    cpSync(path.join(source, entry), path.join(target, entry), { recursive: true, filter: (file) => !file.startsWith(renderedSinceBuild) });
  }
  return path.relative(root, target);
}

export function removeBuildCopies() {
  for (const dir of copies.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/**
 * Starts server/serve.mjs with only the environment given (plus PATH and HOME), and resolves
 * once GET /api/health answers 200 and `ready(body)` agrees.
 */
export async function startInstance({ name, dist, env = {}, ready = () => true, timeoutMs = 60_000 }) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const log = [];
  const child = spawn(process.execPath, ['server/serve.mjs'], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      NEXT_DIST_DIR: dist ?? distDir,
      PORT: String(port),
      HOSTNAME: '127.0.0.1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk) => log.push(String(chunk)));
  child.stderr.on('data', (chunk) => log.push(String(chunk)));
  const instance = {
    name,
    port,
    base,
    host: `127.0.0.1:${port}`,
    child,
    log,
    output: () => log.join(''),
    stop(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
      return new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill(signal);
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      });
    },
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`instance ${name} exited with ${child.exitCode}:\n${instance.output()}`);
    try {
      const response = await fetch(`${base}/api/health`);
      if (response.status === 200 && ready(await response.json())) return instance;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await instance.stop('SIGKILL');
      throw new Error(`instance ${name} not ready within ${timeoutMs / 1000} s:\n${instance.output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
