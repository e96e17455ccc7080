import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { GraphQLContext } from '../graphql/graphql-context.js';
import { consumeOrRefuse } from './minute-limiter.js';
import { RateLimits, type RateLimitPolicy } from './rate-limit.module.js';

export const RATE_LIMIT_POLICY = 'fanrally:rate-limit-policy';

/**
 * Counts the calls of @RateLimit resolvers per client (GraphQLContext.client), over HTTP and
 * over websockets alike, in Redis shared by every API replica.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly limits: RateLimits,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const policy = this.reflector.get<RateLimitPolicy | undefined>(
      RATE_LIMIT_POLICY,
      context.getHandler(),
    );
    if (!policy || context.getType<string>() !== 'graphql') return true;
    const { client } = GqlExecutionContext.create(context).getContext<GraphQLContext>();
    await consumeOrRefuse(this.limits.of[policy], client);
    return true;
  }
}
