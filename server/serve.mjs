// The production server: Next's request handler behind a plain Node HTTP server, for two things
// `next start` cannot do. It records the socket address in a header no client can forge (the
// comments rate limit needs the reader's address), and it shuts down gracefully on SIGTERM.
//
//   node server/serve.mjs            (PORT, HOSTNAME; TRUST_PROXY=1 behind a reverse proxy)
//
// Shutdown (SIGTERM or SIGINT): stop accepting connections, close idle keep-alive connections,
// let every request already received finish (its connection is closed after the response), then
// run the shutdown hooks (the comments store closes its database there) and exit 0. Requests still
// running after 25 s are cut off and the exit code is 1. A second signal cuts them off at once.
//
// Shutdown hooks: a module that holds a resource registers its closer with onShutdown() from
// server/runtime.mjs; they run once, in registration order, after the last request has finished,
// each given 5 s.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import next from 'next';
import { settings } from '../lib/settings.mjs';
import { cacheKey, changedContent, createMicroCache } from './micro-cache.mjs';
import { actionBodyReadable, checkRequestTarget, holdBody, isActionPost, refuse } from './request-limits.mjs';
import { adoptRecordedNextConfig, readerAddressHeader, runShutdownHooks, setSelfRevalidation } from './runtime.mjs';

// A bad variable stops the server here, naming it, rather than on some later request.
const { port, hostname, trustProxy, microCacheMs } = settings();
// Under the 30 s that Kubernetes (and most supervisors) wait between SIGTERM and SIGKILL.
const drainLimitMs = 25_000;
const hookLimitMs = 5_000;

// KHABAR_MICROCACHE_MS=0 turns the one-second cache of published pages off (server/micro-cache.mjs).
const microCache = createMicroCache({ ttlMs: microCacheMs });

// The content watcher tells Next that pages are stale through the server's own revalidation
// endpoint (Next accepts invalidation only inside a request); the token proves the call is ours.
setSelfRevalidation({
  url: `http://${['0.0.0.0', '::'].includes(hostname) ? '127.0.0.1' : hostname}:${port}`,
  token: randomBytes(32).toString('base64url'),
});

// In a standalone package (scripts/package-standalone.mjs) there is no next.config.js: Next takes
// the configuration recorded at build time, as its own standalone server.js does.
if (!existsSync('next.config.js') && existsSync('.next/required-server-files.json')) {
  adoptRecordedNextConfig(JSON.parse(readFileSync('.next/required-server-files.json', 'utf8')).config);
}

// Next builds the URL a proxy rewrite is relative to from this name, and the URL proxy.ts sees
// from `localhost`. With any other name (127.0.0.1, 0.0.0.0) every rewrite to the not-found page
// counted as external: Next proxied it over HTTP back to this server, a second request each
// time, and piped it into the response, adding its 11th `close` listener
// (MaxListenersExceededWarning). The server still listens where HOSTNAME says (server.listen).
const app = next({ dev: false, hostname: 'localhost', port, dir: process.cwd() });
const handle = app.getRequestHandler();
await app.prepare();

/** Responses not yet finished, and how many of them each connection carries. */
const open = new Set();
const busy = new Map();
let stopping = false;

/** After shutdown has begun, a connection is closed as soon as its last response has been written. */
function closeWhenQuiet(socket) {
  if (busy.has(socket) || socket.destroyed) return;
  socket.end(() => socket.destroy());
}

const server = createServer((req, res) => {
  const socket = req.socket;
  busy.set(socket, (busy.get(socket) ?? 0) + 1);
  open.add(res);
  res.once('close', () => {
    open.delete(res);
    const left = busy.get(socket) - 1;
    if (left > 0) busy.set(socket, left);
    else busy.delete(socket);
    if (stopping) closeWhenQuiet(socket);
  });
  // A request that arrives on a kept-alive connection during shutdown is still served, but last.
  if (stopping) res.setHeader('Connection', 'close');
  req.headers[readerAddressHeader] = req.socket.remoteAddress ?? 'unknown';
  // Only a proxy we were told to trust may say who the client is.
  if (!trustProxy) delete req.headers['x-forwarded-for'];
  // Refused before Next parses anything: oversize, malformed or absolute-form targets, query
  // strings of thousands of keys.
  const refusal = checkRequestTarget(req);
  if (refusal) {
    refuse(res, refusal.status, refusal.code, refusal.message, { Connection: 'close' });
    return;
  }
  // A write that succeeded may have changed what pages show: forget every kept page once it is
  // answered. A refused one (4xx, or Next's 405 to a page) changes nothing and empties nothing.
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.once('finish', () => {
      if (changedContent(req.method, res.statusCode, req.url)) microCache.clear();
    });
  }
  const key = cacheKey(req);
  if (key !== undefined) {
    if (microCache.serve(key, res)) return;
    // Another request is rendering this page now: wait for its answer instead of rendering it again.
    if (microCache.join(key, res, () => handle(req, res))) return;
    microCache.record(key, res);
  }
  if (isActionPost(req)) {
    // Must start in this same tick, before anything reads the body.
    void checkedAction(req, res);
    return;
  }
  handle(req, res);
});

/**
 * Server action posts: the body is counted as it arrives, chunked or not, and checked for the
 * form Next will decode, before Next sees it. Next answers an oversize or unreadable action body
 * with a 500 and a stack trace; here it is a 413 or a 400 in the API's JSON shape.
 */
async function checkedAction(req, res) {
  let body;
  try {
    body = await holdBody(req);
  } catch {
    if (!res.headersSent) refuse(res, 400, 'bad_request', 'تعذّرت قراءة الطلب.', { Connection: 'close' });
    return;
  }
  if (body === undefined) {
    if (req.destroyed || res.writableEnded) return;
    // The rest of the body is not read: the connection closes after this answer.
    refuse(res, 413, 'payload_too_large', 'حجم الطلب يتجاوز الحد المسموح.', { Connection: 'close' });
    return;
  }
  if (body !== null && !(await actionBodyReadable(req.headers, body))) {
    refuse(res, 400, 'malformed_body', 'تعذّرت قراءة محتوى الطلب: صيغته غير صالحة.');
    return;
  }
  handle(req, res);
}
server.keepAliveTimeout = 65_000;
server.listen(port, hostname, () => {
  console.log(`› Ready on http://${hostname === '0.0.0.0' ? 'localhost' : hostname}:${port}`);
});

let exiting = false;
async function finish(code) {
  if (exiting) return;
  exiting = true;
  await runShutdownHooks(hookLimitMs);
  console.log(`› stopped (exit ${code})`);
  process.exit(code);
}

function cutOff(reason) {
  console.error(`› ${reason}: closing ${open.size} request(s) still in flight`);
  const code = open.size > 0 ? 1 : 0;
  server.closeAllConnections();
  void finish(code);
}

function shutdown(signal) {
  if (stopping) {
    cutOff(`second ${signal}`);
    return;
  }
  stopping = true;
  console.log(`› ${signal}: finishing ${open.size} request(s) in flight`);
  // The callback runs once every connection has closed: each in-flight response has been written out.
  server.close(() => void finish(0));
  // Kept-alive connections between requests, and connections that never sent one, hold nothing.
  server.closeIdleConnections();
  // Responses not begun yet tell the client the connection ends with them.
  for (const res of open) if (!res.headersSent) res.setHeader('Connection', 'close');
  setTimeout(() => cutOff(`still open after ${drainLimitMs / 1000} s`), drainLimitMs).unref();
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
