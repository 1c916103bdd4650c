// The production server: Next's request handler behind a plain Node HTTP server, for two things
// `next start` cannot do. It records the socket address in a header no client can forge (the
// comments rate limit needs the reader's address), and it shuts down gracefully on SIGTERM.
//
//   node scripts/serve.mjs            (PORT, HOSTNAME; TRUST_PROXY=1 behind a reverse proxy)
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import next from 'next';

const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOSTNAME ?? '0.0.0.0';
const trustProxy = process.env.TRUST_PROXY === '1';

// The content watcher tells Next that pages are stale through the server's own revalidation
// endpoint (Next accepts invalidation only inside a request); the token proves the call is ours.
process.env.KHABAR_SELF_URL = `http://${['0.0.0.0', '::'].includes(hostname) ? '127.0.0.1' : hostname}:${port}`;
process.env.KHABAR_INTERNAL_TOKEN = randomBytes(32).toString('base64url');

const app = next({ dev: false, hostname, port, dir: process.cwd() });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((req, res) => {
  req.headers['x-khabar-peer'] = req.socket.remoteAddress ?? 'unknown';
  // Only a proxy we were told to trust may say who the client is.
  if (!trustProxy) delete req.headers['x-forwarded-for'];
  handle(req, res);
});
server.keepAliveTimeout = 65_000;
server.listen(port, hostname, () => {
  console.log(`› Ready on http://${hostname === '0.0.0.0' ? 'localhost' : hostname}:${port}`);
});

let stopping = false;
function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`› ${signal}: finishing requests in flight`);
  // Stop accepting; idle keep-alive sockets are closed, busy ones finish their response first.
  server.close(() => process.exit(0));
  server.closeIdleConnections();
  setTimeout(() => {
    console.error('› requests still open after 25 s, exiting');
    process.exit(1);
  }, 25_000).unref();
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
