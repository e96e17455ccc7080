import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { AppConfig } from '../src/config/app-config.js';
import { openDatabase } from '../src/database/open-database.js';
import { checkRedis, RedisUnfitError } from '../src/redis/redis-check.js';
import { runMain, startRedis, type TestRedis } from './helpers/processes.js';

describe('start-up', () => {
  it.each([
    ['PORT', { PORT: 'eighty' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://localhost/fanrally' }],
    ['JWT_SECRET', { NODE_ENV: 'production', DATABASE_URL: 'postgres://127.0.0.1/fanrally' }],
  ])('stops with a message naming %s when it is bad', async (name, env) => {
    const { code, output } = await runMain(env);
    expect(code).toBe(1);
    expect(output).toContain('Invalid configuration');
    expect(output).toMatch(new RegExp(`- ${name} `));
  });

  it('guesses no database in production: without DATABASE_URL it stops with one line naming it', async () => {
    const { code, output } = await runMain({
      NODE_ENV: 'production',
      JWT_SECRET: randomBytes(32).toString('hex'),
    });
    expect(code).toBe(1);
    expect(output.trim().split('\n')).toEqual([
      'Invalid configuration:',
      expect.stringMatching(/^ {2}- DATABASE_URL is required in production/),
    ]);
  });

  it('without DATABASE_URL, uses the PostgreSQL answering at 127.0.0.1:5432, as before', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'fanrally-startup-'));
    const config = AppConfig.fromEnv({ NODE_ENV: 'test', DATA_DIR: dataDir });
    const database = await openDatabase(config);
    try {
      expect(database.notice).toBe(
        'Database: PostgreSQL at postgres://postgres@127.0.0.1:5432/fanrally',
      );
      expect(database.config.database.url).toBe('postgres://postgres@127.0.0.1:5432/fanrally');
    } finally {
      await database.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  describe('Redis check', () => {
    let server: TestRedis;
    let redis: Redis;

    beforeAll(async () => {
      server = await startRedis();
      redis = server.client;
    });

    afterAll(() => server.close());

    it('refuses a Redis that may evict keys, naming the setting', async () => {
      await redis.config('SET', 'maxmemory-policy', 'allkeys-lru');
      await expect(checkRedis(redis)).rejects.toThrow(RedisUnfitError);
      await expect(checkRedis(redis)).rejects.toThrow(/maxmemory-policy is "allkeys-lru"/);
    });

    it('accepts noeviction and warns when Redis persists nothing', async () => {
      await redis.config('SET', 'maxmemory-policy', 'noeviction');
      expect(await checkRedis(redis)).toEqual([expect.stringMatching(/persists nothing/)]);
      await redis.config('SET', 'save', '3600 1');
      expect(await checkRedis(redis)).toEqual([]);
    });
  });
});
