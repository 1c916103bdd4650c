// Next's incremental cache (rendered pages, route handler responses, fetch data) kept in Redis, so
// that every instance of the site serves the same pages and one revalidation refreshes them all.
// next.config.js names this file as `cacheHandler` in every server; without REDIS_URL it is Next's own
// file cache, except that the disk writes happen after the response, on a thread of their own
// (writeBehind, server/page-cache-writer.mjs). Next loads it with a plain import() at run time
// (it is not bundled), hence JavaScript with no project aliases.
//
// How it stays correct:
// - An entry is stored with the time Redis set it. A revalidation (revalidatePath is a tag:
//   `_N_T_/<path>`, `_N_T_/layout` for everything) records the time Redis received it, per tag.
//   get() hides an entry older than any of its tags' revalidations, so the next request renders.
//   Both times come from Redis's clock, so hosts whose clocks disagree cannot resurrect a page.
// - Pages prerendered by `next build` stay on each instance's disk (every instance runs the same
//   build). They are read when Redis has no entry, and the same tag check applies to them, so a
//   page revalidated on one instance is never answered from the build copy on another.
// - Entries are namespaced by build id: after a deploy no instance serves HTML that points at the
//   previous build's scripts. Tags are shared across builds: a revalidation is a fact about content.
// - The revalidation record starts with the time it was created (its epoch). Anything older than
//   the epoch, a build copy included, is not trusted: a Redis restarted empty, or one that evicted
//   the record, has forgotten revalidations, so those pages render again instead of coming back.
// - Each process keeps the entries it decoded (memory, by Redis key), but never answers from them
//   unchecked: every get() asks Redis, in one round trip, for the entry's `modified` stamp and its
//   tags' revalidation times, and uses the decoded copy only when the stamp is the one it decoded.
//   The entry itself (RSC payload and HTML, tens of KB) crosses the wire and is decoded once per
//   process and version, not on every request.
// - Redis down or hung: get() answers "not cached" (the page is rendered), set() is skipped,
//   revalidations are kept and sent once Redis is back; one log line per outage, not per request.
import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { settings } from '../lib/settings.mjs';
import { writeInWorker } from './page-cache-writer.mjs';
import { onShutdown, processSingleton, setCacheStatusSource } from './runtime.mjs';

const require = createRequire(import.meta.url);
const { createClient, ErrorReply } = require('@redis/client');

/** Entries unused for a week are dropped; the build copy or a render takes over. */
const entryTtlSeconds = 7 * 24 * 3600;
/** A Redis that takes longer than this is treated as down: a render is cheaper than waiting. */
const commandTimeoutMs = 1_000;
/** After a missed deadline Redis is left alone this long, so a hung server costs one slow request, not all. */
const pauseAfterTimeoutMs = 3_000;
/** Next's default `cacheMaxMemorySize`, restored when there is no Redis. */
const defaultMemoryCacheBytes = 50 * 1024 * 1024;
/** Decoded entries kept per process (the encoded size is counted); the least recently used go first. */
const memoryBytes = 64 * 1024 * 1024;
/** How long the first requests after start wait for the first connection. */
const firstConnectWaitMs = 1_000;
const namespace = 'khabar:cache:v1';
const tagsKey = `${namespace}:tags`;
const cacheTagsHeader = 'x-next-cache-tags';

/** The field of the revalidation record holding its epoch; never a tag name. */
const epochField = 'khabar:epoch';
// Lua so that the timestamp is Redis's clock, taken in the same step as the write.
const redisNowMs = "local t = redis.call('TIME') local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)";
const setScript = `${redisNowMs}
redis.call('HSETNX', KEYS[2], '${epochField}', now)
redis.call('HSET', KEYS[1], 'modified', now, 'payload', ARGV[1])
redis.call('EXPIRE', KEYS[1], ARGV[2])
return now`;
const epochScript = `${redisNowMs}
redis.call('HSETNX', KEYS[1], '${epochField}', now)
return now`;
const revalidateScript = `${redisNowMs}
for i = 1, #ARGV do redis.call('HSET', KEYS[1], ARGV[i], now) end
return now`;

// ---------------------------------------------------------------------------------------------
// Values: pages carry Buffers (RSC payload, route bodies) and a Map of segment payloads.

const bufferMark = '__khabar_buffer';
const mapMark = '__khabar_map';

/**
 * Buffers and Maps replaced by marked plain values before JSON.stringify sees them: a replacer
 * would come too late, after Buffer#toJSON has turned every byte of the RSC payload into a number.
 */
function toWire(value) {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Uint8Array) return { [bufferMark]: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') };
  if (value instanceof Map) return { [mapMark]: [...value.entries()].map(([key, item]) => [key, toWire(item)]) };
  if (Array.isArray(value)) return value.map(toWire);
  if (typeof value.toJSON === 'function') return value;
  const out = {};
  for (const key of Object.keys(value)) out[key] = toWire(value[key]);
  return out;
}

/** @param {unknown} entry */
export function encodeEntry(entry) {
  return JSON.stringify(toWire(entry));
}

/** @param {string} text */
export function decodeEntry(text) {
  return JSON.parse(text, (_key, value) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      if (typeof value[bufferMark] === 'string') return Buffer.from(value[bufferMark], 'base64');
      if (Array.isArray(value[mapMark])) return new Map(value[mapMark]);
    }
    return value;
  });
}

/** The tags an entry answers to: a page's own and its implicit path tags, or a fetch's tags. */
function tagsOf(entry, ctx) {
  const tags = new Set();
  const header = entry.value?.headers?.[cacheTagsHeader];
  if (typeof header === 'string') for (const tag of header.split(',')) if (tag) tags.add(tag);
  for (const list of [entry.tags, ctx?.tags, ctx?.softTags]) if (Array.isArray(list)) for (const tag of list) tags.add(tag);
  return [...tags];
}

// ---------------------------------------------------------------------------------------------
// Without Redis: the first reader of a page is not kept waiting for its files.

/**
 * Next's file cache stores a rendered page in its memory copy at once, then writes seven files
 * (HTML, RSC payload, metadata, three segment payloads) and their folders, and Next holds the
 * response until that is done: about 4 ms of an archive article's first render
 * (docs/performance.md). The page is answered from the memory copy meanwhile, so the writes can
 * finish after the response; the ones still running at shutdown are awaited. They run on the
 * writer thread, so that the next reader's render does not wait behind them either.
 */
const pendingWrites = processSingleton('file-cache-writes', () => {
  const pending = new Set();
  onShutdown(() => pageWritesSettled());
  return pending;
});

/** Resolves once every page write started so far has finished or failed. */
export function pageWritesSettled() {
  return Promise.allSettled([...pendingWrites]).then(() => undefined);
}

/** @param {Promise<unknown>} writing @param {string} key */
function writeBehind(writing, key) {
  pendingWrites.add(writing);
  writing
    .catch((error) => console.warn(`Failed to write the page cache for ${key}:`, error))
    .finally(() => pendingWrites.delete(writing));
}

// ---------------------------------------------------------------------------------------------
// One connection per process and URL. Next creates a handler per request, and may load this file
// more than once (one copy per bundle); the state is a process singleton so they all share it.

class TimeoutError extends Error {
  code = 'ETIMEDOUT';
}

function redact(url) {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'redis://(unparseable REDIS_URL)';
  }
}

class Connection {
  /** @param {string} url */
  constructor(url) {
    this.url = url;
    this.label = redact(url);
    this.client = undefined;
    this.firstConnect = undefined;
    this.opened = false;
    this.pausedUntil = 0;
    this.down = false;
    this.announced = false;
    this.probe = undefined;
    this.refusals = new Set();
    /** Revalidations Redis did not take; sent again when it is back. */
    this.pendingTags = new Set();
    /** Redis key → the entry decoded from it: `{ modified, entry, tags, size }` (see get()). */
    this.memory = new Map();
    this.memoryUsed = 0;
  }

  remembered(key) {
    const kept = this.memory.get(key);
    if (kept) {
      // Most recently used last.
      this.memory.delete(key);
      this.memory.set(key, kept);
    }
    return kept;
  }

  remember(key, kept) {
    this.forget(key);
    if (kept.size > memoryBytes / 4) return;
    this.memory.set(key, kept);
    this.memoryUsed += kept.size;
    for (const [oldest, old] of this.memory) {
      if (this.memoryUsed <= memoryBytes) break;
      this.memory.delete(oldest);
      this.memoryUsed -= old.size;
    }
  }

  forget(key) {
    const kept = this.memory.get(key);
    if (!kept) return;
    this.memory.delete(key);
    this.memoryUsed -= kept.size;
  }

  open() {
    const client = createClient({
      url: this.url,
      // While disconnected a command fails at once instead of queueing behind a dead socket.
      disableOfflineQueue: true,
      commandsQueueMaxLength: 10_000,
      socket: { connectTimeout: commandTimeoutMs, reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 5_000) },
    });
    client.on('error', (error) => this.unavailable(error));
    client.on('ready', () => this.connected());
    this.client = client;
    const connecting = client.connect().then(
      () => undefined,
      (error) => this.unavailable(error),
    );
    if (!this.opened) this.firstConnect = connecting;
    this.opened = true;
  }

  /** A client ready for commands, or null: the caller then does without the shared cache. */
  async ready() {
    if (Date.now() < this.pausedUntil) return null;
    if (!this.client) this.open();
    if (this.client.isReady) return this.client;
    if (this.firstConnect) {
      let timer;
      await Promise.race([this.firstConnect, new Promise((resolve) => (timer = setTimeout(resolve, firstConnectWaitMs)))]);
      clearTimeout(timer);
      // Only the very first requests wait; later ones never queue behind a connection attempt.
      this.firstConnect = undefined;
    }
    return this.client?.isReady ? this.client : null;
  }

  /**
   * node-redis cannot abandon a command it has already written, so a hung server would hold
   * requests forever: each command gets a deadline, and a missed one drops the connection.
   */
  async run(args) {
    const client = await this.ready();
    if (!client) throw new Error('Redis is not connected');
    let timer;
    try {
      const reply = await Promise.race([
        client.sendCommand(args),
        new Promise((_resolve, reject) => {
          timer = setTimeout(() => reject(new TimeoutError(`no answer within ${commandTimeoutMs} ms`)), commandTimeoutMs);
        }),
      ]);
      this.recovered();
      return reply;
    } catch (error) {
      this.failed(error, client);
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  failed(error, client) {
    if (error instanceof ErrorReply) {
      // Redis answered, with an error (out of memory, a read-only replica): it is up, this write is lost.
      this.recovered();
      if (!this.refusals.has(error.message) && this.refusals.size < 20) {
        this.refusals.add(error.message);
        console.error(`[cache] Redis at ${this.label} refused a command (${error.message}); pages are rendered again when not cached`);
      }
      return;
    }
    this.unavailable(error);
    if (error instanceof TimeoutError && this.client === client) {
      // A fresh connection; the old one and its stuck commands are discarded.
      client.destroy();
      this.pausedUntil = Date.now() + pauseAfterTimeoutMs;
      this.open();
    }
  }

  unavailable(error) {
    if (this.down) return;
    this.down = true;
    const reason = error?.code ?? error?.message ?? String(error);
    console.error(`[cache] Redis at ${this.label} unavailable (${reason}): pages are rendered by this instance until it is back`);
  }

  /** A socket is ready; whether Redis answers is for a command to show (a hung server accepts connections). */
  connected() {
    if (!this.announced) console.log(`[cache] pages are shared through Redis at ${this.label}`);
    this.announced = true;
    if (!this.down && !this.pendingTags.size) return;
    clearTimeout(this.probe);
    this.probe = setTimeout(() => void this.flushTags(), Math.max(0, this.pausedUntil - Date.now()));
    this.probe.unref?.();
  }

  recovered() {
    if (!this.down) return;
    this.down = false;
    console.error(`[cache] Redis at ${this.label} reachable again: pages are shared`);
    if (this.pendingTags.size) void this.flushTags();
  }

  /** Sends the revalidations Redis missed; with none, a PING that tells whether it is back. */
  async flushTags() {
    const tags = [...this.pendingTags];
    this.pendingTags.clear();
    try {
      await this.run(tags.length ? ['EVAL', revalidateScript, '1', tagsKey, ...tags] : ['PING']);
    } catch {
      for (const tag of tags) this.pendingTags.add(tag);
    }
  }

  status() {
    if (!this.client) return 'idle';
    if (this.down) return 'unavailable';
    return this.client.isReady ? 'ok' : 'connecting';
  }

  /** Sends what revalidations are still pending (within the command deadline), then disconnects. */
  async close() {
    clearTimeout(this.probe);
    if (this.pendingTags.size && this.client?.isReady) await this.flushTags();
    const client = this.client;
    this.client = undefined;
    this.firstConnect = undefined;
    if (client?.isOpen) await client.close().catch(() => client.destroy());
    else client?.destroy();
  }
}

/** @type {{ connections: Map<string, Connection>, buildIds: Map<string, string> }} */
const shared = processSingleton('redis-cache', () => ({ connections: new Map(), buildIds: new Map() }));

function connectionFor(url) {
  let connection = shared.connections.get(url);
  if (!connection) {
    shared.connections.set(url, (connection = new Connection(url)));
    // server/serve.mjs runs this after the last request on SIGTERM.
    const opened = connection;
    onShutdown(() => opened.close());
  }
  return connection;
}

/** For the health check: `off` without REDIS_URL, otherwise the connection's state. */
export function redisCacheStatus(url = settings().redisUrl) {
  if (!url) return 'off';
  return shared.connections.get(url)?.status() ?? 'idle';
}
// The health route is bundled by Next and cannot import this file; it asks the runtime module.
setCacheStatusSource(() => redisCacheStatus());

/** Closes every connection this process opened (tests, benchmarks). */
export async function closeRedisCache() {
  const connections = [...shared.connections.values()];
  shared.connections.clear();
  await Promise.all(connections.map((connection) => connection.close()));
}

function buildIdOf(serverDistDir) {
  let id = shared.buildIds.get(serverDistDir);
  if (!id) {
    try {
      id = readFileSync(path.join(serverDistDir, '..', 'BUILD_ID'), 'utf8').trim();
    } catch {
      id = 'no-build-id';
    }
    shared.buildIds.set(serverDistDir, id);
  }
  return id;
}

/** Looked up once: Next makes a handler for every request, and a require through its hooks is not free. */
let fileSystemCache;

function fileSystemCacheClass() {
  if (fileSystemCache === undefined) {
    try {
      fileSystemCache = require('next/dist/server/lib/incremental-cache/file-system-cache.js').default;
    } catch {
      // Without it the build copies are simply not used: pages render on first request instead.
      fileSystemCache = null;
    }
  }
  return fileSystemCache ?? undefined;
}

const responseKinds = new Set(['APP_PAGE', 'APP_ROUTE', 'PAGES']);
/** The `modified` of a remembered build copy: no Redis stamp is ever equal to it. */
const buildCopyStamp = 'build';

/** About how much memory a decoded value holds, for the memory layer's budget. */
function sizeOf(value) {
  let size = 0;
  const visit = (item) => {
    if (typeof item === 'string') size += item.length;
    else if (item instanceof Uint8Array) size += item.byteLength;
    else if (item instanceof Map) for (const inner of item.values()) visit(inner);
    else if (item && typeof item === 'object') for (const inner of Object.values(item)) visit(inner);
  };
  visit(value);
  return size;
}

/** The `cacheHandler` Next instantiates for every request (see next.config.js). */
export default class RedisCacheHandler {
  #connection;
  #prefix;
  #serverDistDir;
  /** With Redis: Next's file cache, only to read the build's prerendered pages. */
  #files;
  /** Without Redis, and during `next build`: Next's file cache is the whole cache, as if this handler were not configured. */
  #local;
  /**
   * Without Redis, in a server: the same cache's memory layer alone. set() fills it and hands the
   * disk writes to the writer thread (server/page-cache-writer.mjs), after the response.
   */
  #memoryOnly;

  /** @param {{ serverDistDir?: string, fs?: unknown, flushToDisk?: boolean, maxMemoryCacheSize?: number, redisUrl?: string } & Record<string, unknown>} ctx */
  constructor(ctx) {
    this.#serverDistDir = ctx.serverDistDir;
    const FileSystemCache = fileSystemCacheClass();
    const canUseFiles = Boolean(FileSystemCache && ctx.fs && ctx.serverDistDir);
    const url = 'redisUrl' in ctx ? ctx.redisUrl : settings().redisUrl;
    // `next build` writes its output itself and must not need Redis. A server started without
    // REDIS_URL (a standalone package keeps this handler configured) behaves as Next does by
    // default, memory layer included: `cacheMaxMemorySize: 0` is meant for the shared cache.
    if (settings().building || !url) {
      if (!canUseFiles) return;
      const localCtx = url ? ctx : { ...ctx, maxMemoryCacheSize: ctx.maxMemoryCacheSize || defaultMemoryCacheBytes };
      this.#local = new FileSystemCache(localCtx);
      if (!settings().building && ctx.flushToDisk !== false) this.#memoryOnly = new FileSystemCache({ ...localCtx, flushToDisk: false });
      return;
    }
    if (canUseFiles) this.#files = new FileSystemCache({ ...ctx, flushToDisk: false, maxMemoryCacheSize: 0 });
    this.#connection = connectionFor(url);
    if (!this.#connection.client) this.#connection.open();
    this.#prefix = `${namespace}:${ctx.serverDistDir ? buildIdOf(ctx.serverDistDir) : 'no-build-id'}:`;
  }

  /**
   * One round trip when this process has decoded the entry before (the usual case): the entry's
   * `modified` stamp and the revalidation times of its tags, pipelined. The payload is fetched and
   * decoded only for an entry this process has not seen in that version.
   */
  async get(key, ctx) {
    if (!this.#connection) return this.#local ? this.#local.get(key, ctx) : null;
    const connection = this.#connection;
    const redisKey = this.#prefix + key;
    try {
      let kept = connection.remembered(redisKey);
      const asked = new Set(kept?.tags);
      for (const list of [ctx?.tags, ctx?.softTags]) if (Array.isArray(list)) for (const tag of list) asked.add(tag);
      const [[modified, payload], [epoch, ...revalidated]] = await Promise.all([
        connection.run(kept ? ['HMGET', redisKey, 'modified'] : ['HMGET', redisKey, 'modified', 'payload']),
        connection.run(['HMGET', tagsKey, epochField, ...asked]),
      ]);
      const times = new Map([...asked].map((tag, i) => [tag, revalidated[i]]));
      if (modified !== null && modified !== undefined) {
        if (kept?.modified !== modified) {
          const text = payload ?? (await connection.run(['HGET', redisKey, 'payload']));
          if (typeof text !== 'string') return null;
          const decoded = decodeEntry(text);
          const entry = { value: decoded.value, cacheControl: decoded.cacheControl, lastModified: Number(modified) };
          kept = { modified, entry, tags: tagsOf(decoded, ctx), size: text.length };
          connection.remember(redisKey, kept);
        }
      } else {
        if (kept && kept.modified !== buildCopyStamp) connection.forget(redisKey);
        if (kept?.modified !== buildCopyStamp) {
          const entry = await this.#buildCopy(key, ctx);
          if (!entry) return null;
          kept = { modified: buildCopyStamp, entry, tags: tagsOf(entry, ctx), size: sizeOf(entry.value) };
          connection.remember(redisKey, kept);
        }
      }
      const entry = kept.entry;
      // Tags this request did not ask about yet (an entry new to this process): a second look.
      const unasked = kept.tags.filter((tag) => !times.has(tag));
      if (unasked.length) {
        const more = await connection.run(['HMGET', tagsKey, ...unasked]);
        unasked.forEach((tag, i) => times.set(tag, more[i]));
      }
      if (epoch === null || epoch === undefined) {
        // A new or lost record: start it now; until then nothing can be shown to be current.
        await connection.run(['EVAL', epochScript, '1', tagsKey]);
        return null;
      }
      if (entry.lastModified < Number(epoch)) return null;
      // Every tag asked about: the entry's own, and this request's (a path, the layout, fetch tags).
      // `>=`: a render that finished in the very millisecond of a revalidation may predate it.
      for (const at of times.values()) if (at !== null && at !== undefined && Number(at) >= entry.lastModified) return null;
      return { lastModified: entry.lastModified, value: entry.value, cacheControl: entry.cacheControl };
    } catch {
      // Already logged once per outage by the connection; a miss makes Next render the page.
      return null;
    }
  }

  async set(key, data, ctx) {
    if (!this.#connection) {
      if (!this.#local) return;
      // `next build` must have written every file before it ends.
      if (!this.#memoryOnly || !this.#serverDistDir) return this.#local.set(key, data, ctx);
      await this.#memoryOnly.set(key, data, ctx);
      writeBehind(writeInWorker(this.#serverDistDir, key, data, ctx) ?? this.#local.set(key, data, ctx), key);
      return;
    }
    const entry = { value: data, cacheControl: ctx?.fetchCache ? undefined : ctx?.cacheControl, tags: ctx?.fetchCache ? ctx.tags : undefined };
    const redisKey = this.#prefix + key;
    const text = encodeEntry(entry);
    try {
      // An entry starts the revalidation record if there is none: it was rendered from current content.
      const now = await this.#connection.run(['EVAL', setScript, '2', redisKey, tagsKey, text, String(entryTtlSeconds)]);
      // This process's next get() finds the stamp it just wrote and need not fetch what it has.
      const modified = String(now);
      const kept = { value: data, cacheControl: entry.cacheControl, lastModified: Number(now) };
      this.#connection.remember(redisKey, { modified, entry: kept, tags: tagsOf(entry, ctx), size: text.length });
    } catch {
      this.#connection.forget(redisKey);
      // The page was still sent to the reader; the next request renders it again.
    }
  }

  /**
   * revalidatePath(p) arrives here as the tag `_N_T_<p>`. With `durations` (revalidateTag(tag,
   * profile)) Next would serve the old page once more while rendering; this handler expires it at
   * once, which costs one blocking render and never shows an outdated page.
   */
  async revalidateTag(tags, durations) {
    const list = (Array.isArray(tags) ? tags : [tags]).filter((tag) => typeof tag === 'string' && tag && tag !== epochField);
    if (!list.length) return;
    if (!this.#connection) return this.#local?.revalidateTag(list, durations);
    try {
      await this.#connection.run(['EVAL', revalidateScript, '1', tagsKey, ...list]);
    } catch {
      for (const tag of list) this.#connection.pendingTags.add(tag);
    }
  }

  resetRequestCache() {
    this.#local?.resetRequestCache();
  }

  /** The page `next build` prerendered for this exact route, if any. */
  async #buildCopy(key, ctx) {
    if (!this.#files || !responseKinds.has(ctx?.kind)) return undefined;
    const marker = key.indexOf('/$/');
    if (!key.startsWith('/route-cache/') || marker === -1) return undefined;
    const buildKey = key.slice(marker + 2);
    // Only the build output, never pages this server once wrote to disk without Redis (those may
    // come from other content), and only when the build says the file belongs to this route.
    const metaFile = path.join(this.#serverDistDir, ctx.kind === 'PAGES' ? 'pages' : 'app', `${buildKey}.meta`);
    let meta;
    try {
      meta = JSON.parse(await readFile(metaFile, 'utf8'));
    } catch {
      return undefined;
    }
    if (meta?.routeCache?.key !== key || Boolean(meta.routeCache.isFallback) !== Boolean(ctx.isFallback)) return undefined;
    const data = await this.#files.get(buildKey, ctx);
    return data?.value ? { value: data.value, cacheControl: data.cacheControl, lastModified: data.lastModified } : undefined;
  }
}
