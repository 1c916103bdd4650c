// A one-second shared cache in front of Next's handler, inside the production server.
//
// Published pages say `Cache-Control: public, s-maxage=30, …`: any shared cache may keep them. Next
// answers a cached page in 1.5–2 ms of CPU, almost all of it per-request routing and rendering
// machinery rather than the page, so under a burst of readers the same bytes are built again and
// again. Keeping the finished response for one second turns a burst into one Next request per
// page per second, and readers never see anything older than a second beyond what Next would
// serve, because every write through this server that succeeded (a comment, a moderation, the
// content watcher's own revalidation call) empties the cache as soon as it has been answered.
// Refused requests (an OPTIONS on a 404, an unauthorised POST, a DELETE on a page) empty nothing:
// otherwise anyone could keep the cache empty for free.
//
// Bounded three ways: at most `maxEntries` pages, at most `maxBytes` of bodies and headers in all,
// and expired entries are swept every `ttlMs` even when nobody asks (an idle server keeps nothing).
// Query parameters no page reads (utm_*, fbclid, …) are not part of the key: ?utm_source=a and
// ?utm_source=b are one page, not two entries.
//
// One request fills an entry; the others for the same page wait for it (join), as nginx's
// proxy_cache_lock does, rather than all going to Next while the first is being rendered. Without
// that, the slower Next answers (a page cache in Redis rather than in local files), the more of a
// burst gets through each time an entry expires: the refill time multiplies the load. A waiter
// gives up after `waitLimitMs` and goes to Next itself, so one slow render never stalls a page.
//
// Stored: GET 200 responses whose Cache-Control is public with s-maxage and that set no cookie.
// Never stored or served: requests with a cookie (editors, draft mode) or authorisation, the
// router's RSC and prefetch requests, API routes, Next's own files.
const routerHeaders = ['rsc', 'next-router-state-tree', 'next-router-prefetch', 'next-router-segment-prefetch', 'next-action'];
const hopByHop = new Set(['connection', 'keep-alive', 'transfer-encoding', 'date']);

/**
 * The query parameters a published page reads (app/search: q, page, category and sort). Any other
 * parameter changes nothing in a page, so it is left out of the key; a unit test keeps this list
 * in step with the `searchParams` the pages declare.
 */
export const pageQueryParameters = ['category', 'page', 'q', 'sort'];

/** The path and the parameters pages read, sorted: the part of a URL that decides a page. */
export function pageAddress(url) {
  const mark = url.indexOf('?');
  if (mark === -1) return url;
  const kept = [];
  for (const pair of url.slice(mark + 1).split('&')) {
    const equals = pair.indexOf('=');
    const raw = (equals === -1 ? pair : pair.slice(0, equals)).replaceAll('+', ' ');
    // Decoded as Next decodes it: `%71=…` is `q=…` to the page.
    let name = raw;
    try {
      name = decodeURIComponent(raw);
    } catch {
      // left as it is: no page reads a malformed name
    }
    if (pageQueryParameters.includes(name)) kept.push(pair);
  }
  const path = url.slice(0, mark);
  return kept.length === 0 ? path : `${path}?${kept.sort().join('&')}`;
}

/** The cache key, or undefined when the request must reach Next. */
export function cacheKey(req) {
  if (req.method !== 'GET') return undefined;
  const h = req.headers;
  if (h.cookie || h.authorization || h.range) return undefined;
  if (routerHeaders.some((name) => h[name] !== undefined)) return undefined;
  const url = req.url ?? '';
  if (url.startsWith('/api/') || url.startsWith('/_next/') || url.includes('_rsc=')) return undefined;
  // Next compresses per request: a gzip and a plain copy are different bytes.
  return `${pageAddress(url)}\n${h['accept-encoding'] ?? ''}`;
}

const writeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

// Writes that never change a page by themselves: a view beacon is counted in the background and
// reaches pages through their own revalidation. A burst of readers must not empty the cache.
const pagelessWrites = new Set(['/api/views']);

/**
 * Whether an answered request may have changed what pages show: a write method answered 2xx by a
 * route handler or a server action. Next answers a write to a page itself with 405, and refusals
 * are 4xx, so neither counts.
 */
export function changedContent(method, status, url = '') {
  if (pagelessWrites.has(url.split('?')[0])) return false;
  return writeMethods.has(method) && status >= 200 && status < 300;
}

/** How long a finished response may be kept (ms), 0 when it may not. */
export function storableFor(status, headers, limitMs) {
  if (status !== 200 || headers['set-cookie'] !== undefined) return 0;
  const cacheControl = String(headers['cache-control'] ?? '');
  if (/\b(private|no-store|no-cache)\b/.test(cacheControl)) return 0;
  const sMaxAge = /\bs-maxage=(\d+)/.exec(cacheControl);
  if (!sMaxAge) return 0;
  return Math.min(limitMs, Number(sMaxAge[1]) * 1000);
}

function headerObject(value) {
  if (Array.isArray(value)) {
    const out = {};
    for (let i = 0; i + 1 < value.length; i += 2) out[String(value[i]).toLowerCase()] = value[i + 1];
    return out;
  }
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.toLowerCase(), v]));
  return {};
}

/** Roughly what an entry holds in memory: its body, its header text and its key. */
function entryBytes(key, headers, body) {
  let bytes = body.length + key.length * 2 + 64;
  for (const [name, value] of Object.entries(headers)) bytes += name.length + String(value).length;
  return bytes;
}

export function createMicroCache({
  ttlMs = 1000,
  maxEntries = 500,
  maxBodyBytes = 1 << 20,
  maxBytes = 32 << 20,
  now = Date.now,
  sweepEveryMs = Math.max(ttlMs, 1000),
  waitLimitMs = 2000,
  maxWaiters = 1000,
} = {}) {
  // Insertion order is expiry order (one TTL for all, capped by each page's s-maxage, which is
  // longer), so the oldest entries are always at the front.
  const entries = new Map();
  let bytes = 0;
  /** Pages being filled now, each with the requests waiting for it. */
  const filling = new Map();
  /** Bumped by clear(): a response rendered before a write is not kept after it. */
  let generation = 0;

  function drop(key) {
    const entry = entries.get(key);
    if (!entry) return;
    bytes -= entry.bytes;
    entries.delete(key);
  }

  /** Removes expired entries from the front; stops at the first live one. */
  function sweep() {
    const at = now();
    for (const [key, entry] of entries) {
      if (entry.expires > at) break;
      drop(key);
    }
  }

  function clear() {
    entries.clear();
    bytes = 0;
    generation++;
  }

  /** Hands the waiting requests of `key` the new entry, or to Next when there is none. */
  function release(key, waiters) {
    if (filling.get(key) !== waiters) return;
    filling.delete(key);
    clearTimeout(waiters.timer);
    for (const { res, fallback } of waiters.list) {
      if (res.destroyed) continue;
      if (!serve(key, res)) fallback();
    }
  }

  /**
   * Waits for the request already filling `key`, then answers from the cache (or calls
   * `fallback`, which sends the request to Next). False when nothing is being filled, or too
   * many are waiting already: the caller goes on as usual.
   */
  function join(key, res, fallback) {
    const waiters = filling.get(key);
    if (!waiters || waiters.list.length >= maxWaiters) return false;
    waiters.list.push({ res, fallback });
    return true;
  }

  // Swept while idle too; unref: the timer never keeps the process alive.
  const timer = ttlMs > 0 ? setInterval(sweep, sweepEveryMs) : undefined;
  timer?.unref?.();

  /** Answers from the cache when it can; true when it did. */
  function serve(key, res) {
    const entry = entries.get(key);
    if (!entry) return false;
    if (entry.expires <= now()) {
      drop(key);
      return false;
    }
    res.writeHead(entry.status, { ...entry.headers, 'content-length': entry.body.length, 'x-khabar-micro-cache': 'hit' });
    res.end(entry.body);
    return true;
  }

  /** Watches a response Next is writing and keeps it when it may be shared. */
  function record(key, res) {
    const startedIn = generation;
    if (!filling.has(key)) {
      const waiters = { list: [], timer: undefined };
      waiters.timer = setTimeout(() => release(key, waiters), waitLimitMs);
      waiters.timer.unref?.();
      filling.set(key, waiters);
      // After 'finish' has stored the entry; also when the client went away mid-answer.
      res.once('close', () => release(key, waiters));
    }
    const chunks = [];
    let size = 0;
    let tooBig = false;
    let headArgument = {};
    const { writeHead, write, end } = res;
    const collect = (chunk, encoding) => {
      if (tooBig || chunk === undefined || chunk === null || typeof chunk === 'function') return;
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, typeof encoding === 'string' ? encoding : 'utf8');
      size += buffer.length;
      if (size > maxBodyBytes) tooBig = true;
      else chunks.push(buffer);
    };
    res.writeHead = function (status, ...rest) {
      headArgument = headerObject(rest.find((arg) => arg && typeof arg === 'object'));
      return writeHead.call(this, status, ...rest);
    };
    res.write = function (chunk, encoding, ...rest) {
      collect(chunk, encoding);
      return write.call(this, chunk, encoding, ...rest);
    };
    res.end = function (chunk, encoding, ...rest) {
      collect(chunk, encoding);
      return end.call(this, chunk, encoding, ...rest);
    };
    res.once('finish', () => {
      if (tooBig || generation !== startedIn) return;
      const headers = { ...headerObject(res.getHeaders()), ...headArgument };
      const keepMs = storableFor(res.statusCode, headers, ttlMs);
      if (keepMs <= 0) return;
      for (const name of Object.keys(headers)) if (hopByHop.has(name)) delete headers[name];
      delete headers['content-length'];
      const body = Buffer.concat(chunks);
      const size = entryBytes(key, headers, body);
      if (size > maxBytes) return;
      drop(key);
      sweep();
      while (entries.size > 0 && (entries.size >= maxEntries || bytes + size > maxBytes)) drop(entries.keys().next().value);
      entries.set(key, { status: res.statusCode, headers, body, expires: now() + keepMs, bytes: size });
      bytes += size;
    });
  }

  return {
    serve,
    join,
    record,
    clear,
    sweep,
    /** Stops the sweeping timer (tests; the server's lives as long as the process). */
    stop: () => clearInterval(timer),
    get size() {
      return entries.size;
    },
    get bytes() {
      return bytes;
    },
  };
}
