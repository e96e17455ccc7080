import { Module } from '@nestjs/common';
import { CampaignsModule } from '../campaigns/campaigns.module.js';
import { MembersModule } from '../members/members.module.js';
import { LiveModule } from '../redis/live.module.js';
import { TalliesRepository } from './tallies.repository.js';
import {
  CampaignTallyResolver,
  CampaignTallyUpdatedResolver,
  LeaderboardEntryResolver,
} from './tallies.resolver.js';

export const tallyResolvers = [
  CampaignTallyResolver,
  LeaderboardEntryResolver,
  CampaignTallyUpdatedResolver,
];

/** Tallies, leaderboards and their live updates (API side). */
@Module({
  imports: [CampaignsModule, MembersModule, LiveModule],
  providers: [TalliesRepository, ...tallyResolvers],
})
export class TalliesModule {}
