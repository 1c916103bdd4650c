// The writer thread of the local page cache (server/page-cache-writer.mjs says why): one write at a
// time, in the order they were handed over, so that a page rendered twice in quick succession ends
// on disk as its later render.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parentPort } from 'node:worker_threads';

const require = createRequire(import.meta.url);

if (parentPort) {
  const port = parentPort;
  const FileSystemCache = require('next/dist/server/lib/incremental-cache/file-system-cache.js').default;
  const { nodeFs } = require('next/dist/server/lib/node-fs-methods');
  // Synchronous calls: this thread has nothing else to do, and each of Next's promise-based calls
  // would cost a round trip through libuv's thread pool, on the same two cores as the renders.
  const fs = {
    ...nodeFs,
    mkdir: async (/** @type {string} */ dir) => void mkdirSync(dir, { recursive: true }),
    writeFile: async (/** @type {string} */ file, /** @type {string | Uint8Array} */ data) => writeFileSync(file, data),
  };
  /** @type {Map<string, { set: (key: string, data: unknown, ctx: unknown) => Promise<void> }>} */
  const caches = new Map();
  const cacheFor = (/** @type {string} */ dir) => {
    let cache = caches.get(dir);
    if (!cache) {
      cache = new FileSystemCache({ fs, serverDistDir: dir, flushToDisk: true, maxMemoryCacheSize: 0 });
      caches.set(dir, cache);
    }
    return /** @type {NonNullable<typeof cache>} */ (cache);
  };
  let queue = Promise.resolve();
  port.on('message', (/** @type {{ id: number, serverDistDir: string, key: string, data: any, htmlBytes: boolean, ctx: unknown }} */ job) => {
    queue = queue.then(async () => {
      try {
        const data = job.htmlBytes ? { ...job.data, html: new TextDecoder().decode(job.data.html) } : job.data;
        await cacheFor(job.serverDistDir).set(job.key, data, job.ctx);
        port.postMessage({ id: job.id });
      } catch (error) {
        port.postMessage({ id: job.id, error: error instanceof Error ? error.message : String(error) });
      }
    });
  });
}
