// One fix to Next.js 16.4–16.5's server runtime, applied after every install and before every build
// (package.json `postinstall` and `build`). Idempotent; only Node's standard library.
//
// IncrementalCache.set measures every entry with `JSON.stringify(entry).length`, but uses the
// length only for fetch-cache entries (the 2 MB limit). For a rendered page the entry holds the RSC
// payload and segment payloads as Buffers, which JSON.stringify expands into arrays of numbers:
// about 2 ms of CPU on every page Next renders into its cache here, for a figure thrown away
// (docs/performance.md, issue 14). The fix measures fetch entries only, which is the same
// behaviour. When a Next release no longer has the line, this prints so and changes nothing.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The minified line in the compiled runtimes, and the same line measuring fetch entries only. */
export const unpatched = 'let i=JSON.stringify(t).length;if(r.fetchCache&&i>2097152';
export const patched = 'let i=r.fetchCache?JSON.stringify(t).length:0;if(r.fetchCache&&i>2097152';

/** @param {string} text @returns {{ text: string, state: 'patched' | 'already' | 'absent' }} */
export function patchRuntime(text) {
  if (text.includes(patched)) return { text, state: 'already' };
  if (!text.includes(unpatched)) return { text, state: 'absent' };
  return { text: text.split(unpatched).join(patched), state: 'patched' };
}

/** Patches every compiled runtime of the Next installed under `nextDir`; returns what it did per file. */
export function patchNext(nextDir = path.join(root, 'node_modules', 'next')) {
  const runtimes = path.join(nextDir, 'dist', 'compiled', 'next-server');
  /** @type {Record<string, 'patched' | 'already' | 'absent'>} */
  const result = {};
  let files = [];
  try {
    files = readdirSync(runtimes).filter((name) => name.endsWith('.runtime.prod.js'));
  } catch {
    return result;
  }
  for (const name of files) {
    const file = path.join(runtimes, name);
    const { text, state } = patchRuntime(readFileSync(file, 'utf8'));
    if (state === 'patched') writeFileSync(file, text);
    result[name] = state;
  }
  return result;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const result = patchNext();
  const states = Object.values(result);
  const patchedCount = states.filter((state) => state === 'patched').length;
  if (!states.some((state) => state !== 'absent')) {
    let version = 'unknown';
    try {
      version = JSON.parse(readFileSync(path.join(root, 'node_modules', 'next', 'package.json'), 'utf8')).version;
    } catch {
      // Next is not installed: nothing to patch
    }
    console.log(`patch-next: Next ${version} no longer measures every cache entry the old way; nothing patched (scripts/patch-next.mjs can go).`);
  } else if (patchedCount) {
    console.log(`patch-next: ${patchedCount} Next runtime file(s) measure only fetch-cache entries now.`);
  }
}
