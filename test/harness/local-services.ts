// Throwaway MongoDB (mongo-java-server, in-memory backend) and Redis (redis-server)
// instances for tests, run as child processes of the test process.
//
// Paths are resolved from process.cwd(): tests run from the repo root.
// (No import.meta here, so that ts-jest can compile this file in either module mode.)
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = process.cwd();
const LIB_DIR = path.join(ROOT, '.data', 'mongo-dev', 'lib');
const CLASSES_DIR = path.join(ROOT, '.data', 'mongo-dev', 'classes');
const LAUNCHER = path.join(ROOT, 'docker', 'mongo-dev', 'Main.java');

const MONGO_START_TIMEOUT_MS = 60_000;
const REDIS_START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;
const OUTPUT_TAIL_CHARS = 4_000;

export interface MongoHandle {
  uri: string;
  port: number;
  stop(): Promise<void>;
}

export interface RedisHandle {
  url: string;
  port: number;
  dir: string;
  stop(): Promise<void>;
}

// ------------------------------------------------------------------ child bookkeeping

const children = new Set<ChildProcess>();
let exitHookInstalled = false;

function track(child: ChildProcess): void {
  // Do not keep the event loop alive just for these children (a forgotten stop() must not
  // hang the test runner); the 'exit' hook below kills whatever is still running.
  child.unref();
  for (const stream of [child.stdin, child.stdout, child.stderr]) {
    (stream as net.Socket | null)?.unref?.();
  }
  children.add(child);
  child.once('exit', () => children.delete(child));
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    // 'exit' handlers must be synchronous: just signal the children.
    process.on('exit', () => {
      for (const c of children) {
        try {
          c.kill('SIGKILL');
        } catch {
          // already gone
        }
      }
    });
  }
}

// util-linux `setpriv --pdeathsig` makes the kernel SIGTERM the child when this process
// dies, even by SIGKILL (where no 'exit' handler runs). Available on any Debian/Ubuntu.
const SETPRIV = ['/usr/bin/setpriv', '/bin/setpriv'].find((p) => fs.existsSync(p));

export function spawnTied(command: string, args: string[], options: Parameters<typeof spawn>[2]): ChildProcess {
  return SETPRIV
    ? spawn(SETPRIV, ['--pdeathsig', 'TERM', command, ...args], options)
    : spawn(command, args, options);
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (hasExited(child)) {
    children.delete(child);
    return;
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const timedOut = await Promise.race([
    exited.then(() => false),
    new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(true), STOP_TIMEOUT_MS);
    }),
  ]);
  clearTimeout(timer);
  if (timedOut && !hasExited(child)) {
    child.kill('SIGKILL');
    await exited;
  }
  children.delete(child);
}

/** Keeps the last few KB of a child's combined output for error messages. */
function captureTail(child: ChildProcess): () => string {
  let tail = '';
  const onData = (chunk: Buffer): void => {
    tail = (tail + chunk.toString('utf8')).slice(-OUTPUT_TAIL_CHARS);
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  return () => tail.trim();
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// ------------------------------------------------------------------ public API

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export async function freePort(): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('could not determine a free port'))));
    });
  });
}

/** Installs redis-server and the mongo-java-server jars if missing (idempotent). */
export function ensureInstalled(): void {
  const result = spawnSync('bash', [path.join(ROOT, 'scripts', 'services.sh'), 'ensure'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (result.error) {
    throw result.error;
  }
  if (result.status !== 0) {
    throw new Error(`scripts/services.sh ensure failed (exit ${result.status ?? result.signal})`);
  }
}

function jarsInstalled(): boolean {
  try {
    return fs.readdirSync(LIB_DIR).some((f) => f.startsWith('mongo-java-server-memory-backend-'));
  } catch {
    return false;
  }
}

/** Precompiled launcher (made by `services.sh ensure`) if it is up to date with Main.java. */
function precompiledLauncher(): boolean {
  try {
    return fs.statSync(path.join(CLASSES_DIR, 'Main.class')).mtimeMs >= fs.statSync(LAUNCHER).mtimeMs;
  } catch {
    return false;
  }
}

/**
 * Starts an in-memory mongo-java-server (advertising MongoDB 6.0 / wire 17) on a free
 * port. Pass a port to use a specific one; by default the server picks a free port
 * itself (port 0), which avoids the race of probing first.
 */
export async function startMongo(opts: { port?: number } = {}): Promise<MongoHandle> {
  if (!jarsInstalled()) {
    ensureInstalled();
  }
  const requestedPort = opts.port ?? 0;
  const javaOpts = (process.env.MONGO_DEV_JAVA_OPTS ?? '-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx1g')
    .split(/\s+/)
    .filter(Boolean);
  const classPath = precompiledLauncher()
    ? ['-cp', `${CLASSES_DIR}${path.delimiter}${LIB_DIR}${path.sep}*`, 'Main']
    : ['-cp', `${LIB_DIR}${path.sep}*`, LAUNCHER];

  const child = spawnTied('java', [...javaOpts, ...classPath, String(requestedPort)], {
    cwd: ROOT,
    // stdin stays an open pipe: the launcher exits when it closes (parent died).
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, MONGO_DEV_EXIT_ON_STDIN_EOF: '1' },
  });
  track(child);
  const tail = captureTail(child);

  const port = await new Promise<number>((resolve, reject) => {
    let stdout = '';
    const cleanup = (): void => {
      clearTimeout(timer);
      child.stdout?.off('data', onStdout);
      child.off('exit', onExit);
      child.off('error', onError);
    };
    const fail = (message: string): void => {
      cleanup();
      if (!hasExited(child)) {
        child.kill('SIGKILL');
      }
      reject(new Error(`${message}\n---- mongo-dev output (tail) ----\n${tail()}`));
    };
    const onStdout = (chunk: Buffer): void => {
      stdout += chunk.toString('utf8');
      const match = /mongo-dev listening on [^\s:]+:(\d+)/.exec(stdout);
      if (match) {
        cleanup();
        resolve(Number(match[1]));
      }
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null): void =>
      fail(`mongo-dev exited during startup (code ${code}, signal ${signal})`);
    const onError = (err: Error): void => fail(`could not start java: ${err.message}`);
    const timer = setTimeout(
      () => fail(`mongo-dev did not report "listening" within ${MONGO_START_TIMEOUT_MS / 1000}s`),
      MONGO_START_TIMEOUT_MS,
    );
    child.stdout?.on('data', onStdout);
    child.once('exit', onExit);
    child.once('error', onError);
  });

  return {
    uri: `mongodb://127.0.0.1:${port}`,
    port,
    stop: () => stopChild(child),
  };
}

/** Resolves true when a RESP PING on 127.0.0.1:port answers +PONG. */
function redisPing(port: number, timeoutMs = 1_000): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const socket = net.createConnection({ host: '127.0.0.1', port });
    let reply = '';
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk: Buffer) => {
      reply += chunk.toString('utf8');
      if (reply.includes('\r\n')) {
        // "-LOADING ..." while the AOF is being replayed counts as not ready yet.
        done(reply.startsWith('+PONG'));
      }
    });
  });
}

/**
 * Starts redis-server in the foreground as a child process (AOF on, no RDB snapshots,
 * noeviction). Call again with the same port and dir after stop() to restart on the
 * same data.
 */
export async function startRedis(opts: { port?: number; dir?: string } = {}): Promise<RedisHandle> {
  const port = opts.port ?? (await freePort());
  const dir = path.resolve(opts.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'mlops-redis-')));
  fs.mkdirSync(dir, { recursive: true });

  const child = spawnTied(
    'redis-server',
    [
      '--port', String(port),
      '--bind', '127.0.0.1',
      '--dir', dir,
      '--appendonly', 'yes',
      '--maxmemory-policy', 'noeviction',
      '--save', '',
      '--daemonize', 'no',
    ],
    { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  track(child);
  const tail = captureTail(child);

  let spawnError: Error | undefined;
  child.once('error', (err) => {
    spawnError = err;
  });
  const deadline = Date.now() + REDIS_START_TIMEOUT_MS;
  for (;;) {
    if (spawnError) {
      throw new Error(
        `could not start redis-server: ${spawnError.message} (run scripts/services.sh ensure to install it)`,
      );
    }
    if (hasExited(child)) {
      throw new Error(
        `redis-server exited during startup (code ${child.exitCode}, signal ${child.signalCode}; ` +
          `if it is not installed, run scripts/services.sh ensure)\n` +
          `---- redis-server output (tail) ----\n${tail()}`,
      );
    }
    if (await redisPing(port)) {
      break;
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(
        `redis-server did not answer PING within ${REDIS_START_TIMEOUT_MS / 1000}s\n` +
          `---- redis-server output (tail) ----\n${tail()}`,
      );
    }
    await sleep(50);
  }

  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    dir,
    stop: () => stopChild(child),
  };
}
