// `npm start`: install if needed, build if needed, then serve the production site.
import { buildIsStale, ensureInstalled, mustRun, root } from './setup.mjs';
import { spawn } from 'node:child_process';

ensureInstalled();
if (buildIsStale()) {
  console.log('› Building the site (next build)…');
  mustRun('npm', ['run', 'build']);
}

const server = spawn(process.execPath, ['server/serve.mjs'], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
