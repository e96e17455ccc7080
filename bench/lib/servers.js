import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const SERVER = fileURLToPath(new URL('../server.js', import.meta.url));
/**
 * The node flags `npm run start:prod` runs the API with: every server under test gets them, the
 * minimal apps too, so that the app and its baselines differ only in their code.
 */
const SERVER_FLAGS = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url)))
  .scripts['start:prod'].split(' ')
  .filter((word) => word.startsWith('--'));
const WORKER = fileURLToPath(new URL('../worker.js', import.meta.url));
const START_TIMEOUT_MS = 60_000;
const REPLY_TIMEOUT_MS = 10_000;
const CLOSE_TIMEOUT_MS = 15_000;

/**
 * Forks `script` with exactly this environment (nothing else of the shell leaks in) and resolves
 * once it reports ready. Its stdout (the app's logs) goes to our stderr, so that our stdout
 * carries only the report.
 */
function startChild(kind, script, args, env, { cpuProfileDir, flags = [] }) {
  const child = fork(script, args, {
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 2, 2, 'ipc'],
    execArgv: [
      ...flags,
      ...(cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`] : []),
    ],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));

  function request(message, replyType, timeoutMs = REPLY_TIMEOUT_MS) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        child.off('message', onMessage);
        reject(new Error(`${kind} process: no ${replyType} within ${timeoutMs} ms`));
      }, timeoutMs);
      function onMessage(reply) {
        if (reply.type !== replyType) return;
        clearTimeout(timer);
        child.off('message', onMessage);
        resolve(reply);
      }
      child.on('message', onMessage);
      exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`${kind} process exited (${code}) before ${replyType}`));
      });
      if (message) child.send(message);
    });
  }

  const ready = request(null, 'ready', START_TIMEOUT_MS).catch((error) => {
    child.kill('SIGKILL');
    throw error;
  });
  async function close() {
    if (child.exitCode !== null) return;
    child.send({ type: 'close' });
    const timer = setTimeout(() => child.kill('SIGKILL'), CLOSE_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  }
  return ready.then((reply) => ({ reply, pid: child.pid, request, close }));
}

/** Starts `bench/server.js <kind>` and resolves once it listens. */
export async function startServer(kind, env, { cpuProfileDir } = {}) {
  const { reply, pid, request, close } = await startChild(kind, SERVER, [kind], env, {
    cpuProfileDir,
    flags: SERVER_FLAGS,
  });
  return {
    kind,
    url: reply.url,
    pid,
    /** Statements sent by every pg client of the server so far (the app only). */
    sqlCount: async () => (await request({ type: 'sql-count' }, 'sql-count')).count,
    /** Commands sent by every Redis client of the server so far (the app only). */
    redisCount: async () => (await request({ type: 'redis-count' }, 'redis-count')).count,
    /** Event-loop delay (ms, p50 and p99) since the previous call. */
    loopDelay: () => request({ type: 'loop-delay' }, 'loop-delay'),
    /** The text of the latest statements the server sent (the app only). */
    sqlLog: async () => (await request({ type: 'sql-log' }, 'sql-log')).texts,
    prime: (campaign) => request({ type: 'prime', campaign }, 'primed'),
    close,
  };
}

/** Starts `bench/worker.js` (the app's workers) and resolves once they run. */
export async function startWorker(env, { cpuProfileDir } = {}) {
  const { pid, close } = await startChild('worker', WORKER, [], env, { cpuProfileDir });
  return { pid, close };
}
