// Scale benchmark: generated archives of several sizes, each built and served on its own.
//
//   node scripts/bench/scale.mjs [--sizes 1000,10000,50000] [--samples 200]
//
// For each size it prints build time, server start → first article response,
// resident memory after the sample, and uncached article render p50/p99
// (articles outside the prerendered set, each requested for the first time).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const root = path.resolve(import.meta.dirname, '../..');
const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,10000,50000' },
    samples: { type: 'string', default: '200' },
  },
});
const sizes = values.sizes.split(',').map(Number);
const samples = Number(values.samples);

const freePort = () =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

function rssKiB(pid) {
  // The server may fork workers: count the whole process tree.
  let total = 0;
  const walk = (id) => {
    try {
      const status = readFileSync(`/proc/${id}/status`, 'utf8');
      total += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    } catch {
      return;
    }
    const children = spawnSync('pgrep', ['-P', String(id)], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
    children.forEach((child) => walk(Number(child)));
  };
  walk(pid);
  return total;
}

function articleSlugs(dir) {
  return readdirSync(path.join(dir, 'articles'), { recursive: true })
    .filter((f) => String(f).endsWith('.md'))
    .map((f) => path.basename(String(f), '.md'))
    .sort();
}

const rows = [];
for (const size of sizes) {
  const contentDir = path.join(tmpdir(), `khabar-bench-${size}`);
  if (!existsSync(path.join(contentDir, 'articles'))) {
    spawnSync('npm', ['run', '-s', 'content:generate', '--', '--count', String(size), '--out', contentDir], { cwd: root, stdio: 'inherit' });
  }
  const distDir = `.next-bench-${size}`;
  rmSync(path.join(root, distDir), { recursive: true, force: true });
  const env = { ...process.env, CONTENT_DIR: contentDir, NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: '1' };

  // next build adds its dist folder's types to tsconfig.json; a benchmark must leave the tree as it was.
  const tsconfig = readFileSync(path.join(root, 'tsconfig.json'), 'utf8');
  let started = performance.now();
  const build = spawnSync('npx', ['next', 'build'], { cwd: root, env, encoding: 'utf8' });
  writeFileSync(path.join(root, 'tsconfig.json'), tsconfig);
  const buildSeconds = (performance.now() - started) / 1000;
  if (build.status !== 0) {
    console.error(build.stdout, build.stderr);
    process.exit(1);
  }

  const port = await freePort();
  // Generated slugs sort newest first; the oldest are never prerendered, so the first request
  // below has to load the whole index and render on demand, as after a deploy.
  const slugs = articleSlugs(contentDir);
  started = performance.now();
  const server = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-H', '127.0.0.1', '-p', String(port)], { cwd: root, env, stdio: 'ignore' });
  let firstMs;
  for (;;) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/articles/${slugs.at(-1)}`);
      await response.text();
      if (response.status === 200) {
        firstMs = performance.now() - started;
        break;
      }
    } catch {
      // not listening yet
    }
    if (performance.now() - started > 60_000) throw new Error('server did not answer within 60 s');
    await new Promise((r) => setTimeout(r, 50));
  }

  const timings = [];
  for (let i = 1; i <= samples; i++) {
    const slug = slugs[Math.floor((i * slugs.length) / (samples + 1))];
    const t = performance.now();
    const response = await fetch(`http://127.0.0.1:${port}/articles/${slug}`);
    await response.text();
    timings.push(performance.now() - t);
    if (response.status !== 200) throw new Error(`${slug}: HTTP ${response.status}`);
  }
  timings.sort((a, b) => a - b);
  const rss = rssKiB(server.pid);
  server.kill('SIGTERM');
  rmSync(path.join(root, distDir), { recursive: true, force: true });
  const row = {
    articles: size,
    'build s': buildSeconds.toFixed(1),
    'start → first article s': (firstMs / 1000).toFixed(2),
    'RSS MB': (rss / 1024).toFixed(0),
    'uncached render p50 ms': percentile(timings, 50).toFixed(1),
    'uncached render p99 ms': percentile(timings, 99).toFixed(1),
  };
  rows.push(row);
  console.log(JSON.stringify(row));
}

console.log(`\n| ${Object.keys(rows[0]).join(' | ')} |`);
console.log(`| ${Object.keys(rows[0]).map(() => '---').join(' | ')} |`);
for (const row of rows) console.log(`| ${Object.values(row).join(' | ')} |`);
