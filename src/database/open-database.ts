import { connect } from 'node:net';
import { AppConfig, withoutPassword } from '../config/app-config.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';

/** The database this process runs on, decided once at start-up. */
export interface OpenedDatabase {
  /** The configuration with `database.url` pointing at it. */
  config: AppConfig;
  /** The start-up line saying which database is used and where its data is. */
  notice: string;
  /** Stops the embedded server (nothing for a database of the operator's). */
  stop(): Promise<void>;
}

/** Whether something accepts TCP connections at the URL's host and port (one try). */
function answers(url: string, timeoutMs = 1000): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port || 5432), timeout: timeoutMs });
    const done = (answered: boolean) => {
      socket.destroy();
      resolve(answered);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.once('timeout', () => done(false));
  });
}

/**
 * After SIGINT or SIGTERM, calls `stop` once every other listener of the signal is gone, then
 * raises the signal again. Nest's shutdown hooks remove theirs when their app has closed and
 * re-raise the signal, so the database stops after the API and the workers, not under them.
 */
function stopLastOnSignal(stop: () => Promise<void>): void {
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];
  const onSignal = (signal: NodeJS.Signals) => {
    if (process.listenerCount(signal) > 1) return;
    signals.forEach((name) => process.off(name, onSignal));
    void stop().finally(() => process.kill(process.pid, signal));
  };
  signals.forEach((name) => process.on(name, onSignal));
}

/**
 * DATABASE_URL, or the embedded PostgreSQL in DATA_DIR when DATABASE_URL is "embedded", or
 * unset (outside production) with nothing answering at the default URL.
 */
export async function openDatabase(config: AppConfig): Promise<OpenedDatabase> {
  const { url, embedded } = config.database;
  if (embedded === 'never' || (embedded === 'fallback' && (await answers(url)))) {
    return {
      config,
      notice: `Database: PostgreSQL at ${withoutPassword(url)}`,
      stop: () => Promise.resolve(),
    };
  }
  const server = await startEmbeddedPostgres(config.data.dir);
  stopLastOnSignal(server.stop);
  const why = embedded === 'always' ? 'DATABASE_URL=embedded' : `nothing answers at ${url}`;
  return {
    config: config.with({ database: { ...config.database, url: server.url } }),
    notice: `Database: embedded PostgreSQL on 127.0.0.1:${server.port} (${why}), data in ${server.folder}`,
    stop: server.stop,
  };
}

/**
 * Reads the configuration, opens the database and runs `start` on it; when `start` fails, the
 * embedded server is stopped before the error goes on (it would otherwise outlive the process).
 */
export async function startOnDatabase(
  readConfig: () => AppConfig,
  start: (database: OpenedDatabase) => Promise<void>,
): Promise<void> {
  const database = await openDatabase(readConfig());
  try {
    await start(database);
  } catch (error) {
    // The error that stopped the start is the one to report, not a failed stop after it.
    await database.stop().catch(() => undefined);
    throw error;
  }
}
