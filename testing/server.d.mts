// Types for server.mjs, so TypeScript tests (e2e/private-server.ts) can start a private server.
import type { ChildProcess } from 'node:child_process';

export type BuildCopy = {
  /** NEXT_DIST_DIR for a server, relative to the application. */
  dist: string;
  dir: string;
  remove(): void;
};

export type ServerExit = { code: number | null; signal: NodeJS.Signals | null; error?: Error; at: number };

export type StartedServer = {
  name: string;
  /** http://127.0.0.1:<port> */
  url: string;
  port: number;
  /** 127.0.0.1:<port>, for nginx upstreams. */
  host: string;
  child: ChildProcess;
  pid: number | undefined;
  dist: string;
  dataDir: string;
  exited: Promise<ServerExit>;
  /** From spawning the process to ready, in milliseconds. */
  readyMs: number;
  /** The output so far, in chunks (the same array as it grows). */
  logs: string[];
  log(): string;
  kill(signal?: NodeJS.Signals): void;
  stop(options?: { signal?: NodeJS.Signals; killAfterMs?: number }): Promise<ServerExit>;
  stopSync(): void;
};

export type StartServerOptions = {
  name?: string;
  dist?: string;
  dataDir?: string;
  contentDir?: string;
  port?: number;
  siteUrl?: string;
  trustProxy?: boolean;
  env?: Record<string, string | undefined>;
  inheritEnv?: boolean;
  namespace?: { wrap(argv: string[]): string[] };
  detached?: boolean;
  readyPath?: string;
  readyWhen?: (body: string) => boolean | Promise<boolean>;
  killAfterMs?: number;
  timeoutMs?: number;
};

export const root: string;
export const distDir: string;
export function removeTree(dir: string): void;
export function requireBuild(dist?: string): void;
export function copyBuild(label?: string): BuildCopy;
export function startServer(options?: StartServerOptions): Promise<StartedServer>;
export function stop(server: StartedServer | undefined, options?: { signal?: NodeJS.Signals; killAfterMs?: number }): Promise<ServerExit | undefined>;
