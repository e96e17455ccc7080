import { Redis } from 'ioredis';
import { checkRedis, RedisUnfitError } from '../src/redis/redis-check.js';
import { runMain, startRedis, type TestRedis } from './helpers/processes.js';

describe('start-up', () => {
  it.each([
    ['PORT', { PORT: 'eighty' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://localhost/fanrally' }],
    ['JWT_SECRET', { NODE_ENV: 'production' }],
  ])('stops with a message naming %s when it is bad', async (name, env) => {
    const { code, output } = await runMain(env);
    expect(code).toBe(1);
    expect(output).toContain('Invalid configuration');
    expect(output).toMatch(new RegExp(`- ${name} `));
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
