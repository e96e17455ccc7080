import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Redis } from 'ioredis';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import { AppConfig } from '../../config/app-config.js';
import { RATE_LIMIT_REDIS } from '../../redis/redis.tokens.js';
import { RateLimitedError } from '../errors/app-error.js';
import type { GraphQLContext } from '../graphql/graphql-context.js';
import { RATE_LIMIT_POLICY, type RateLimitPolicy } from './rate-limit.decorator.js';

/**
 * Counts requests per client in Redis, shared by every API replica. When Redis is out of
 * reach, each replica falls back to counting in memory rather than refusing everyone.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly limiters: Record<RateLimitPolicy, RateLimiterAbstract>;

  constructor(
    private readonly reflector: Reflector,
    config: AppConfig,
    @Inject(RATE_LIMIT_REDIS) redis: Redis,
  ) {
    const limiter = (policy: RateLimitPolicy, points: number) =>
      new RateLimiterRedis({
        storeClient: redis,
        keyPrefix: `${config.redis.queuePrefix}-rl-${policy}`,
        points,
        duration: 60,
        insuranceLimiter: new RateLimiterMemory({ points, duration: 60 }),
      });
    this.limiters = {
      auth: limiter('auth', config.rateLimit.authPerMinute),
      join: limiter('join', config.rateLimit.joinPerMinute),
    };
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const policy = this.reflector.get<RateLimitPolicy | undefined>(
      RATE_LIMIT_POLICY,
      context.getHandler(),
    );
    if (!policy || context.getType<string>() !== 'graphql') return true;
    const { req } = GqlExecutionContext.create(context).getContext<GraphQLContext>();
    const client = req?.ip ?? 'unknown';
    try {
      await this.limiters[policy].consume(client);
      return true;
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) {
        throw new RateLimitedError(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)));
      }
      throw rejection;
    }
  }
}
