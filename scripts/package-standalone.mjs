// Builds the self-contained server folder for deployment (README: Deployment):
//
//   node scripts/package-standalone.mjs [--out dist/khabar]
//
// `output: 'standalone'` traces the server's dependencies into .next/standalone but leaves out
// what the browser loads (.next/static, public/) and our production server; this adds them, so
// the folder runs with `node server/serve.mjs` on a machine with Node and nothing else.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { out: { type: 'string', default: 'dist/khabar' } } });
const root = path.resolve(import.meta.dirname, '..');
const out = path.resolve(root, values.out);

const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', env: { ...process.env, NEXT_OUTPUT: 'standalone' } });
if (build.status !== 0) process.exit(build.status ?? 1);

const standalone = path.join(root, '.next', 'standalone');
if (!existsSync(path.join(standalone, 'server.js'))) {
  console.error(`${standalone}: no server.js; was the build made with NEXT_OUTPUT=standalone?`);
  process.exit(1);
}
rmSync(out, { recursive: true, force: true });
// Next links native packages (better-sqlite3, sharp) from .next/node_modules: keep the links relative.
cpSync(standalone, out, { recursive: true, verbatimSymlinks: true });
cpSync(path.join(root, '.next', 'static'), path.join(out, '.next', 'static'), { recursive: true });
cpSync(path.join(root, 'public'), path.join(out, 'public'), { recursive: true });
// The production server and its modules: Next traces only the cache handler (named in
// next.config.js) and what it imports, not server/serve.mjs, which runs Next rather than the reverse.
for (const file of readdirSync(path.join(root, 'server')).filter((name) => name.endsWith('.mjs'))) {
  cpSync(path.join(root, 'server', file), path.join(out, 'server', file));
}
for (const file of ['lib/settings.mjs', 'scripts/backup-comments.mjs']) cpSync(path.join(root, file), path.join(out, file));
// The ordinary build is what `npm start` serves: put it back so the two never mix.
rmSync(standalone, { recursive: true, force: true });
console.log(`${out}: run with  cd ${path.relative(process.cwd(), out) || '.'} && CONTENT_DIR=… DATA_DIR=… node server/serve.mjs`);
