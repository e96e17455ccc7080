import { Resolver, Subscription } from '@nestjs/graphql';
import type { GraphQLContext } from '../../common/graphql/graphql-context.js';
import { Loaders } from '../../common/graphql/loaders.js';
import { ViewerId } from '../../common/graphql/viewer.decorator.js';
import { Notification } from '../notification.model.js';
import { parseLiveNotification, type LiveNotification } from './live-notification.js';
import { NotificationFeed } from './notification-feed.service.js';

@Resolver(() => Notification)
export class NotificationAddedResolver {
  constructor(private readonly feed: NotificationFeed) {}

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
    return this.feed.of(viewerId);
  }
}
