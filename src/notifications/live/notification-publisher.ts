import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { AppConfig } from '../../config/app-config.js';
import { REDIS } from '../../redis/redis.tokens.js';
import {
  notificationChannel,
  serializeLiveNotification,
  type LiveNotification,
} from './live-notification.js';

/**
 * Pushes newly stored notifications to their members' `notificationAdded` subscribers, on every
 * API replica, through Redis pub/sub (worker side).
 */
@Injectable()
export class NotificationPublisher {
  private readonly logger = new Logger(NotificationPublisher.name);

  constructor(
    private readonly config: AppConfig,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  /**
   * Publishes each row to its member's channel, a chunk in one round trip. Never throws: the
   * rows are stored already and a retried delivery would not publish them again, so a failed
   * push is logged, and the member sees the notification on their next fetch.
   */
  async publish(rows: readonly LiveNotification[]): Promise<void> {
    if (!rows.length) return;
    const pipeline = this.redis.pipeline();
    for (const row of rows) {
      const channel = notificationChannel(this.config.redis.queuePrefix, row.memberId);
      pipeline.publish(channel, serializeLiveNotification(row));
    }
    try {
      const failed = (await pipeline.exec())?.filter(([error]) => error) ?? [];
      if (failed.length) {
        this.logger.warn(
          `${failed.length} of ${rows.length} live notifications not published: ${String(failed[0][0])}`,
        );
      }
    } catch (error) {
      this.logger.warn(
        `${rows.length} live notifications not published: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}
