// View counts against the production server (server/serve.mjs) with views.db in its DATA_DIR:
// 8 sender processes × 500 beacons end in exact totals, and SIGTERM writes the counts still
// waiting in memory before the process exits.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { copyBuild, publishedSlugs, scratch, sleep, startServer } from './harness.mjs';

const sender = path.join(import.meta.dirname, 'view-sender.mjs');

function runSender(base, index, count, slugs) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [sender, base, String(index), String(count), slugs.join(',')], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => (out += chunk));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').at(-1))) : reject(new Error(`sender ${index} exited ${code}`))));
  });
}

/** Views per article in views.db, read from outside the server as a backup would. */
function storedViews(dataDir) {
  const db = new Database(path.join(dataDir, 'views.db'), { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT article, sum(views) AS views FROM view_hours GROUP BY article ORDER BY article').all();
    return Object.fromEntries(rows.map((r) => [r.article, r.views]));
  } finally {
    db.close();
  }
}
const sum = (counts) => Object.values(counts).reduce((a, b) => a + b, 0);

test('8 processes × 500 beacons: every one answered 204, exact totals per article within seconds', { timeout: 180_000 }, async (t) => {
  const build = copyBuild('views-burst');
  const data = scratch('views-burst');
  const server = await startServer({ dist: build.dist, dataDir: data.dir });
  try {
    const slugs = (await publishedSlugs(server.url)).slice(0, 5);
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => runSender(server.url, i, 500, slugs)));
    const statuses = {};
    for (const r of results) for (const [status, n] of Object.entries(r.statuses)) statuses[status] = (statuses[status] ?? 0) + n;
    assert.deepEqual(statuses, { 204: 4000 });
    // Written within a second or so of the last beacon, while the server keeps running.
    let stored = {};
    for (let waited = 0; waited < 10_000 && sum(stored) < 4000; waited += 250) {
      await sleep(250);
      try {
        stored = storedViews(data.dir);
      } catch {
        // not created yet
      }
    }
    t.diagnostic(JSON.stringify(stored));
    assert.deepEqual(stored, Object.fromEntries([...slugs].sort().map((slug) => [slug, 800])));
  } finally {
    await server.stop();
    build.remove();
    data.remove();
  }
});

test('SIGTERM right after a burst: the views still in memory are written before the exit', { timeout: 180_000 }, async (t) => {
  const build = copyBuild('views-sigterm');
  try {
    // A round proves something only when some views were still in memory at the signal; the
    // one-second timer may have written them all first, so up to three rounds are tried.
    for (let round = 1; round <= 3; round++) {
      const data = scratch(`views-sigterm-${round}`);
      const server = await startServer({ dist: build.dist, dataDir: data.dir });
      try {
        const slugs = (await publishedSlugs(server.url)).slice(0, 3);
        const sent = await runSender(server.url, round, 300, slugs);
        assert.deepEqual(sent.statuses, { 204: 300 });
        let before = 0;
        try {
          before = sum(storedViews(data.dir));
        } catch {
          // no file yet: nothing written
        }
        server.kill('SIGTERM');
        const exit = await server.exited;
        assert.equal(exit.code, 0, server.log());
        const after = sum(storedViews(data.dir));
        t.diagnostic(`round ${round}: ${before} of 300 written before SIGTERM, ${after} after`);
        assert.equal(after, 300);
        if (before < 300) return;
      } finally {
        await server.stop();
        data.remove();
      }
    }
    assert.fail('every round had written all views before SIGTERM; the shutdown flush was never exercised');
  } finally {
    build.remove();
  }
});
