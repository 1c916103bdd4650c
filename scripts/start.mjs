// `npm start`: install if needed, build if needed, then serve the production site.
import { buildIsStale, ensureInstalled, mustRun, nextBin, root } from './setup.mjs';
import { spawn } from 'node:child_process';

ensureInstalled();
if (buildIsStale()) {
  console.log('› Building the site (next build)…');
  mustRun('npm', ['run', 'build']);
}

const port = process.env.PORT ?? '3000';
console.log(`› Serving on http://localhost:${port}`);
const server = spawn(process.execPath, [nextBin(), 'start', '--port', port], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
