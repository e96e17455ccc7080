import { Resolver, Subscription } from '@nestjs/graphql';
import type { GraphQLContext } from '../../common/graphql/graphql-context.js';
import { Loaders } from '../../common/graphql/loaders.js';
import { ViewerId } from '../../common/graphql/viewer.decorator.js';
import { AppConfig } from '../../config/app-config.js';
import { LiveFeed } from '../../redis/live-feed.service.js';
import { Notification } from '../notification.model.js';
import {
  notificationChannel,
  parseLiveNotification,
  type LiveNotification,
} from './live-notification.js';

@Resolver(() => Notification)
export class NotificationAddedResolver {
  constructor(
    private readonly feed: LiveFeed,
    private readonly config: AppConfig,
  ) {}

  @Subscription(() => Notification, {
    description: "The signed-in member's own new notifications.",
    resolve: (message: unknown, _args: unknown, context: GraphQLContext): LiveNotification => {
      // One subscription lives for hours: each notification gets fresh loaders, so its
      // campaign and event are read as they are now, and nothing piles up in memory.
      context.loaders = new Loaders();
      return parseLiveNotification(message);
    },
  })
  notificationAdded(@ViewerId() viewerId: string): AsyncIterableIterator<unknown> {
    return this.feed.listen(notificationChannel(this.config.redis.queuePrefix, viewerId));
  }
}
