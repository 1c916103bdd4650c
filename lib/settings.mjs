// Every setting Khabar takes from its environment, read and validated in one place. The site,
// the production server (server/serve.mjs), the cache handler and next.config.js all ask this
// module; nothing else reads `process.env` (lib/settings.test.ts enforces it).
//
// Plain JavaScript, so Node runs it as it is: server/serve.mjs and next.config.js load it
// without a compiler. Its types are in settings.d.mts.
import path from 'node:path';
import { z } from 'zod';

// An empty variable counts as unset, as in a `.env` line left blank.
const optional = (schema) => z.preprocess((value) => (value === '' ? undefined : value), schema);
const integer = (min, max, fallback) => {
  const expected = `expected a whole number from ${min} to ${max}`;
  return optional(z.coerce.number({ error: expected }).int(expected).min(min, expected).max(max, expected).default(fallback));
};
const milliseconds = (fallback) => integer(1, 3_600_000, fallback);
// A secret anyone may guess at over HTTP: the sign-in and preview limits (lib/auth-throttle.ts)
// allow ten tries per client per 15 minutes, which only protects a secret too long to guess.
export const secretMinLength = 16;
const secret = optional(
  z.string().min(secretMinLength, `too short: at least ${secretMinLength} characters are needed / قصير جدًا: ${secretMinLength} حرفًا على الأقل`).optional(),
);
const flag = optional(z.enum(['0', '1'], { error: 'expected 1 (on) or 0 (off)' }).default('0'));

const absoluteUrl = z.string().refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), 'expected an absolute http(s) URL such as https://khabar.example');
const timeZone = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, 'expected an IANA time zone such as Asia/Riyadh');

const schema = z.object({
  NODE_ENV: optional(z.enum(['development', 'production', 'test']).default('production')),
  // Next sets this while it builds; content and caches behave differently then.
  NEXT_PHASE: optional(z.string().optional()),
  // Which server runtime Next is evaluating a module in (instrumentation.ts runs in each).
  NEXT_RUNTIME: optional(z.enum(['nodejs', 'edge']).optional()),
  PORT: integer(1, 65_535, 3000),
  HOSTNAME: optional(z.string().default('0.0.0.0')),
  SITE_URL: optional(absoluteUrl.optional()),
  SITE_TIME_ZONE: optional(timeZone.default('Asia/Riyadh')),
  CONTENT_DIR: optional(z.string().default('content')),
  DATA_DIR: optional(z.string().default('data')),
  TRUST_PROXY: flag,
  REDIS_URL: optional(z.string().regex(/^rediss?:\/\/\S+$/, 'expected redis://host:port').optional()),
  DATABASE_URL: optional(z.string().regex(/^postgres(ql)?:\/\/\S+$/, 'expected postgres://user:password@host:port/database').optional()),
  DATABASE_POOL_MAX: integer(1, 1000, 10),
  DATABASE_IDLE_TIMEOUT_MS: milliseconds(30_000),
  DATABASE_CONNECT_TIMEOUT_MS: milliseconds(5_000),
  DATABASE_STATEMENT_TIMEOUT_MS: milliseconds(5_000),
  EDITOR_PASSWORD: secret,
  PREVIEW_SECRET: secret,
  REVALIDATE_SECRET: secret,
  // Signs review links (/review/<token>); unset, the desk offers none and /review/ answers 404.
  REVIEW_SECRET: secret,
  // 0 turns the one-second page cache of server/serve.mjs off (server/micro-cache.mjs).
  KHABAR_MICROCACHE_MS: integer(0, 60_000, 1000),
  NEXT_DIST_DIR: optional(z.string().default('.next')),
  NEXT_OUTPUT: optional(z.enum(['standalone'], { error: 'expected standalone, or nothing' }).optional()),
});

/** The names this module reads, for error messages and the documentation test. */
export const settingNames = Object.keys(schema.shape);

export class SettingsError extends Error {
  constructor(problems) {
    const lines = problems.map(({ name, expected, got }) => `  ${name}: ${expected}${got === undefined ? '' : ` (got ${JSON.stringify(got)})`}`);
    const names = problems.map((p) => p.name).join('، ');
    super(`Invalid environment variable(s) / قيمة غير صالحة في متغيرات البيئة: ${names}\n${lines.join('\n')}`);
    this.name = 'SettingsError';
    this.problems = problems;
  }
}

/** Parses an environment into settings; throws SettingsError naming every bad variable. */
export function readSettings(env, cwd = process.cwd()) {
  const parsed = schema.safeParse(Object.fromEntries(settingNames.map((name) => [name, env[name]])));
  if (!parsed.success) {
    throw new SettingsError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0]);
        return { name, expected: issue.message, got: env[name] };
      }),
    );
  }
  const e = parsed.data;
  const port = e.PORT;
  return {
    development: e.NODE_ENV === 'development',
    building: e.NEXT_PHASE === 'phase-production-build',
    nextRuntime: e.NEXT_RUNTIME,
    port,
    hostname: e.HOSTNAME,
    // Absolute URLs (canonical links, feeds, sitemaps) are built from this origin only.
    siteUrl: new URL(e.SITE_URL ?? `http://localhost:${port}`).origin,
    timeZone: e.SITE_TIME_ZONE,
    // Content and data are read at run time from folders editors and the server write to.
    contentDir: path.resolve(/*turbopackIgnore: true*/ cwd, e.CONTENT_DIR),
    dataDir: path.resolve(/*turbopackIgnore: true*/ cwd, e.DATA_DIR),
    trustProxy: e.TRUST_PROXY === '1',
    redisUrl: e.REDIS_URL,
    database: e.DATABASE_URL
      ? {
          url: e.DATABASE_URL,
          poolMax: e.DATABASE_POOL_MAX,
          idleTimeoutMs: e.DATABASE_IDLE_TIMEOUT_MS,
          connectTimeoutMs: e.DATABASE_CONNECT_TIMEOUT_MS,
          statementTimeoutMs: e.DATABASE_STATEMENT_TIMEOUT_MS,
          applicationName: 'khabar',
        }
      : undefined,
    editorPassword: e.EDITOR_PASSWORD,
    previewSecret: e.PREVIEW_SECRET,
    revalidateSecret: e.REVALIDATE_SECRET,
    reviewSecret: e.REVIEW_SECRET,
    microCacheMs: e.KHABAR_MICROCACHE_MS,
    distDir: e.NEXT_DIST_DIR,
    standalone: e.NEXT_OUTPUT === 'standalone',
  };
}

let current;

/**
 * This process's settings, read on first use and kept: the environment of a running server does
 * not change. (Unit tests set the environment before their first import, or call readSettings.)
 */
export function settings() {
  current ??= readSettings(process.env);
  return current;
}
