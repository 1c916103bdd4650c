// Reliability benchmark: each promise of docs/reliability.md measured against the production
// server (`node server/serve.mjs` on a copy of the current build), with its pass conditions.
//
//   npm run build
//   node scripts/bench/reliability.mjs [part ...] [--fuzz-count 10000] [--load-seconds 30]
//                                      [--connections 50] [--comments-per-second 10] [--json results.json]
//
// Parts (default: all, in this order): writers, kill9, sigterm, diskfull, readonly, fuzz, load, slowloris.
// The first five also run in `npm test` (tests/reliability/); fuzz (10,000 payloads), load (30 s) and
// slowloris (200 connections through nginx) run only here. Prints every check, the figures and a
// summary table; exits 1 when any check fails. diskfull/readonly need root or unprivileged user
// namespaces (a tmpfs in a private mount namespace); slowloris needs nginx.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  concurrentWriters,
  diskFull,
  httpFuzz,
  killNine,
  loadWhilePosting,
  readOnly,
  sigtermInFlight,
  slowHeaders,
} from '../../tests/reliability/scenarios.mjs';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'fuzz-count': { type: 'string', default: '10000' },
    'load-seconds': { type: 'string', default: '30' },
    connections: { type: 'string', default: '50' },
    'comments-per-second': { type: 'string', default: '10' },
    json: { type: 'string' },
  },
});

const positive = (name) => {
  const n = Number(values[name]);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name}: expected a positive number, got ${values[name]}`);
  return n;
};

const parts = {
  writers: { promise: '8 writers × 250 comments at once', run: () => concurrentWriters({ writers: 8, perWriter: 250 }) },
  kill9: { promise: '20 × kill -9 during a posting loop', run: () => killNine({ runs: 20 }) },
  sigterm: { promise: 'SIGTERM with 100 requests in flight', run: () => sigtermInFlight({ requests: 100, idle: 5 }) },
  diskfull: { promise: 'disk full during posting', run: () => diskFull() },
  readonly: { promise: 'read-only DATA_DIR', run: () => readOnly() },
  fuzz: { promise: `${values['fuzz-count']} fuzzed comment payloads over HTTP`, run: () => httpFuzz({ count: positive('fuzz-count') }) },
  load: {
    promise: `${values.connections} connections × ${values['load-seconds']} s on article pages while comments are posted`,
    run: () =>
      loadWhilePosting({
        connections: positive('connections'),
        duration: positive('load-seconds'),
        commentsPerSecond: positive('comments-per-second'),
      }),
  },
  slowloris: { promise: '200 slow-header connections through the documented nginx', run: () => slowHeaders({ sockets: 200 }) },
};

const chosen = positionals.length ? positionals : Object.keys(parts);
const unknown = chosen.filter((name) => !parts[name]);
if (unknown.length) {
  console.error(`unknown part(s): ${unknown.join(', ')}; expected any of ${Object.keys(parts).join(', ')}`);
  process.exit(2);
}

const date = new Date().toISOString().slice(0, 10);
const results = [];
for (const name of chosen) {
  const { promise, run } = parts[name];
  console.log(`\n━━ ${name}: ${promise} ━━`);
  const started = performance.now();
  let outcome;
  try {
    const { figures, checks } = await run();
    outcome = { name, promise, figures, checks };
  } catch (error) {
    outcome = { name, promise, figures: {}, checks: [{ what: 'ran to the end', ok: false, detail: error.stack ?? String(error) }] };
  }
  outcome.seconds = Number(((performance.now() - started) / 1000).toFixed(1));
  outcome.pass = outcome.checks.every((c) => c.ok);
  results.push(outcome);
  for (const c of outcome.checks) console.log(`${c.ok ? '✓' : '✗'} ${c.what}${c.detail && (!c.ok || c.detail.length < 80) ? ` (${c.detail})` : ''}`);
  for (const [key, value] of Object.entries(outcome.figures)) console.log(`  ${key}: ${value}`);
}

const cell = (text) => String(text).replaceAll('|', '\\|').replaceAll('\n', ' ');
console.log(`\nReliability, ${date}, node ${process.version}\n`);
console.log('| part | promise | result | figures |');
console.log('| --- | --- | --- | --- |');
for (const r of results) {
  const figures = Object.entries(r.figures)
    .map(([k, v]) => `${k}: ${v}`)
    .join('; ');
  console.log(`| ${r.name} | ${cell(r.promise)} | ${r.pass ? 'pass' : 'FAIL'} | ${cell(figures)} |`);
}
if (values.json) writeFileSync(values.json, JSON.stringify({ date, node: process.version, results }, null, 2));
const failed = results.filter((r) => !r.pass).map((r) => r.name);
console.log(failed.length ? `\nFAILED: ${failed.join(', ')}` : '\nall passed');
process.exit(failed.length ? 1 : 0);
