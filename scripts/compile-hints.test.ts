import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { addCompileHints, compileHint } from './compile-hints.mjs';

test('every client script of a build is marked once; other files are left as they are', () => {
  const dist = mkdtempSync(path.join(tmpdir(), 'khabar-hints-'));
  const chunks = path.join(dist, 'static', 'chunks');
  mkdirSync(path.join(chunks, 'app'), { recursive: true });
  writeFileSync(path.join(chunks, 'main.js'), '(()=>{})();');
  writeFileSync(path.join(chunks, 'app', 'page.js'), 'self.x=1;');
  writeFileSync(path.join(chunks, 'style.css'), 'a{}');

  assert.equal(addCompileHints(dist), 2);
  assert.equal(readFileSync(path.join(chunks, 'main.js'), 'utf8'), `${compileHint}(()=>{})();`);
  assert.equal(readFileSync(path.join(chunks, 'app', 'page.js'), 'utf8'), `${compileHint}self.x=1;`);
  assert.equal(readFileSync(path.join(chunks, 'style.css'), 'utf8'), 'a{}');

  assert.equal(addCompileHints(dist), 0, 'a second run changes nothing');
  assert.equal(readFileSync(path.join(chunks, 'main.js'), 'utf8'), `${compileHint}(()=>{})();`);
});
