import { Module } from '@nestjs/common';
import { CampaignsModule } from '../campaigns/campaigns.module.js';
import { EventsModule } from '../events/events.module.js';
import { MembersModule } from '../members/members.module.js';
import {
  EventConnectionParticipationsResolver,
  EventParticipationResolver,
  ParticipationResolver,
  ViewerParticipationsResolver,
} from './participation.resolver.js';
import { ParticipationService } from './participation.service.js';
import { ParticipationsRepository } from './participations.repository.js';

export const participationResolvers = [
  ParticipationResolver,
  EventParticipationResolver,
  EventConnectionParticipationsResolver,
  ViewerParticipationsResolver,
];

@Module({
  imports: [EventsModule, CampaignsModule, MembersModule],
  providers: [ParticipationsRepository, ParticipationService, ...participationResolvers],
  exports: [ParticipationsRepository],
})
export class ParticipationModule {}
