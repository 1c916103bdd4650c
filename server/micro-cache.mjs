// A one-second shared cache in front of Next's handler, inside the production server.
//
// Published pages say `Cache-Control: public, s-maxage=30, …`: any shared cache may keep them. Next
// answers a cached page in 1.5–2 ms of CPU, almost all of it per-request routing and rendering
// machinery rather than the page, so under a burst of readers the same bytes are built again and
// again. Keeping the finished response for one second turns a burst into one Next request per
// page per second, and readers never see anything older than a second beyond what Next would
// serve, because every POST through this server (a comment, a moderation, the content watcher's
// own revalidation call) empties the cache as soon as it has been answered.
//
// Stored: GET 200 responses whose Cache-Control is public with s-maxage and that set no cookie.
// Never stored or served: requests with a cookie (editors, draft mode) or authorisation, the
// router's RSC and prefetch requests, API routes, Next's own files.
const routerHeaders = ['rsc', 'next-router-state-tree', 'next-router-prefetch', 'next-router-segment-prefetch', 'next-action'];
const hopByHop = new Set(['connection', 'keep-alive', 'transfer-encoding', 'date']);

/** The cache key, or undefined when the request must reach Next. */
export function cacheKey(req) {
  if (req.method !== 'GET') return undefined;
  const h = req.headers;
  if (h.cookie || h.authorization || h.range) return undefined;
  if (routerHeaders.some((name) => h[name] !== undefined)) return undefined;
  const url = req.url ?? '';
  if (url.startsWith('/api/') || url.startsWith('/_next/') || url.includes('_rsc=')) return undefined;
  // Next compresses per request: a gzip and a plain copy are different bytes.
  return `${url}\n${h['accept-encoding'] ?? ''}`;
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

export function createMicroCache({ ttlMs = 1000, maxEntries = 500, maxBodyBytes = 1 << 20, now = Date.now } = {}) {
  const entries = new Map();

  /** Answers from the cache when it can; true when it did. */
  function serve(key, res) {
    const entry = entries.get(key);
    if (!entry) return false;
    if (entry.expires <= now()) {
      entries.delete(key);
      return false;
    }
    res.writeHead(entry.status, { ...entry.headers, 'content-length': entry.body.length });
    res.end(entry.body);
    return true;
  }

  /** Watches a response Next is writing and keeps it when it may be shared. */
  function record(key, res) {
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
      if (tooBig) return;
      const headers = { ...headerObject(res.getHeaders()), ...headArgument };
      const keepMs = storableFor(res.statusCode, headers, ttlMs);
      if (keepMs <= 0) return;
      for (const name of Object.keys(headers)) if (hopByHop.has(name)) delete headers[name];
      delete headers['content-length'];
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value);
      entries.set(key, { status: res.statusCode, headers, body: Buffer.concat(chunks), expires: now() + keepMs });
    });
  }

  return { serve, record, clear: () => entries.clear(), get size() { return entries.size; } };
}
