import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LiveModule } from '../redis/live.module.js';
import { CampaignsModule } from '../campaigns/campaigns.module.js';
import { EventsModule } from '../events/events.module.js';
import { NotificationAddedResolver } from './live/notification-added.resolver.js';
import { NotificationEntity } from './notification.entity.js';
import { NotificationsRepository } from './notifications.repository.js';
import { NotificationsResolver, ViewerNotificationsResolver } from './notifications.resolver.js';

export const notificationResolvers = [
  NotificationsResolver,
  ViewerNotificationsResolver,
  NotificationAddedResolver,
];

@Module({
  imports: [
    TypeOrmModule.forFeature([NotificationEntity]),
    CampaignsModule,
    EventsModule,
    LiveModule,
  ],
  providers: [NotificationsRepository, ...notificationResolvers],
  exports: [NotificationsRepository],
})
export class NotificationsModule {}
