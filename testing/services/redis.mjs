// A throwaway Redis for tests and benchmarks: its own loopback port, its own temporary folder,
// nothing written to disk (no RDB snapshots, no append-only file), gone after stop().
//
//   const redis = await startRedis();   // { url, port, pid, stop() }
//   node testing/services/redis.mjs      (prints the URL; Ctrl-C stops it)
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './free-port.mjs';

export function redisServerBinary() {
  for (const candidate of [process.env.REDIS_SERVER, '/usr/bin/redis-server', '/usr/local/bin/redis-server', '/usr/sbin/redis-server']) {
    if (candidate && existsSync(candidate)) return candidate;
  }
  throw new Error('redis-server is not installed: apt-get install -y redis-server (CI does this in .ci/run), or set REDIS_SERVER to its path');
}

/** Resolves once the server answers PING with PONG. */
function waitForPong(port, child, output, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      if (child.exitCode !== null) return reject(new Error(`redis-server exited with ${child.exitCode}:\n${output()}`));
      const socket = connect(port, '127.0.0.1');
      let reply = '';
      const retry = () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`redis-server did not answer on ${port} within ${timeoutMs} ms:\n${output()}`));
        else setTimeout(attempt, 50);
      };
      socket.once('connect', () => socket.write('PING\r\n'));
      socket.on('data', (chunk) => {
        reply += chunk;
        if (reply.includes('\r\n')) {
          socket.destroy();
          // "-LOADING" and the like mean not ready yet.
          if (reply.startsWith('+PONG')) resolve();
          else retry();
        }
      });
      socket.once('error', retry);
    };
    attempt();
  });
}

export async function startRedis({ port, timeoutMs = 10_000 } = {}) {
  const binary = redisServerBinary();
  port ??= await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'khabar-redis-'));
  const child = spawn(
    binary,
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--loglevel', 'warning'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  const keep = (chunk) => {
    log = (log + chunk).slice(-4000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  try {
    await waitForPong(port, child, () => log, timeoutMs);
  } catch (error) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    pid: child.pid,
    log: () => log,
    stop: () =>
      new Promise((resolve) => {
        const done = () => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        };
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once('exit', done);
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
      }),
  };
}

// No top-level await: TypeScript tests load this file with require().
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  startRedis().then((redis) => {
    console.log(`redis on ${redis.url} (pid ${redis.pid}); Ctrl-C to stop`);
    const stop = () => redis.stop().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
