import { randomBytes } from 'node:crypto';
import { chown, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from './helpers/eventually.js';
import { expectData } from './helpers/expectations.js';
import {
  createCommunity,
  createMember,
  type TestCommunity,
  type TestMember,
} from './helpers/factories.js';
import { runMain, startApi, type ApiProcess } from './helpers/processes.js';
import { deleteKeys, graphqlClient } from './helpers/test-app.js';

/** A start-up includes initdb or crash recovery; a stop includes PostgreSQL's checkpoint. */
const TIMEOUT = 90_000;

/** Whether a process with this pid exists (signal 0 only asks). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

interface Written {
  owner: TestMember;
  community: TestCommunity;
}

/** Resolves once the process is gone (it removes postmaster.pid a moment before it exits). */
function gone(pid: number): Promise<true> {
  return eventually(() => Promise.resolve(alive(pid) ? undefined : true), {
    deadlineMs: 30_000,
    what: `process ${pid} to exit`,
  });
}

/**
 * The built app on DATABASE_URL=embedded, as `npm start` runs it with nothing else installed
 * but Redis (still required here): one folder of its own, created once for the file so initdb
 * runs once; each test leaves no app running.
 */
describe('embedded PostgreSQL (DATABASE_URL=embedded)', () => {
  const prefix = `fanrally-test-embedded-${randomBytes(4).toString('hex')}`;
  let dataDir: string;
  const apps = new Set<ApiProcess>();

  const folder = () => join(dataDir, 'postgres');
  const pidFile = () => join(folder(), 'postmaster.pid');
  const env = () => ({
    DATABASE_URL: 'embedded',
    DATA_DIR: dataDir,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: prefix,
    SEED_DEMO_DATA: 'false',
  });

  /** The pid PostgreSQL wrote into its postmaster.pid, or null when there is none. */
  async function postmasterPid(): Promise<number | null> {
    const text = await readFile(pidFile(), 'utf8').catch(() => null);
    return text === null ? null : Number(text.split('\n')[0]);
  }

  async function start(): Promise<ApiProcess> {
    const api = await startApi(env());
    apps.add(api);
    return api;
  }

  /**
   * SIGTERM, then the app's exit; PostgreSQL must be gone with it, stopped after the app closed
   * its connections (PostgreSQL logs each one it has to end itself).
   */
  async function stop(api: ApiProcess): Promise<void> {
    const server = await postmasterPid();
    expect(await api.signal('SIGTERM')).toEqual({ code: null, signal: 'SIGTERM' });
    apps.delete(api);
    expect(await postmasterPid()).toBeNull();
    if (server !== null) await gone(server);
    expect(api.output()).not.toMatch(/"level":(50|60)/);
    expect(await readFile(join(folder(), 'server.log'), 'utf8')).not.toContain(
      'terminating connection due to administrator command',
    );
  }

  /** A member and their community, written through the API. */
  async function write(api: ApiProcess): Promise<Written> {
    const client = graphqlClient(api.url);
    const owner = await createMember(client);
    return { owner, community: await createCommunity(client, owner) };
  }

  /** What `write` wrote, read back through the API (the owner's token still valid). */
  async function expectKept(api: ApiProcess, { owner, community }: Written): Promise<void> {
    const data = expectData(
      await graphqlClient(api.url).gql<{ community: { name: string } | null }>(
        `query ($slug: String!) { community(slug: $slug) { name } }`,
        { slug: community.slug },
        owner.token,
      ),
    );
    expect(data.community).toEqual({ name: community.name });
  }

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'fanrally-embedded-'));
  });

  afterAll(async () => {
    await Promise.all([...apps].map((api) => api.signal('SIGKILL')));
    const server = await postmasterPid();
    if (server !== null && alive(server)) {
      process.kill(server, 'SIGINT');
      await gone(server);
    }
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    await deleteKeys(`${prefix}*`);
  }, TIMEOUT);

  it(
    'runs a PostgreSQL of its own in DATA_DIR, stops it after the app on SIGTERM, and finds the data at the next start',
    async () => {
      const first = await start();
      expect(first.output()).toContain(`Database: embedded PostgreSQL on 127.0.0.1:`);
      expect(first.output()).toContain(`(DATABASE_URL=embedded), data in ${folder()}`);
      const written = await write(first);
      await stop(first);

      const second = await start();
      await expectKept(second, written);
      const member = written.owner;
      const logIn = expectData(
        await graphqlClient(second.url).gql<{ logIn: { token: string } }>(
          `mutation ($input: LogInInput!) { logIn(input: $input) { token } }`,
          { input: { email: member.email, password: member.password } },
        ),
      );
      expect(logIn.logIn.token).toEqual(expect.any(String));
      await stop(second);
    },
    TIMEOUT,
  );

  it(
    'refuses a second start on the same DATA_DIR with one clear line, and the first keeps serving',
    async () => {
      const first = await start();
      const written = await write(first);
      const second = await runMain({ ...env(), HOST: '127.0.0.1', PORT: '0', NODE_ENV: 'test' });
      expect(second.code).toBe(1);
      expect(second.output.trim()).toBe(
        `DATA_DIR "${dataDir}" is in use by another FanRally process, whose embedded PostgreSQL ` +
          `runs on ${/127\.0\.0\.1:\d+/.exec(first.output())?.[0]}: stop that process first, or set another DATA_DIR.`,
      );
      await expectKept(first, written);
      await stop(first);
    },
    TIMEOUT,
  );

  it(
    'takes over the PostgreSQL that an app killed with SIGKILL left running',
    async () => {
      const killed = await start();
      const written = await write(killed);
      const server = await postmasterPid();
      expect(await killed.signal('SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });
      apps.delete(killed);
      expect(server !== null && alive(server)).toBe(true);

      const next = await start();
      expect(await postmasterPid()).toBe(server);
      await expectKept(next, written);
      await stop(next);
    },
    TIMEOUT,
  );

  it(
    'starts over a stale postmaster.pid that a crashed server left behind',
    async () => {
      const crashed = await start();
      const written = await write(crashed);
      const lockFile = await readFile(pidFile(), 'utf8');
      await stop(crashed);
      // The server is gone and its pid with it; only the file says otherwise, as after a crash.
      const { uid, gid } = await stat(folder());
      await writeFile(pidFile(), lockFile, { mode: 0o600 });
      await chown(pidFile(), uid, gid);

      const next = await start();
      expect(await postmasterPid()).not.toBe(Number(lockFile.split('\n')[0]));
      await expectKept(next, written);
      await stop(next);
    },
    TIMEOUT,
  );
});
