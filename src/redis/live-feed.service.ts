import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { RedisPubSub } from 'graphql-redis-subscriptions';
import { Redis } from 'ioredis';
import { AppConfig } from '../config/app-config.js';
import { logConnection } from './connection-log.js';
import { REDIS } from './redis.tokens.js';

/**
 * What the workers publish on Redis channels, as the API's subscriptions hear it: one Redis
 * subscriber connection per API replica, one SUBSCRIBE per channel listened to, however many
 * sockets listen to it.
 */
@Injectable()
export class LiveFeed implements OnApplicationShutdown {
  private readonly logger = new Logger(LiveFeed.name);
  private readonly subscriber: Redis;
  private readonly pubsub: RedisPubSub;

  constructor(config: AppConfig, @Inject(REDIS) redis: Redis) {
    // Connects on the first subscription; while Redis is away, SUBSCRIBE waits for it rather
    // than failing, and ioredis subscribes again to every channel when it reconnects.
    this.subscriber = logConnection(
      new Redis(config.redis.url, { lazyConnect: true, maxRetriesPerRequest: null }),
      'Redis subscriber',
      this.logger,
    );
    quietUnsubscribe(this.subscriber, this.logger);
    // The API only listens; the shared client stands as the (unused) publisher.
    this.pubsub = new RedisPubSub({ publisher: redis, subscriber: this.subscriber });
  }

  /** The channel's messages, as published (parsed JSON), until `return()`. */
  listen(channel: string): AsyncIterableIterator<unknown> {
    return this.pubsub.asyncIterableIterator(channel) as AsyncIterableIterator<unknown>;
  }

  onApplicationShutdown(): void {
    this.subscriber.disconnect();
  }
}

/**
 * RedisPubSub sends UNSUBSCRIBE and PUNSUBSCRIBE without awaiting them: while Redis is away,
 * or once the connection is closed, their rejection would go unhandled and end the process.
 */
function quietUnsubscribe(subscriber: Redis, logger: Logger): void {
  for (const name of ['unsubscribe', 'punsubscribe'] as const) {
    const command = subscriber[name].bind(subscriber) as (
      ...channels: string[]
    ) => Promise<unknown>;
    Object.assign(subscriber, {
      [name]: (...channels: string[]) =>
        command(...channels).catch((error: unknown) =>
          logger.warn(`Redis ${name}: ${error instanceof Error ? error.message : String(error)}`),
        ),
    });
  }
}
