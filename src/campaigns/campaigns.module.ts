import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CommunitiesModule } from '../communities/communities.module.js';
import { MembersModule } from '../members/members.module.js';
import { CampaignEntity } from './campaign.entity.js';
import { CampaignEventPages } from './campaign-event-pages.js';
import { CampaignsRepository } from './campaigns.repository.js';
import { CampaignsResolver, CommunityCampaignsResolver } from './campaigns.resolver.js';
import { CampaignsService } from './campaigns.service.js';

export const campaignResolvers = [CampaignsResolver, CommunityCampaignsResolver];

@Module({
  imports: [TypeOrmModule.forFeature([CampaignEntity]), CommunitiesModule, MembersModule],
  providers: [CampaignsRepository, CampaignsService, CampaignEventPages, ...campaignResolvers],
  exports: [CampaignsRepository, CampaignsService, CampaignEventPages],
})
export class CampaignsModule {}
