import { Module } from '@nestjs/common';
import { CampaignsModule } from '../campaigns/campaigns.module.js';
import { MembersModule } from '../members/members.module.js';
import { AnnouncementsRepository } from './announcements.repository.js';
import { AnnouncementsResolver } from './announcements.resolver.js';

export const announcementResolvers = [AnnouncementsResolver];

@Module({
  imports: [CampaignsModule, MembersModule],
  providers: [AnnouncementsRepository, ...announcementResolvers],
})
export class AnnouncementsModule {}
