// `npm run bench`: the benchmark suite, one table of every figure beside its target.
//
//   npm run bench                                  every part below, in this order (about 15 min on 2 cores)
//   npm run bench -- throughput [weight …]         only the named parts
//   npm run bench -- reliability [args]            scripts/bench/reliability.mjs, when present
//   npm run bench -- stores [args]                 scripts/bench/comments-stores.mjs, when present
//   npm run bench -- phone [args]                  scripts/bench/phone.mjs (its own options, see there)
//
// Options (defaults in brackets):
//   --rounds N [3]  --duration S [6]  --warmup S [2]  --connections N [10]   throughput, comments
//   --live-timeout S [150]                                                    throughput (new content through nginx)
//   --runs N [3]                                                              lighthouse
//   --sizes LIST [1000,10000,50000]  --samples N [200]  --queries N [100]     scale
//   --files N [3]                                                             publishing
//   --fuzz-count N [10000]                                                    comments
//   --out DIR [bench-output]                                                  results (JSON and Markdown)
//
// The main parts use the normal production build in .next (built first when stale, as `npm start`
// does); scale builds its archives into their own dist folders. Every server, nginx and temporary
// folder a part starts is stopped and removed, also on errors and Ctrl-C.
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { cleanupAll, ensureBuild, ensureDir, installCleanupHandlers, machineInfo, markdownTable, root } from './common.mjs';

const parts = {
  weight: { load: () => import('./weight.mjs'), needsBuild: true, about: 'page weight: HTML and JavaScript per page type' },
  throughput: { load: () => import('./throughput.mjs'), needsBuild: true, about: 'req/s beside nginx serving the same bytes; nginx cache' },
  publishing: { load: () => import('./publishing.mjs'), needsBuild: true, about: 'file written → visible on article, category, home' },
  comments: { load: () => import('./comments.mjs'), needsBuild: true, about: 'comment POST throughput and the 10,000-payload fuzz run' },
  lighthouse: { load: () => import('./lighthouse.mjs'), needsBuild: true, about: 'Lighthouse mobile scores, LCP, TBT, CLS' },
  scale: { load: () => import('./scale.mjs'), needsBuild: false, about: 'generated archives of 1k/10k/50k articles' },
};

/** Written by others; dispatched to as they are, when present. */
const external = { reliability: 'reliability.mjs', stores: 'comments-stores.mjs', instances: 'instances.mjs', search: 'search.ts', live: 'live.mjs', views: 'views.mjs', phone: 'phone.mjs' };

const optionSpec = {
  rounds: { type: 'string', default: '3' },
  duration: { type: 'string', default: '6' },
  warmup: { type: 'string', default: '2' },
  connections: { type: 'string', default: '10' },
  'live-timeout': { type: 'string', default: '150' },
  runs: { type: 'string', default: '3' },
  sizes: { type: 'string', default: '1000,10000,50000' },
  samples: { type: 'string', default: '200' },
  queries: { type: 'string', default: '100' },
  files: { type: 'string', default: '3' },
  'fuzz-count': { type: 'string', default: '10000' },
  out: { type: 'string', default: 'bench-output' },
  help: { type: 'boolean', short: 'h', default: false },
};

class UsageError extends Error {}

function positiveNumber(name, text) {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new UsageError(`--${name}: expected a positive number, got "${text}"`);
  return value;
}

function parseOptions(values) {
  const integer = (name) => {
    const value = positiveNumber(name, values[name]);
    if (!Number.isInteger(value)) throw new UsageError(`--${name}: expected a whole number, got "${values[name]}"`);
    return value;
  };
  const sizes = values.sizes.split(',').map((s) => s.trim());
  for (const size of sizes) positiveNumber('sizes', size);
  return {
    rounds: integer('rounds'),
    duration: positiveNumber('duration', values.duration),
    warmup: positiveNumber('warmup', values.warmup),
    connections: integer('connections'),
    liveTimeout: positiveNumber('live-timeout', values['live-timeout']),
    runs: integer('runs'),
    sizes: sizes.map(Number),
    samples: integer('samples'),
    queries: integer('queries'),
    files: integer('files'),
    fuzzCount: integer('fuzz-count'),
  };
}

function usage() {
  const lines = Object.entries(parts).map(([name, part]) => `  ${name.padEnd(12)} ${part.about}`);
  lines.push(`  ${'reliability'.padEnd(12)} scripts/bench/${external.reliability} (when present)`);
  lines.push(`  ${'stores'.padEnd(12)} scripts/bench/${external.stores} (when present)`);
  lines.push(`  ${'instances'.padEnd(12)} scripts/bench/${external.instances} (when present)`);
  lines.push(`  ${'search'.padEnd(12)} scripts/bench/${external.search}: search index at archive scale (archive folder, --data, --reuse, --http)`);
  lines.push(`  ${'phone'.padEnd(12)} scripts/bench/${external.phone}: Lighthouse mobile beside the no-JS floor and the starter`);
  const header = fileURLToPath(import.meta.url);
  return `usage: npm run bench -- [part …] [options]\n\nparts (default: all but reliability, stores and instances):\n${lines.join('\n')}\n\nsee ${path.relative(root, header)} for the options`;
}

function dispatch(name, args) {
  const file = path.join(import.meta.dirname, external[name]);
  if (!existsSync(file)) {
    console.log(`${name}: not available (scripts/bench/${external[name]} does not exist)`);
    return Promise.resolve(0);
  }
  return new Promise((resolve) => {
    const typescript = file.endsWith('.ts') ? ['--conditions=react-server', '--import', 'tsx'] : [];
    const child = spawn(process.execPath, [...typescript, file, ...args], { cwd: root, stdio: 'inherit' });
    const forward = (signal) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const verdict = (pass) => (pass === null ? '' : pass ? 'pass' : 'FAIL');

function formatValue(value) {
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number' && !Number.isFinite(value)) return 'not reached';
  return String(value);
}

export async function main(argv) {
  const externalPart = argv.find((a) => a in external);
  if (externalPart) return dispatch(externalPart, argv.filter((a) => a !== externalPart));

  let values;
  let positionals;
  let options;
  try {
    ({ values, positionals } = parseArgs({ args: argv, options: optionSpec, allowPositionals: true }));
    const unknown = positionals.filter((p) => !(p in parts));
    if (unknown.length) throw new UsageError(`unknown part(s): ${unknown.join(', ')}`);
    options = parseOptions(values);
  } catch (error) {
    if (!(error instanceof UsageError) && error?.code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && error?.code !== 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') throw error;
    console.error(`${error.message}\n\n${usage()}`);
    return 2;
  }
  if (values.help) {
    console.log(usage());
    return 0;
  }
  const chosen = positionals.length ? [...new Set(positionals)] : Object.keys(parts);

  installCleanupHandlers();
  const machine = machineInfo();
  console.log('Machine:');
  for (const [key, value] of Object.entries(machine)) console.log(`  ${key.padEnd(12)} ${value}`);
  console.log(`Parts: ${chosen.join(', ')}\n`);

  if (chosen.some((name) => parts[name].needsBuild)) await ensureBuild();

  const results = [];
  const started = performance.now();
  for (const name of chosen) {
    const partStarted = performance.now();
    console.log(`\n=== ${name}: ${parts[name].about}`);
    try {
      const part = await parts[name].load();
      const result = await part.run(options, { log: console.log });
      const seconds = (performance.now() - partStarted) / 1000;
      console.log(`\n${result.markdown}`);
      console.log(`(${name}: ${seconds.toFixed(0)} s)`);
      results.push({ part: name, seconds, ...result });
    } catch (error) {
      console.error(`${name} failed:`, error);
      results.push({
        part: name,
        seconds: (performance.now() - partStarted) / 1000,
        error: String(error?.stack ?? error),
        figures: [{ figure: 'part failed', value: String(error?.message ?? error).split('\n')[0], unit: '', target: 'runs', pass: false }],
        markdown: `Failed: ${String(error?.message ?? error)}\n`,
      });
    } finally {
      await cleanupAll();
    }
  }
  const totalSeconds = (performance.now() - started) / 1000;

  const rows = results.flatMap(({ part, figures }) =>
    figures.map((f) => ({ part, figure: f.figure, value: formatValue(f.value), detail: f.unit, target: f.target, result: verdict(f.pass) })),
  );
  const targeted = rows.filter((r) => r.result);
  const passed = targeted.filter((r) => r.result === 'pass').length;
  const table = markdownTable(rows);
  console.log(`\n=== Results (${totalSeconds.toFixed(0)} s; ${passed} of ${targeted.length} targets met)\n`);
  console.log(table);

  const stamp = machine.date.replace(/\.\d{3}Z$/, 'Z').replace(/:/g, '');
  const outDir = ensureDir(path.resolve(root, values.out));
  const base = path.join(outDir, `${stamp}-${chosen.length === Object.keys(parts).length ? 'all' : chosen.join('-')}`);
  const machineLine = `${machine.cpu}, ${machine.cores} cores, ${machine.ramGiB} GiB RAM, Node ${machine.node}, Next ${machine.next}, ${machine.nginx}, ${machine.chromium}; load average at start ${machine.loadAverage}; commit ${machine.commit}`;
  const markdown = [
    `### ${machine.date.slice(0, 10)}: \`npm run bench${argv.length ? ` -- ${argv.join(' ')}` : ''}\``,
    '',
    `Machine: ${machineLine}. Total ${Math.round(totalSeconds / 60)} min; ${passed} of ${targeted.length} targets met.`,
    '',
    table,
    ...results.flatMap((r) => [`#### ${r.part} (${r.seconds.toFixed(0)} s)`, '', r.markdown]),
  ].join('\n');
  writeFileSync(`${base}.md`, markdown);
  writeFileSync(`${base}.json`, JSON.stringify({ machine, options, argv, totalSeconds, results }, null, 2));
  console.log(`Results written to ${path.relative(root, base)}.md and .json`);
  return results.some((r) => r.error) ? 1 : 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    async (error) => {
      console.error(error);
      await cleanupAll();
      process.exit(1);
    },
  );
}
