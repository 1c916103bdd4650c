// The disk half of the local page cache (no Redis), on its own thread. Next's file cache writes a
// rendered page as seven files in four folders (HTML, RSC payload, metadata, segment payloads):
// on this 2-core machine about 4 ms of the main thread per page (7.5 ms of the process's CPU),
// which the next reader's request waited behind even though the writes run after the response
// (docs/performance.md).
// Here a worker thread runs Next's own FileSystemCache.set for them, so the files and their format
// are exactly Next's; the main thread keeps the memory copy and answers from it meanwhile.
//
// This file is the main thread's side (`writeInWorker`); the thread runs page-cache-writer-thread.mjs,
// named with `new URL(…, import.meta.url)` so that Next's file tracing (standalone output) finds
// exactly that file. Plain JavaScript for the same reason as the handler: Next loads the handler
// with a plain import() at run time.
import { Worker } from 'node:worker_threads';
import { processSingleton } from './runtime.mjs';

/**
 * The fields of Next's `set` context that FileSystemCache.set reads; the rest (request state,
 * functions) must not cross to the worker.
 * @param {Record<string, unknown> | undefined} ctx
 */
function portableContext(ctx) {
  const { fetchCache, isFallback, isRoutePPREnabled, cacheControl, tags } = ctx ?? {};
  return { fetchCache, isFallback, isRoutePPREnabled, cacheControl, tags };
}

/** The main thread's side: one worker per process, started on the first write. */
const writer = processSingleton('page-cache-writer', () => ({
  /** @type {Worker | null} */
  worker: null,
  /** Set once the worker failed: the handler then writes on the main thread as Next does. */
  broken: false,
  nextId: 0,
  /** @type {Map<number, { resolve: () => void, reject: (error: Error) => void }>} */
  pending: new Map(),
}));

function startWorker() {
  const worker = new Worker(new URL('./page-cache-writer-thread.mjs', import.meta.url));
  worker.on('message', (/** @type {{ id: number, error?: string }} */ { id, error }) => {
    const waiting = writer.pending.get(id);
    writer.pending.delete(id);
    if (!writer.pending.size) worker.unref();
    if (error) waiting?.reject(new Error(error));
    else waiting?.resolve();
  });
  const fail = (/** @type {Error} */ error) => {
    if (writer.broken) return;
    writer.broken = true;
    writer.worker = null;
    console.warn('The page cache writer thread stopped; pages are written on the main thread from now on:', error);
    for (const { reject } of writer.pending.values()) reject(error);
    writer.pending.clear();
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`exited with code ${code}`)));
  // An idle writer keeps nothing alive; one with files to write holds the process until they are
  // written (ref'd in writeInWorker). After the listeners: adding one refs the port again.
  worker.unref();
  return worker;
}

/**
 * Hands a cache entry to the writer thread; resolves once its files are on disk. Undefined when the
 * thread cannot take it (it failed, or the value cannot be copied to it): the caller writes it.
 * @param {string} serverDistDir @param {string} key @param {unknown} data @param {Record<string, unknown> | undefined} ctx
 * @returns {Promise<void> | undefined}
 */
export function writeInWorker(serverDistDir, key, data, ctx) {
  if (writer.broken) return undefined;
  writer.worker ??= startWorker();
  const id = writer.nextId++;
  try {
    // Copied, not transferred: the main thread's memory copy keeps serving the same Buffers. The
    // HTML crosses as UTF-8 bytes: copying a page's 75 KB string of Arabic text costs the main
    // thread three times as much as encoding it and copying the bytes.
    const html = /** @type {{ html?: unknown }} */ (data)?.html;
    const sent = typeof html === 'string' ? { ...data, html: Buffer.from(html) } : data;
    writer.worker.postMessage({ id, serverDistDir, key, data: sent, htmlBytes: sent !== data, ctx: portableContext(ctx) });
  } catch {
    return undefined;
  }
  writer.worker.ref();
  return new Promise((resolve, reject) => writer.pending.set(id, { resolve, reject }));
}
