// `npm test`: everything, in the order a failure is cheapest to find.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureInstalled, run, root } from './setup.mjs';

ensureInstalled();
ensureChromium();

const dataDir = mkdtempSync(path.join(tmpdir(), 'khabar-e2e-'));
// Absolute URLs (canonical, feeds, sitemaps) are fixed when pages are prerendered, so the build
// is made for the address the end-to-end server will answer on.
const e2ePort = process.env.E2E_PORT ?? '3210';
const e2eEnv = { ...process.env, E2E_PORT: e2ePort, SITE_URL: `http://127.0.0.1:${e2ePort}` };
const steps = [
  ['typecheck', 'npm', ['run', 'typecheck']],
  ['lint', 'npm', ['run', 'lint']],
  ['content check', 'npm', ['run', 'content:check']],
  ['unit tests', 'npm', ['run', 'test:unit']],
  ['build', 'npm', ['run', 'build'], { env: e2eEnv }],
  // Two instances of that build behind nginx, sharing PostgreSQL, Redis and a content folder.
  ['multi-instance test', 'node', ['--test', '--test-reporter=spec', 'tests/multi-instance.test.mjs']],
  // Faults against the production server (tests/reliability/, ~1 min); the long ones are in scripts/bench/reliability.mjs.
  // Each file starts its own server on its own port and data folder, so two run at once: 74 s
  // against 117 s one at a time on a 2-core machine, where CI's 25 minutes were getting close.
  ['reliability tests', 'node', ['--test', '--test-concurrency=2', '--test-reporter=spec', 'tests/reliability/']],
  ['end-to-end tests', 'npx', ['playwright', 'test'], { env: { ...e2eEnv, E2E_DATA_DIR: dataDir } }],
];

let passed = 0;
for (const [name, command, args, options] of steps) {
  console.log(`\n━━ ${name} ━━`);
  const started = Date.now();
  const status = run(command, args, options);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (status !== 0) {
    console.error(`\n✗ ${name} failed after ${seconds}s`);
    console.log(`steps: ${passed} passed, 1 failed`);
    process.exit(status);
  }
  console.log(`✓ ${name} (${seconds}s)`);
  passed++;
}
console.log(`steps: ${passed} passed, 0 failed`);

/** Debian's Chromium when present; otherwise install it (as root) or fall back to Playwright's own browser. */
function ensureChromium() {
  if (existsSync('/usr/bin/chromium')) return;
  const isRoot = process.getuid?.() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    console.log('› Installing Debian chromium…');
    if (run('apt-get', ['update']) === 0 && run('apt-get', ['install', '-y', 'chromium']) === 0) return;
  }
  console.log('› Installing Playwright Chromium…');
  if (run('npx', ['playwright', 'install', 'chromium'], { cwd: root }) !== 0) {
    console.error('No Chromium available: install Debian\'s chromium package or run `npx playwright install chromium`.');
    process.exit(1);
  }
}
