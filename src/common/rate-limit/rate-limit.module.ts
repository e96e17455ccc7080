import { Global, Inject, Injectable, Module } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { AppConfig } from '../../config/app-config.js';
import { RATE_LIMIT_REDIS } from '../../redis/redis.tokens.js';
import { minuteLimiter } from './minute-limiter.js';

/** Named budgets of requests per client and minute, sized in AppConfig.rateLimit. */
export type RateLimitPolicy = 'auth' | 'join' | 'checkIn';

/**
 * The API's limiters, one per process: each policy's, whichever resolver a call goes through,
 * the operations a websocket client starts, and the check-in codes a member tries at an event.
 */
@Injectable()
export class RateLimits {
  readonly of: Record<RateLimitPolicy, RateLimiterAbstract>;
  readonly wsOperations: RateLimiterAbstract;
  /** Keyed by member and event: guessing one event's code from many addresses gains nothing. */
  readonly codeTries: RateLimiterAbstract;

  constructor(config: AppConfig, @Inject(RATE_LIMIT_REDIS) redis: Redis) {
    const prefix = `${config.redis.queuePrefix}-rl`;
    this.of = {
      auth: minuteLimiter(redis, `${prefix}-auth`, config.rateLimit.authPerMinute),
      join: minuteLimiter(redis, `${prefix}-join`, config.rateLimit.joinPerMinute),
      checkIn: minuteLimiter(redis, `${prefix}-check-in`, config.rateLimit.checkInPerMinute),
    };
    this.wsOperations = minuteLimiter(
      redis,
      `${prefix}-ws-operations`,
      config.rateLimit.wsOperationsPerMinute,
    );
    this.codeTries = minuteLimiter(
      redis,
      `${prefix}-code-tries`,
      config.rateLimit.codeTriesPerMinute,
    );
  }
}

@Global()
@Module({ providers: [RateLimits], exports: [RateLimits] })
export class RateLimitModule {}
