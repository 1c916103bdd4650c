import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FolderWatcher } from '@/lib/content/folder-watcher';

const until = async (check: () => boolean, ms = 3000) => {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 20));
  return check();
};

describe('FolderWatcher', () => {
  test('a change in any watched folder is reported; a folder no longer listed is not watched', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'khabar-watch-'));
    try {
      const a = path.join(root, 'a');
      const b = path.join(root, 'b');
      fs.mkdirSync(a);
      fs.mkdirSync(b);
      let changes = 0;
      const watcher = new FolderWatcher(
        () => changes++,
        (error) => assert.fail(String(error)),
      );
      assert.equal(watcher.active, false, 'nothing watched yet');
      watcher.sync([root, a, b, path.join(root, 'gone')]);
      assert.equal(watcher.active, true, 'a folder that is not there is skipped');
      fs.writeFileSync(path.join(b, 'x.md'), 'x');
      assert.ok(await until(() => changes > 0), 'a file written in a subfolder');

      watcher.sync([root, a]);
      await new Promise((resolve) => setTimeout(resolve, 100));
      changes = 0;
      fs.writeFileSync(path.join(b, 'y.md'), 'y');
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.equal(changes, 0, 'b is no longer watched');
      fs.writeFileSync(path.join(a, 'z.md'), 'z');
      assert.ok(await until(() => changes > 0), 'a still is');
      watcher.close();
      assert.equal(watcher.active, false);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  test('a folder that cannot be watched stops all watching and says so, once', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'khabar-watch-'));
    try {
      const file = path.join(root, 'not-a-folder');
      fs.writeFileSync(file, '');
      const failures: unknown[] = [];
      const watcher = new FolderWatcher(
        () => {},
        (error) => failures.push(error),
      );
      // A file in place of a folder watches fine on Linux; a name under a file cannot be watched at all.
      watcher.sync([root, path.join(file, 'below')]);
      assert.equal(failures.length, 1);
      assert.equal(watcher.active, false, 'the caller falls back to periodic rescans');
      watcher.sync([root]);
      assert.equal(watcher.active, false, 'and stays there');
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
