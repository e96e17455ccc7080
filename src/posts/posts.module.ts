import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CampaignsModule } from '../campaigns/campaigns.module.js';
import { MembersModule } from '../members/members.module.js';
import { PostReportEntity } from './post-report.entity.js';
import { CampaignPostsResolver, PostsResolver } from './posts.resolver.js';
import { PostsRepository } from './posts.repository.js';

export const postResolvers = [PostsResolver, CampaignPostsResolver];

@Module({
  imports: [TypeOrmModule.forFeature([PostReportEntity]), CampaignsModule, MembersModule],
  providers: [PostsRepository, ...postResolvers],
})
export class PostsModule {}
