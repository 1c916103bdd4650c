// After `next build`: marks every client script of the build so that Chrome compiles all of its
// functions at once, on the thread that streams the file in, instead of each function on the main
// thread the first time it is called.
//
//   node scripts/compile-hints.mjs        (part of `npm run build`; NEXT_DIST_DIR picks the build)
//
// Why (issue 19): on a phone the longest task of every page was evaluating the page's entry
// script, and most of it was V8 compiling React's and Next's module factories one by one as they
// were first called (240–420 ms at 4× CPU slowdown). Nearly all of that code runs while the page
// loads, which is the case V8's explicit compile hint (`//# allFunctionsCalledOnLoad`, Chrome 136
// and later) is for; browsers without it read a comment. Measured in docs/performance.md.
// The comment goes on a line of its own before the code: the scripts carry no source maps whose
// lines it would shift.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { settings } from '../lib/settings.mjs';

export const compileHint = '//# allFunctionsCalledOnLoad\n';

/** Adds the hint to each client script under `distDir` that lacks it; returns how many it changed. */
export function addCompileHints(distDir) {
  const chunks = path.join(distDir, 'static', 'chunks');
  let changed = 0;
  for (const name of readdirSync(chunks, { recursive: true, encoding: 'utf8' })) {
    if (!name.endsWith('.js')) continue;
    const file = path.join(chunks, name);
    const code = readFileSync(file, 'utf8');
    if (code.startsWith(compileHint)) continue;
    writeFileSync(file, compileHint + code);
    changed++;
  }
  return changed;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const distDir = path.resolve(settings().distDir);
  console.log(`compile hints: ${addCompileHints(distDir)} client scripts marked in ${path.relative(process.cwd(), distDir) || '.'}`);
}
