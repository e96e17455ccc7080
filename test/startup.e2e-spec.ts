import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { Redis } from 'ioredis';
import { checkRedis, RedisUnfitError } from '../src/redis/redis-check.js';
import { startRedis, type TestRedis } from './helpers/processes.js';

/** Runs the built API with an environment; resolves with its exit code and output. */
async function runMain(env: Record<string, string>) {
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    env: { PATH: process.env.PATH, LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number];
  return { code, output };
}

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
