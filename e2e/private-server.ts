/**
 * A production server of a spec's own (publishing, security): `node server/serve.mjs` on a
 * free port, with a temporary copy of the content folder the spec may add files to, an empty
 * data folder, and its own copy of the build (Next writes regenerated pages into it, and pages
 * listing articles that exist only here must never reach the shared server).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestInfo } from '@playwright/test';
import { contentDir } from './helpers';

const root = path.resolve(__dirname, '..');

export type PrivateServer = { child: ChildProcess; base: string; content: string; scratch: string; dist: string; log: string[] };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** `prepare` receives the copied content folder before the server starts. */
export async function startPrivateServer(
  testInfo: TestInfo,
  name: string,
  env: Record<string, string>,
  prepare: (content: string) => void = () => {},
): Promise<PrivateServer> {
  const scratch = mkdtempSync(path.join(tmpdir(), `khabar-${name}-${testInfo.project.name}-`));
  const content = path.join(scratch, 'content');
  const data = path.join(scratch, 'data');
  // Next accepts a build folder only inside the application. Not inside .next, which other
  // specs copy from at the same time; test-results/ is ignored by git and lint.
  const builds = path.join(root, '.next');
  const dist = path.join(root, 'test-results', `.next-${name}-${testInfo.project.name}-${process.pid}`);
  try {
    cpSync(contentDir, content, { recursive: true });
    mkdirSync(data);
    prepare(content);
    rmSync(dist, { recursive: true, force: true });
    for (const entry of readdirSync(builds)) {
      // `types` holds TypeScript files the type check must not find here.
      if (['cache', 'dev', 'trace', 'types'].includes(entry) || /^(e2e-|reliability-|multi-instance-)/.test(entry)) continue;
      cpSync(path.join(builds, entry), path.join(dist, entry), { recursive: true });
    }
  } catch (error) {
    rmSync(scratch, { recursive: true, force: true });
    rmSync(dist, { recursive: true, force: true });
    throw error;
  }

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const log: string[] = [];
  const child = spawn(process.execPath, ['server/serve.mjs'], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      PORT: String(port),
      HOSTNAME: '127.0.0.1',
      SITE_URL: base,
      CONTENT_DIR: content,
      DATA_DIR: data,
      NEXT_DIST_DIR: path.relative(root, dist),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk) => log.push(String(chunk)));
  child.stderr!.on('data', (chunk) => log.push(String(chunk)));
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`the server exited (${code}):\n${log.join('')}`))),
  );
  exited.catch(() => {});

  const deadline = Date.now() + 60_000;
  const answers = async () => {
    while (Date.now() < deadline) {
      try {
        if ((await fetch(`${base}/`)).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`the server did not answer within 60 s:\n${log.join('')}`);
  };
  const started = { child, base, content, scratch, dist, log };
  try {
    await Promise.race([answers(), exited]);
  } catch (error) {
    await stopPrivateServer(started);
    throw error;
  }
  return started;
}

export async function stopPrivateServer(s: PrivateServer | undefined): Promise<void> {
  if (!s) return;
  if (s.child.exitCode === null) {
    const exited = new Promise((resolve) => s.child.once('exit', resolve));
    s.child.kill('SIGTERM');
    const timer = setTimeout(() => s.child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
  rmSync(s.scratch, { recursive: true, force: true });
  rmSync(s.dist, { recursive: true, force: true });
}
