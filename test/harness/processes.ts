import type { ChildProcess } from 'node:child_process';
import * as path from 'node:path';

import { spawnTied } from './local-services.js';

export interface PlatformProcess {
  child: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves with the first output line matching the pattern. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Sends a signal and resolves with the exit code (or the signal name). */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<number | string>;
  /** Resolves with the exit code (or the signal name) once the process ends by itself. */
  exited(): Promise<number | string>;
}

/**
 * Starts the compiled API or worker (`npm test` builds dist/ first) as a separate process with the
 * given environment on top of this process's; it ends when the test process ends, however that ends.
 */
export function startPlatformProcess(entry: 'main' | 'worker', env: Record<string, string>): PlatformProcess {
  const child = spawnTied(process.execPath, [path.join(process.cwd(), 'dist', 'src', `${entry}.js`)], {
    env: { ...process.env, LOG_FORMAT: 'json', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const waiters = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    for (const check of waiters) check();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  void exited.then(() => process.removeListener('exit', kill));

  return {
    child,
    output: () => output,
    waitFor(pattern, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no output matching ${pattern} within ${timeoutMs} ms; output:\n${output.slice(-3000)}`));
        }, timeoutMs);
        const check = () => {
          const line = output.split('\n').find((l) => pattern.test(l));
          if (line === undefined) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(line);
        };
        waiters.add(check);
        check();
      });
    },
    exited: () => exited,
    async stop(signal = 'SIGTERM', timeoutMs = 30_000) {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill(signal);
      const timer = setTimeout(kill, timeoutMs);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
  };
}
