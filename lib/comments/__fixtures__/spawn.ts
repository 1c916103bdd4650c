/** Runs the child-process fixtures the way the brief prescribes: node --conditions=react-server --import tsx <fixture>. */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');
export const fixturePath = (name: string) => path.join(__dirname, name);

export type Child = {
  process: ChildProcessWithoutNullStreams;
  /** Resolves once the child has exited, with everything it wrote. */
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
  /** Resolves with the first stdout line matching `pattern`. */
  line: (pattern: RegExp) => Promise<string>;
  /** Called with every complete stdout line. */
  onLine: (listener: (line: string) => void) => void;
};

/** `env` is added to this process's environment; a variable set to undefined is removed. */
export function spawnFixture(name: string, args: string[], env: Record<string, string | undefined> = {}): Child {
  const merged: NodeJS.ProcessEnv = { ...process.env, TZ: 'UTC' };
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete merged[key];
    else merged[key] = value;
  }
  const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', fixturePath(name), ...args], {
    cwd: repoRoot,
    env: merged,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let pending = '';
  const listeners: ((line: string) => void)[] = [];
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    stdout += chunk;
    pending += chunk;
    let newline: number;
    while ((newline = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, newline);
      pending = pending.slice(newline + 1);
      for (const listener of listeners) listener(line);
    }
  });
  child.stderr.on('data', (chunk: string) => {
    stderr += chunk;
  });
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  const onLine = (listener: (line: string) => void) => listeners.push(listener);
  const line = (pattern: RegExp) =>
    new Promise<string>((resolve, reject) => {
      onLine((l) => {
        if (pattern.test(l)) resolve(l);
      });
      done.then(() => reject(new Error(`${name} exited before printing ${pattern}:\n${stderr}`)), reject);
    });
  return { process: child, done, line, onLine };
}
