import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { AppConfig } from '../../config/app-config.js';
import { REDIS } from '../../redis/redis.tokens.js';
import {
  notificationChannel,
  serializeLiveNotification,
  type LiveNotification,
} from './live-notification.js';

/** PUBLISH ARGV[i] ARGV[n + i] for each of the n channels (ARGV: n channels, then n messages). */
const PUBLISH_EACH = `
local n = #ARGV / 2
for i = 1, n do redis.call('PUBLISH', ARGV[i], ARGV[n + i]) end
return n`;

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
   * Publishes each row to its member's channel, a chunk in one command (a script that runs
   * PUBLISH for each). Never throws: the rows are stored already and a retried delivery would
   * not publish them again, so a failed push is logged, and the member sees the notification on
   * their next fetch.
   */
  async publish(rows: readonly LiveNotification[]): Promise<void> {
    if (!rows.length) return;
    const channels = rows.map((row) =>
      notificationChannel(this.config.redis.queuePrefix, row.memberId),
    );
    try {
      await this.redis.eval(PUBLISH_EACH, 0, ...channels, ...rows.map(serializeLiveNotification));
    } catch (error) {
      this.logger.warn(
        `${rows.length} live notifications not published: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}
