// View counts against the production server (server/serve.mjs) with views.db in its DATA_DIR:
// 8 sender processes × 500 beacons end in exact totals, and SIGTERM writes the counts still
// waiting in memory before the process exits.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { copyBuild, httpRequest, keepAliveAgent, publishedSlugs, scratch, sleep, startServer } from './harness.mjs';

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
const userAgent = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36';
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

test('SIGTERM while beacons keep arriving: every beacon answered 204 is in views.db after the exit', { timeout: 180_000 }, async (t) => {
  const build = copyBuild('views-sigterm');
  try {
    // A round proves something only when some answered views were still in memory at the signal;
    // the one-second timer may just have written them all, so up to three rounds are tried.
    for (let round = 1; round <= 3; round++) {
      const data = scratch(`views-sigterm-${round}`);
      const server = await startServer({ dist: build.dist, dataDir: data.dir });
      try {
        const slugs = (await publishedSlugs(server.url)).slice(0, 3);
        const agent = keepAliveAgent(4);
        const statuses = {};
        let answered = 0;
        let sending = true;
        let n = 0;
        const send = async () => {
          while (sending) {
            const i = n++;
            const body = JSON.stringify({ article: slugs[i % slugs.length] });
            const result = await httpRequest(`${server.url}/api/views`, {
              method: 'POST',
              agent,
              headers: { 'content-type': 'text/plain;charset=UTF-8', 'user-agent': userAgent, 'x-forwarded-for': `10.9.${(i >> 8) & 255}.${i & 255}`, 'content-length': Buffer.byteLength(body) },
              body,
            }).catch((error) => ({ status: error.code ?? 'error' }));
            statuses[result.status] = (statuses[result.status] ?? 0) + 1;
            if (result.status === 204) answered++;
            else if (result.status !== 503) sending = false;
          }
        };
        const senders = Array.from({ length: 4 }, send);
        // Past the route's first (slow) answers, well into a steady stream.
        for (let waited = 0; answered < 200 && waited < 20_000; waited += 50) await sleep(50);
        let before = 0;
        try {
          before = sum(storedViews(data.dir));
        } catch {
          // no file yet: nothing written
        }
        const answeredAtSignal = answered;
        server.kill('SIGTERM');
        const exit = await server.exited;
        sending = false;
        await Promise.all(senders);
        agent.destroy();
        assert.equal(exit.code, 0, server.log());
        const after = sum(storedViews(data.dir));
        t.diagnostic(`round ${round}: ${before} written when ${answeredAtSignal} were answered just before SIGTERM; ${answered} answered in all, ${after} written after the exit; ${JSON.stringify(statuses)}`);
        assert.equal(after, answered);
        if (before < answeredAtSignal) return;
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
