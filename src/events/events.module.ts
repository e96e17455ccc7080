import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CampaignsModule } from '../campaigns/campaigns.module.js';
import { MembersModule } from '../members/members.module.js';
import { EventEntity } from './event.entity.js';
import { CampaignEventsResolver, EventsResolver } from './events.resolver.js';
import { EventsRepository } from './events.repository.js';
import { EventsService } from './events.service.js';

export const eventResolvers = [EventsResolver, CampaignEventsResolver];

@Module({
  imports: [TypeOrmModule.forFeature([EventEntity]), CampaignsModule, MembersModule],
  providers: [EventsRepository, EventsService, ...eventResolvers],
  exports: [EventsRepository, EventsService],
})
export class EventsModule {}
