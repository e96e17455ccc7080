import { Args, ID, Int, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { CampaignEntity } from '../campaigns/campaign.entity.js';
import { Campaign } from '../campaigns/campaign.model.js';
import { CampaignsService } from '../campaigns/campaigns.service.js';
import type { GraphQLContext, NoArgs } from '../common/graphql/graphql-context.js';
import { ViewerId } from '../common/graphql/viewer.decorator.js';
import type { Connection } from '../common/pagination/connection.model.js';
import type { EventEntity } from '../events/event.entity.js';
import { Event } from '../events/event.model.js';
import { EventsRepository } from '../events/events.repository.js';
import { Viewer } from '../members/viewer.model.js';
import type { NotificationEntity } from './notification.entity.js';
import { Notification, NotificationConnection } from './notification.model.js';
import { NotificationsRepository } from './notifications.repository.js';

@Resolver(() => Notification)
export class NotificationsResolver {
  constructor(
    private readonly notifications: NotificationsRepository,
    private readonly campaigns: CampaignsService,
    private readonly events: EventsRepository,
  ) {}

  @Mutation(() => Int, { description: 'Returns how many were newly marked.' })
  markNotificationsRead(
    @ViewerId() viewerId: string,
    @Args('ids', { type: () => [ID] }) ids: string[],
  ): Promise<number> {
    return this.notifications.markRead(viewerId, ids);
  }

  @ResolveField(() => Campaign, { nullable: true })
  campaign(
    notification: NotificationEntity,
    _args: NoArgs,
    { loaders }: GraphQLContext,
  ): CampaignEntity | null | Promise<CampaignEntity | null> {
    return notification.campaignId ? this.campaigns.load(loaders, notification.campaignId) : null;
  }

  @ResolveField(() => Event, { nullable: true })
  event(
    notification: NotificationEntity,
    _args: NoArgs,
    { loaders }: GraphQLContext,
  ): Promise<EventEntity | null> | null {
    return notification.eventId
      ? loaders.of(this.events.findByIds).load(notification.eventId)
      : null;
  }
}

@Resolver(() => Viewer)
export class ViewerNotificationsResolver {
  constructor(private readonly repository: NotificationsRepository) {}

  @ResolveField(() => NotificationConnection)
  notifications(
    @Parent() viewer: Viewer,
    @Args('unreadOnly', { type: () => Boolean, nullable: true, defaultValue: false })
    unreadOnly: boolean,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<Connection<NotificationEntity>> {
    return this.repository.ofMember(viewer.member.id, unreadOnly ?? false, { first, after });
  }

  @ResolveField(() => Int)
  unreadNotificationCount(viewer: Viewer): Promise<number> {
    return this.repository.unreadCount(viewer.member.id);
  }
}
