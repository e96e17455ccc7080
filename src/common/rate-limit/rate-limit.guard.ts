import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Redis } from 'ioredis';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { AppConfig } from '../../config/app-config.js';
import { RATE_LIMIT_REDIS } from '../../redis/redis.tokens.js';
import type { GraphQLContext } from '../graphql/graphql-context.js';
import { RATE_LIMIT_POLICY, type RateLimitPolicy } from './rate-limit.decorator.js';
import { consumeOrRefuse, minuteLimiter } from './minute-limiter.js';

/**
 * Counts the calls of decorated resolvers per client (GraphQLContext.client), over HTTP and
 * over websockets alike, in Redis shared by every API replica.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly limiters: Record<RateLimitPolicy, RateLimiterAbstract>;

  constructor(
    private readonly reflector: Reflector,
    config: AppConfig,
    @Inject(RATE_LIMIT_REDIS) redis: Redis,
  ) {
    const prefix = `${config.redis.queuePrefix}-rl`;
    this.limiters = {
      auth: minuteLimiter(redis, `${prefix}-auth`, config.rateLimit.authPerMinute),
      join: minuteLimiter(redis, `${prefix}-join`, config.rateLimit.joinPerMinute),
    };
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const policy = this.reflector.get<RateLimitPolicy | undefined>(
      RATE_LIMIT_POLICY,
      context.getHandler(),
    );
    if (!policy || context.getType<string>() !== 'graphql') return true;
    const { client } = GqlExecutionContext.create(context).getContext<GraphQLContext>();
    await consumeOrRefuse(this.limiters[policy], client);
    return true;
  }
}
