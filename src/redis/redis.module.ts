import {
  Global,
  Inject,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Redis } from 'ioredis';
import { AppConfig } from '../config/app-config.js';
import { logConnection } from './connection-log.js';
import { checkRedis } from './redis-check.js';
import { RATE_LIMIT_REDIS, REDIS } from './redis.tokens.js';

const logger = new Logger('Redis');

@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [AppConfig],
      useFactory: (config: AppConfig) =>
        logConnection(new Redis(config.redis.url, { lazyConnect: true }), 'Redis', logger),
    },
    {
      provide: RATE_LIMIT_REDIS,
      inject: [AppConfig],
      useFactory: (config: AppConfig) =>
        logConnection(
          new Redis(config.redis.url, {
            enableOfflineQueue: false,
            maxRetriesPerRequest: 1,
            // Every limited request sends one command: those of one event-loop turn share a write.
            enableAutoPipelining: true,
          }),
          'Redis (rate limits)',
          logger,
        ),
    },
  ],
  exports: [REDIS, RATE_LIMIT_REDIS],
})
export class RedisModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = logger;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(RATE_LIMIT_REDIS) private readonly rateLimitRedis: Redis,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.redis.connect();
    for (const warning of await checkRedis(this.redis)) this.logger.warn(warning);
  }

  async onApplicationShutdown(): Promise<void> {
    // The rate limits' client queues nothing: unless connected, its QUIT fails at once and it
    // goes on reconnecting, keeping the process alive. It is dropped instead.
    const rateLimits =
      this.rateLimitRedis.status === 'ready'
        ? this.rateLimitRedis.quit()
        : this.rateLimitRedis.disconnect();
    await Promise.all([this.redis.quit(), rateLimits]);
  }
}
