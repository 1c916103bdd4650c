export type PostgresConfig = {
  url: string;
  /** Connections this process may hold; every instance has its own pool, so the server sees instances × this. */
  poolMax: number;
  /** An idle connection is closed after this long. */
  idleTimeoutMs: number;
  /** How long to wait for a connection (a new one, or a free one from a busy pool) before giving up with a 503. */
  connectTimeoutMs: number;
  /** Any one statement, including waiting for a lock, is cancelled after this long. */
  statementTimeoutMs: number;
  applicationName: string;
};

export type Settings = {
  /** `next dev`. */
  development: boolean;
  /** Inside `next build`. */
  building: boolean;
  /** The server runtime Next runs this module in, when Next says. */
  nextRuntime: 'nodejs' | 'edge' | undefined;
  port: number;
  hostname: string;
  /** The site's origin, e.g. https://khabar.example (SITE_URL, else http://localhost:PORT). */
  siteUrl: string;
  timeZone: string;
  /** Absolute. */
  contentDir: string;
  /** Absolute. */
  dataDir: string;
  trustProxy: boolean;
  redisUrl: string | undefined;
  /** Set when DATABASE_URL is: comments in PostgreSQL. */
  database: PostgresConfig | undefined;
  editorPassword: string | undefined;
  previewSecret: string | undefined;
  revalidateSecret: string | undefined;
  /** Signs review links; unset, review links are off. */
  reviewSecret: string | undefined;
  microCacheMs: number;
  distDir: string;
  standalone: boolean;
};

export type SettingProblem = { name: string; expected: string; got: string | undefined };

export class SettingsError extends Error {
  problems: SettingProblem[];
}

export const settingNames: string[];
/** The shortest EDITOR_PASSWORD, PREVIEW_SECRET or REVALIDATE_SECRET accepted. */
export const secretMinLength: number;
export function readSettings(env: Record<string, string | undefined>, cwd?: string): Settings;
export function settings(): Settings;
