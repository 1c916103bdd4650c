// Runs every *.test.ts under lib/, server/, scripts/ and testing/ with Node's test runner. The files are
// named explicitly because `node --test` given nothing finds no TypeScript tests and still passes.
// `react-server` is the condition Next uses for server code, so `server-only` imports resolve there too.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';

const roots = ['lib', 'server', 'scripts', 'testing'];
const files = roots.flatMap((root) =>
  readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.test.ts'))
    .map((e) => path.join(e.parentPath, e.name)),
).sort();

if (files.length === 0) {
  console.error('No unit test files found under lib/ or scripts/.');
  process.exit(1);
}

const extra = process.argv.slice(2);
// Node runs one file at a time when it sees two cores (its default is cores − 1); the files use their
// own temporary folders, ports and throwaway servers, so two at once are safe: 109 s against 125 s here.
const concurrency = `--test-concurrency=${Math.max(2, availableParallelism())}`;
const result = spawnSync(
  process.execPath,
  ['--conditions=react-server', '--import', 'tsx', '--test', concurrency, '--test-reporter=spec', ...extra, ...files],
  { stdio: 'inherit', env: { ...process.env, TZ: 'UTC' } },
);
process.exit(result.status ?? 1);
