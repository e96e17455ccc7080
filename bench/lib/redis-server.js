import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { freePort } from '../../dist/src/common/net/free-port.js';

const START_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 10_000;
const POLL_MS = 20;

/** Whether a Redis answers PING on `url` now (one attempt, no retries). */
async function answersPing(url) {
  const probe = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  probe.on('error', () => undefined); // a refused connection rejects connect() below
  try {
    await probe.connect();
    return (await probe.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

const exited = (child) =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', resolve));

/**
 * A `redis-server` child of the bench's own on a free port of 127.0.0.1, with no persistence
 * configured, in a directory of its own, so that `stop` can save a snapshot that `start` loads
 * again (the bench's recovery phase and the tests' startRedis run on it). `start` resolves with
 * the moment the server answered PING (null when it was running already); `close` kills it and
 * removes its directory.
 */
export async function startRedisServer() {
  const port = await freePort();
  const dir = await mkdtemp(join(tmpdir(), 'fanrally-bench-redis-'));
  const url = `redis://127.0.0.1:${port}`;
  let server = null;
  let output = '';

  const start = async () => {
    if (server) return null;
    const child = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--dir',
        dir,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    server = child;
    output = '';
    const collect = (chunk) => (output = (output + chunk).slice(-4000));
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const deadline = Date.now() + START_TIMEOUT_MS;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`redis-server exited:\n${output}`);
      if (await answersPing(url)) return Date.now();
      if (Date.now() > deadline)
        throw new Error(`redis-server on port ${port}: no PONG\n${output}`);
      await sleep(POLL_MS);
    }
  };

  const kill = async () => {
    const running = server;
    server = null;
    if (!running) return;
    running.kill('SIGKILL');
    await exited(running);
  };

  try {
    await start();
  } catch (error) {
    await kill();
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    port,
    url,
    start,
    /** Saves the data to disk and stops the server: its clients see refused connections. */
    async stop() {
      const running = server;
      if (!running) return;
      const once = new Redis(url, { maxRetriesPerRequest: 0, retryStrategy: () => null });
      await once.call('SHUTDOWN', 'SAVE').catch(() => undefined);
      once.disconnect();
      const timeout = sleep(STOP_TIMEOUT_MS, undefined, { ref: false }).then(() => {
        throw new Error(`redis-server on port ${port} still running after SHUTDOWN`);
      });
      await Promise.race([exited(running), timeout]);
      server = null;
    },
    async close() {
      await kill();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
