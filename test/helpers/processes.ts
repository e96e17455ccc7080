import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { startRedisServer } from '../../bench/lib/redis-server.js';
import { eventually } from './eventually.js';
import { startTestApp, type TestApp } from './test-app.js';

/** How a child process ended. */
export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Resolves when the child has exited (at once when it already has). */
export function exitOf(child: ChildProcess): Promise<Exit> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  }
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

/** The child's exit, or a rejection when it is still running after `deadlineMs`. */
export async function exitWithin(child: ChildProcess, deadlineMs: number): Promise<Exit> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      exitOf(child),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`process ${child.pid} still running after ${deadlineMs} ms`)),
          deadlineMs,
        );
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Sends SIGKILL unless the child is gone already, and waits for its exit. */
async function killHard(child: ChildProcess): Promise<Exit> {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  return exitOf(child);
}

/**
 * Runs the built API of this checkout with exactly this environment (plus PATH) until it exits
 * by itself; resolves with its exit code and everything it wrote. Still running after
 * `deadlineMs`, it is killed and the promise rejects.
 */
export async function runMain(
  env: Record<string, string>,
  deadlineMs = 30_000,
): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    env: { PATH: process.env.PATH, LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  try {
    const { code } = await exitWithin(child, deadlineMs);
    return { code, output };
  } catch (error) {
    await killHard(child);
    throw new Error(`${(error as Error).message}:\n${output}`, { cause: error });
  }
}

/** Keeps the last lines a child wrote, to show when a test fails. */
function captureOutput(child: ChildProcess, keep = 200): () => string {
  const lines: string[] = [];
  const collect = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    lines.splice(0, Math.max(0, lines.length - keep));
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  return () => lines.join('\n');
}

/** A redis-server child of the test's own, which it may stop, restart, flush and kill. */
export interface TestRedis {
  port: number;
  url: string;
  /** A command client (reconnects by itself after a restart). */
  client: Redis;
  /** Saves the data to disk and stops the server: clients see refused connections. */
  stop(): Promise<void>;
  /** Starts the server again on the same port, with the data `stop` saved (no-op if running). */
  start(): Promise<void>;
  /** Kills the server and removes its directory. */
  close(): Promise<void>;
}

/**
 * Starts `redis-server` on a free port of 127.0.0.1 with no persistence configured (as the
 * issue's fault tests ask; noeviction is its default policy), in a directory of its own so
 * that `stop` can save a snapshot that `start` loads again: the bench's redis-server child.
 */
export async function startRedis(): Promise<TestRedis> {
  const server = await startRedisServer();
  const client = new Redis(server.url, { maxRetriesPerRequest: null });
  return {
    port: server.port,
    url: server.url,
    client,
    async start() {
      await server.start();
    },
    stop: () => server.stop(),
    async close() {
      client.disconnect();
      await server.close();
    },
  };
}

/** A built entry point of the app (`node dist/src/….js`) running as a child process. */
export interface NodeProcess {
  child: ChildProcess;
  /** What it logged lately (stdout and stderr), for failure messages. */
  output(): string;
  /** Sends a signal, and resolves with the exit once it happened. */
  signal(signal: NodeJS.Signals): Promise<Exit>;
}

export type WorkerProcess = NodeProcess;

/** The API as a child process, with the address it listens on. */
export interface ApiProcess extends NodeProcess {
  url: string;
}

const START_MS = 30_000;

/**
 * Spawns a built entry point with exactly this environment (plus PATH) and resolves with what
 * `ready` matched in its output once it appeared. Needs `npm run build` first.
 */
async function startBuilt(
  entry: string,
  env: Record<string, string>,
  ready: RegExp,
): Promise<{ process: NodeProcess; ready: RegExpExecArray }> {
  const child = spawn(process.execPath, [entry], {
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = captureOutput(child);
  let match: RegExpExecArray;
  try {
    match = await eventually(
      () => {
        if (child.exitCode !== null || child.signalCode !== null) {
          throw new Error(`${entry} exited at start-up:\n${output()}`);
        }
        return Promise.resolve(ready.exec(output()) ?? undefined);
      },
      { deadlineMs: START_MS, everyMs: 50, what: `${entry} to log ${ready}` },
    );
  } catch (error) {
    await killHard(child);
    throw new Error(`${(error as Error).message}\n${output()}`, { cause: error });
  }
  return {
    ready: match,
    process: {
      child,
      output,
      async signal(signal) {
        if (child.exitCode === null && child.signalCode === null) child.kill(signal);
        return exitOf(child);
      },
    },
  };
}

/**
 * Spawns the built worker of the checkout at `root` (the tests run from the repository's root)
 * and resolves once it logged that its workers started.
 */
export async function startWorker(
  env: Record<string, string>,
  root = process.cwd(),
): Promise<WorkerProcess> {
  const started = await startBuilt(
    join(root, 'dist/src/worker.js'),
    env,
    /FanRally workers started/,
  );
  return started.process;
}

/**
 * Spawns the built API of the checkout at `root` on a free port of 127.0.0.1, and resolves
 * once it logged the address it serves on.
 */
export async function startApi(
  env: Record<string, string>,
  root = process.cwd(),
): Promise<ApiProcess> {
  const started = await startBuilt(
    join(root, 'dist/src/main.js'),
    { HOST: '127.0.0.1', PORT: '0', ...env },
    /FanRally API on (http:\/\/[^\s"]+)\/graphql/,
  );
  return { ...started.process, url: started.ready[1] };
}

/** Kills whatever workers are still running (a test's clean-up, also after a failure). */
export async function killWorkers(workers: Iterable<WorkerProcess>): Promise<void> {
  await Promise.all([...workers].map((worker) => killHard(worker.child)));
}

/** What a fault-injection file runs on: a redis-server of its own and the API on it. */
export interface IsolatedStack {
  redis: TestRedis;
  t: TestApp;
  /** A worker child on the stack's database, Redis and prefix; killed after each test. */
  worker(env?: Record<string, string>): Promise<WorkerProcess>;
}

/**
 * Registers the hooks of a file that runs on its own stack (the API with `env` added to its
 * test environment), and returns the stack, whose parts are set once its `beforeAll` ran.
 * After each test Redis is up again and every worker child is gone.
 */
export function isolatedStack(env: Record<string, string> = {}): IsolatedStack {
  const workers = new Set<WorkerProcess>();
  const stack = {
    async worker(env: Record<string, string> = {}) {
      const child = await startWorker({
        DATABASE_URL: stack.t.config.database.url,
        REDIS_URL: stack.redis.url,
        QUEUE_PREFIX: stack.t.config.redis.queuePrefix,
        JWT_SECRET: stack.t.config.auth.jwtSecret,
        ...env,
      });
      workers.add(child);
      return child;
    },
  } as IsolatedStack;
  beforeAll(async () => {
    stack.redis = await startRedis();
    stack.t = await startTestApp({ ...env, REDIS_URL: stack.redis.url });
  });
  afterEach(async () => {
    await stack.redis.start();
    await killWorkers(workers);
    workers.clear();
  });
  afterAll(async () => {
    await stack.t?.close();
    await stack.redis?.close();
  });
  return stack;
}
