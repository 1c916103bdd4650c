// Types for postgres.mjs, so TypeScript tests and benchmarks can start a server.
export type PostgresServer = {
  /** postgres://postgres@127.0.0.1:<port>/<database> */
  url: string;
  /** The same server's `postgres` maintenance database, for CREATE DATABASE and inspection. */
  adminUrl: string;
  port: number;
  dir: string;
  /** Fast shutdown, then the folder is removed. */
  stop(): Promise<void>;
};

export function findPostgresBin(): string;
export function startPostgres(options?: { port?: number; database?: string; fsync?: boolean }): Promise<PostgresServer>;
export function createDatabase(adminUrl: string, name: string): Promise<void>;
