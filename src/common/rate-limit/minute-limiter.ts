import type { Redis } from 'ioredis';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import { RateLimitedError } from '../errors/app-error.js';

/**
 * A budget of `points` per client and minute, counted in Redis under `keyPrefix` so every API
 * replica shares it. While Redis is out of reach, each replica counts in memory instead rather
 * than refusing everyone.
 */
export function minuteLimiter(
  redis: Redis,
  keyPrefix: string,
  points: number,
): RateLimiterAbstract {
  return new RateLimiterRedis({
    storeClient: redis,
    keyPrefix,
    points,
    duration: 60,
    insuranceLimiter: new RateLimiterMemory({ points, duration: 60 }),
  });
}

/** Work waiting for the end of this turn of the event loop. */
const thisTurn: (() => void)[] = [];

function runThisTurn(): void {
  for (const run of thisTurn.splice(0)) run();
}

/**
 * Runs `work` once the requests read in this turn of the event loop have all asked: their
 * Redis commands then leave together, and ioredis' auto-pipelining writes them in one system
 * call instead of one each (a socket write is the dearest part of a join's rate limit).
 */
function atEndOfTurn<T>(work: () => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (!thisTurn.length) setImmediate(runThisTurn);
    thisTurn.push(() => void work().then(resolve, reject));
  });
}

/** Counts one call of `client`; past its budget, refuses with the seconds until it may retry. */
export async function consumeOrRefuse(limiter: RateLimiterAbstract, client: string): Promise<void> {
  try {
    await atEndOfTurn(() => limiter.consume(client));
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) {
      throw new RateLimitedError(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)));
    }
    throw rejection;
  }
}
