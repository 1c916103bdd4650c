// Shared by `npm start` and `npm test`: they must work on a fresh clone with nothing but Node and npm,
// so this file uses only Node's standard library.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(import.meta.dirname, '..');

export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

export function mustRun(command, args, options) {
  const status = run(command, args, options);
  if (status !== 0) {
    console.error(`\n✗ ${command} ${args.join(' ')} exited with ${status}`);
    process.exit(status);
  }
}

function newestMtime(entry) {
  if (!existsSync(entry)) return 0;
  const info = statSync(entry);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const child of readdirSync(entry, { withFileTypes: true })) {
    if (child.name === 'node_modules' || child.name.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(path.join(entry, child.name)));
  }
  return newest;
}

/** Installs packages when node_modules is missing or older than the lock file. */
export function ensureInstalled() {
  const marker = path.join(root, 'node_modules', '.package-lock.json');
  const lock = path.join(root, 'package-lock.json');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  console.log('› Installing dependencies (npm ci)…');
  mustRun('npm', ['ci', '--no-audit', '--no-fund']);
}

const buildInputs = [
  'app',
  'components',
  'lib',
  'public',
  'server',
  'proxy.ts',
  'next.config.js',
  'package.json',
  'package-lock.json',
  'postcss.config.mjs',
  'tsconfig.json',
];

const buildMarker = path.join(root, '.next', 'khabar-build.json');
/** Settings baked into prerendered pages: a build made for another address is stale. */
const buildSettings = () =>
  JSON.stringify({ siteUrl: process.env.SITE_URL ?? `port ${process.env.PORT ?? 3000}`, timeZone: process.env.SITE_TIME_ZONE ?? '' });

/** True when there is no production build, a source file changed after it, or it was made for other settings. */
export function buildIsStale() {
  const buildId = path.join(root, '.next', 'BUILD_ID');
  if (!existsSync(buildId) || !existsSync(buildMarker)) return true;
  if (readFileSync(buildMarker, 'utf8') !== buildSettings()) return true;
  const builtAt = statSync(buildId).mtimeMs;
  return buildInputs.some((input) => newestMtime(path.join(root, input)) > builtAt);
}

export function recordBuild() {
  writeFileSync(buildMarker, buildSettings());
}

// `node scripts/setup.mjs record-build` runs after every `npm run build`, whoever started it.
if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2] === 'record-build') recordBuild();
