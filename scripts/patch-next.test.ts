import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { patched, patchNext, patchRuntime, unpatched } from './patch-next.mjs';

const require = createRequire(import.meta.url);

test('the cache entry is measured for fetch entries only, once, and other runtimes are left alone', () => {
  const next = mkdtempSync(path.join(tmpdir(), 'khabar-patch-next-'));
  const runtimes = path.join(next, 'dist', 'compiled', 'next-server');
  mkdirSync(runtimes, { recursive: true });
  const before = `async set(e,t,r){${unpatched}&&!this.hasCustomCacheHandler){}}`;
  writeFileSync(path.join(runtimes, 'app-page.runtime.prod.js'), before);
  writeFileSync(path.join(runtimes, 'other.runtime.prod.js'), 'let x=1;');

  assert.deepEqual(patchNext(next), { 'app-page.runtime.prod.js': 'patched', 'other.runtime.prod.js': 'absent' });
  assert.equal(readFileSync(path.join(runtimes, 'app-page.runtime.prod.js'), 'utf8'), `async set(e,t,r){${patched}&&!this.hasCustomCacheHandler){}}`);
  assert.equal(readFileSync(path.join(runtimes, 'other.runtime.prod.js'), 'utf8'), 'let x=1;');
  assert.deepEqual(patchNext(next), { 'app-page.runtime.prod.js': 'already', 'other.runtime.prod.js': 'absent' }, 'a second run changes nothing');
});

test('the patched line behaves as the original for fetch entries and skips the measure for pages', () => {
  const measure = (line: string) =>
    // The line as Next runs it: `t` the entry, `r` the context; `i` is what the size check reads.
    new Function('t', 'r', `${line}){}return i;`) as (t: unknown, r: { fetchCache?: boolean }) => number;
  const entry = { kind: 'FETCH', data: { body: 'x'.repeat(10) } };
  assert.equal(measure(patched)(entry, { fetchCache: true }), measure(unpatched)(entry, { fetchCache: true }));
  let stringified = false;
  const page = { kind: 'APP_PAGE', rscData: { toJSON: () => ((stringified = true), []) } };
  assert.equal(measure(patched)(page, { fetchCache: false }), 0);
  assert.equal(stringified, false, 'a page entry is not serialised');
});

test('the installed Next runs the patched line (postinstall applied it)', () => {
  const runtime = require.resolve('next/dist/compiled/next-server/app-page-turbo.runtime.prod.js');
  const { state } = patchRuntime(readFileSync(runtime, 'utf8'));
  // 'absent' would mean a Next release without the line: then scripts/patch-next.mjs can go.
  assert.notEqual(state, 'patched', `${runtime} still measures every cache entry: run \`node scripts/patch-next.mjs\``);
});
