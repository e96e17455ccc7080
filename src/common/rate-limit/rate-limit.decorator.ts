import { applyDecorators, SetMetadata, UseGuards } from '@nestjs/common';
import { RATE_LIMIT_POLICY, RateLimitGuard } from './rate-limit.guard.js';
import type { RateLimitPolicy } from './rate-limit.module.js';

/**
 * Counts every call of the resolver against the client's `policy` budget. The guard runs on
 * these resolvers only: every other operation skips Nest's guard pipeline altogether.
 */
export const RateLimit = (policy: RateLimitPolicy) =>
  applyDecorators(SetMetadata(RATE_LIMIT_POLICY, policy), UseGuards(RateLimitGuard));
