import { SetMetadata } from '@nestjs/common';

/** Named budgets of requests per client and minute, sized in AppConfig.rateLimit. */
export type RateLimitPolicy = 'auth' | 'join';

export const RATE_LIMIT_POLICY = 'fanrally:rate-limit-policy';

export const RateLimit = (policy: RateLimitPolicy) => SetMetadata(RATE_LIMIT_POLICY, policy);
