import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MembersModule } from '../members/members.module.js';
import { CommunitiesRepository } from './communities.repository.js';
import { CommunitiesResolver } from './communities.resolver.js';
import { CommunitiesService } from './communities.service.js';
import { CommunityAccess } from './community-access.js';
import { CommunityEntity } from './community.entity.js';
import { MembershipEntity } from './membership.entity.js';
import { MembershipResolver, ViewerMembershipsResolver } from './membership.resolver.js';

export const communityResolvers = [
  CommunitiesResolver,
  MembershipResolver,
  ViewerMembershipsResolver,
];

@Module({
  imports: [TypeOrmModule.forFeature([CommunityEntity, MembershipEntity]), MembersModule],
  providers: [CommunitiesRepository, CommunitiesService, CommunityAccess, ...communityResolvers],
  exports: [CommunitiesRepository, CommunitiesService, CommunityAccess],
})
export class CommunitiesModule {}
