// nginx for benchmarks and tests, started with the deployment guide's own configuration
// (deploy/nginx/khabar.conf) so that what is measured is what operators are told to run.
//
//   startNginx({ upstreams: ['127.0.0.1:3000'], cache: true })   the documented reverse proxy
//   startStaticNginx({ root })                                   plain files: the physical limit
//
// Each server gets its own temporary prefix folder, a free loopback port and its own logs; stop()
// ends it and removes the folder. As a CLI: node testing/services/nginx.mjs --upstream 127.0.0.1:3000 [--port 8080] [--no-cache]
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './free-port.mjs';


const root = fileURLToPath(new URL('../..', import.meta.url));
export const siteConfigPath = join(root, 'deploy/nginx/khabar.conf');

export function nginxBinary() {
  for (const candidate of ['/usr/sbin/nginx', '/usr/bin/nginx', '/usr/local/sbin/nginx']) {
    if (existsSync(candidate)) return candidate;
  }
  throw new Error('nginx is not installed: apt-get install -y nginx-light (CI does this in .ci/run)');
}

function replaceOnce(text, pattern, replacement, what) {
  if (!pattern.test(text)) throw new Error(`${siteConfigPath}: ${what} not found; update testing/services/nginx.mjs with the file`);
  return text.replace(pattern, replacement);
}

/** The documented site configuration with this run's port, upstreams and cache folder. */
export function renderSiteConfig({ port, upstreams, cacheDir, cache = true, extra = '' }) {
  let text = readFileSync(siteConfigPath, 'utf8');
  text = replaceOnce(text, /^(\s*)listen 80;/m, `$1listen 127.0.0.1:${port};`, 'listen 80;');
  text = replaceOnce(
    text,
    /^(\s*)server 127\.0\.0\.1:3000 (.*);\n(\s*# server .*\n)?/m,
    (_match, indent, options) => upstreams.map((upstream) => `${indent}server ${upstream} ${options};\n`).join(''),
    'the upstream server line',
  );
  text = replaceOnce(text, /\/var\/cache\/nginx\/khabar/, cacheDir, 'the proxy_cache_path folder');
  if (!cache) text = replaceOnce(text, /proxy_cache khabar;/, 'proxy_cache off;', 'proxy_cache khabar;');
  if (extra) text = replaceOnce(text, /^(\s*)server_name _;/m, `$1server_name _;\n${extra}`, 'server_name _;');
  return text;
}

function mainConfig(dir, body, { workers = 2 } = {}) {
  const mime = existsSync('/etc/nginx/mime.types')
    ? 'include /etc/nginx/mime.types;'
    : 'types { text/html html; text/css css; application/javascript js; application/xml xml; }';
  // As root, workers would run as nobody and could not write the private temporary folders.
  const user = process.getuid?.() === 0 ? 'user root root;' : '';
  return `${user}
worker_processes ${workers};
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http {
  ${mime}
  default_type application/octet-stream;
  access_log off;
  # As Debian's own nginx.conf: the site file has to hold its own against these defaults.
  sendfile on;
  tcp_nopush on;
  client_body_temp_path ${dir}/temp/body;
  proxy_temp_path ${dir}/temp/proxy;
  fastcgi_temp_path ${dir}/temp/fastcgi;
  uwsgi_temp_path ${dir}/temp/uwsgi;
  scgi_temp_path ${dir}/temp/scgi;
${body}
}
`;
}

function waitForPort(port, child, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      if (child.exitCode !== null) return reject(new Error(`nginx exited with ${child.exitCode}`));
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`nginx did not listen on ${port} within ${timeoutMs} ms`));
        else setTimeout(attempt, 50);
      });
    };
    attempt();
  });
}

async function launch(body, port, dir, options) {
  for (const sub of ['temp', 'cache']) mkdirSync(join(dir, sub), { recursive: true });
  const configPath = join(dir, 'nginx.conf');
  writeFileSync(configPath, mainConfig(dir, body, options));
  const child = spawn(nginxBinary(), ['-p', dir, '-e', join(dir, 'error.log'), '-c', configPath, '-g', 'daemon off;'], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  try {
    await waitForPort(port, child);
  } catch (error) {
    const log = existsSync(join(dir, 'error.log')) ? readFileSync(join(dir, 'error.log'), 'utf8') : '';
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`${error.message}\n${log}`);
  }
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    dir,
    pid: child.pid,
    configPath,
    errorLog: () => (existsSync(join(dir, 'error.log')) ? readFileSync(join(dir, 'error.log'), 'utf8') : ''),
    stop: () =>
      new Promise((resolve) => {
        const done = () => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        };
        if (child.exitCode !== null) return done();
        child.once('exit', done);
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
      }),
  };
}

/** The deployment guide's reverse proxy in front of `upstreams` ("host:port" strings). */
export async function startNginx({ upstreams, port, cache = true, extra = '', workers } = {}) {
  if (!upstreams?.length) throw new Error('startNginx: at least one upstream');
  port ??= await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'khabar-nginx-'));
  const body = renderSiteConfig({ port, upstreams, cacheDir: join(dir, 'cache'), cache, extra });
  return launch(body, port, dir, { workers });
}

/** nginx serving the files under `root` as they are: the physical limit for the same bytes. */
export async function startStaticNginx({ root: filesRoot, port, workers } = {}) {
  port ??= await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'khabar-nginx-static-'));
  const body = `  server {
    listen 127.0.0.1:${port};
    root ${filesRoot};
    keepalive_requests 100000;
    location / { try_files $uri $uri/index.html =404; }
  }`;
  return launch(body, port, dir, { workers });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const upstreams = [];
  let port;
  let cache = true;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--upstream') upstreams.push(args[++i]);
    else if (args[i] === '--port') port = Number(args[++i]);
    else if (args[i] === '--no-cache') cache = false;
    else throw new Error(`unknown argument ${args[i]}; expected --upstream host:port [--port N] [--no-cache]`);
  }
  const nginx = await startNginx({ upstreams: upstreams.length ? upstreams : ['127.0.0.1:3000'], port, cache });
  console.log(`nginx on ${nginx.url} → ${upstreams.join(', ') || '127.0.0.1:3000'} (config ${nginx.configPath}); Ctrl-C to stop`);
  const stop = () => nginx.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
