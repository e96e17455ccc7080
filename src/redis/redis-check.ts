import type { Redis } from 'ioredis';

export class RedisUnfitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RedisUnfitError';
  }
}

/**
 * Refuses a Redis that may evict keys (an evicted key is a lost job) and returns warnings
 * for one that persists nothing (a restart then empties the queues until reconciled).
 */
export async function checkRedis(redis: Redis): Promise<string[]> {
  await redis.ping();
  const config = async (name: string): Promise<string | undefined> => {
    try {
      const reply = (await redis.config('GET', name)) as string[];
      return reply[1];
    } catch {
      return undefined;
    }
  };
  const policy = await config('maxmemory-policy');
  if (policy !== undefined && policy !== 'noeviction') {
    throw new RedisUnfitError(
      `Redis maxmemory-policy is "${policy}"; FanRally needs "noeviction" (evicted keys are lost jobs). ` +
        'Run: redis-cli CONFIG SET maxmemory-policy noeviction',
    );
  }
  const warnings: string[] = [];
  if (policy === undefined) {
    warnings.push(
      'Could not read Redis maxmemory-policy (CONFIG is disabled); make sure it is noeviction.',
    );
  }
  const [save, appendonly] = await Promise.all([config('save'), config('appendonly')]);
  if (save === '' && appendonly === 'no') {
    warnings.push(
      'Redis persists nothing (no RDB snapshots, no AOF): a Redis restart loses every queued and delayed job.',
    );
  }
  return warnings;
}
