/**
 * A production server of a spec's own (publishing, security): the test kit's server
 * (testing/server.mjs) with a temporary copy of the content folder the spec may add files to,
 * an empty data folder, and its own copy of the build (Next writes regenerated pages into it, and
 * pages listing articles that exist only here must never reach the shared server).
 */
import type { ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestInfo } from '@playwright/test';
import type { StartedServer } from '../testing/server.mjs';
import { contentDir } from './helpers';

export type PrivateServer = {
  child: ChildProcess;
  base: string;
  content: string;
  scratch: string;
  dist: string;
  /** The server's output so far, in chunks. */
  log: string[];
  server: StartedServer;
};

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
  try {
    cpSync(contentDir, content, { recursive: true });
    mkdirSync(data);
    prepare(content);
    // Imported when needed: Playwright compiles a statically imported .mjs to CommonJS, which
    // Node then refuses as an ES module ("exports is not defined in ES module scope").
    const { startServer } = await import('../testing/server.mjs');
    const server = await startServer({
      name: `e2e-${name}-${testInfo.project.name}`,
      contentDir: content,
      dataDir: data,
      env,
      // The home page rendered once: the spec's first request is not the server's slowest.
      readyPath: '/',
      // Under the 30 s a Playwright hook may take.
      killAfterMs: 10_000,
    });
    return { child: server.child, base: server.url, content, scratch, dist: server.dist, log: server.logs, server };
  } catch (error) {
    rmSync(scratch, { recursive: true, force: true });
    throw error;
  }
}

export async function stopPrivateServer(s: PrivateServer | undefined): Promise<void> {
  if (!s) return;
  // Also removes the server's copy of the build.
  await s.server.stop();
  rmSync(s.scratch, { recursive: true, force: true });
}
