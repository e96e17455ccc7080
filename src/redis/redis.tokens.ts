/** The shared ioredis client for commands. */
export const REDIS = Symbol('REDIS');
/** A client that fails fast instead of queueing while Redis is away (rate limits fall back). */
export const RATE_LIMIT_REDIS = Symbol('RATE_LIMIT_REDIS');
