import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AnnouncementsModule } from './announcements/announcements.module.js';
import { AuthModule } from './auth/auth.module.js';
import { GraphQLExceptionFilter } from './common/errors/graphql-exception.filter.js';
import { CampaignsModule } from './campaigns/campaigns.module.js';
import { CommunitiesModule } from './communities/communities.module.js';
import { EventsModule } from './events/events.module.js';
import { ParticipationModule } from './participation/participation.module.js';
import { PostsModule } from './posts/posts.module.js';
import { AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { DatabaseModule } from './database/database.module.js';
import { GraphQLModule } from './graphql/graphql.module.js';
import { HealthModule } from './health/health.module.js';
import { PaginationModule } from './common/pagination/pagination.module.js';
import { RateLimitModule } from './common/rate-limit/rate-limit.module.js';
import { IdeController } from './ide/ide.controller.js';
import { MembersModule } from './members/members.module.js';
import { NotificationsModule } from './notifications/notifications.module.js';
import { QueuesModule } from './queues/queues.module.js';
import { RedisModule } from './redis/redis.module.js';
import { TalliesModule } from './tallies/tallies.module.js';
import { TallyRequestsModule } from './tallies/tally-requests.module.js';

/** The API process: resolvers and producers, no processors. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule,
        RedisModule,
        RateLimitModule,
        PaginationModule,
        QueuesModule,
        TallyRequestsModule,
        GraphQLModule,
        AuthModule,
        MembersModule,
        CommunitiesModule,
        CampaignsModule,
        EventsModule,
        ParticipationModule,
        PostsModule,
        AnnouncementsModule,
        NotificationsModule,
        TalliesModule,
        HealthModule,
      ],
      controllers: config.graphql.ide ? [IdeController] : [],
      providers: [{ provide: APP_FILTER, useClass: GraphQLExceptionFilter }],
    };
  }
}
