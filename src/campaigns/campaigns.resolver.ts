import {
  Args,
  Context,
  ID,
  Int,
  Mutation,
  Parent,
  Query,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import type { GraphQLContext, NoArgs } from '../common/graphql/graphql-context.js';
import { ViewerId } from '../common/graphql/viewer.decorator.js';
import type { Connection } from '../common/pagination/connection.model.js';
import { reasonOf } from '../common/validation/reason.js';
import { CommunitiesRepository } from '../communities/communities.repository.js';
import { CommunityAccess } from '../communities/community-access.js';
import { canOrganize } from '../communities/community-role.js';
import type { CommunityEntity } from '../communities/community.entity.js';
import { Community } from '../communities/community.model.js';
import type { MemberEntity } from '../members/member.entity.js';
import { Member } from '../members/member.model.js';
import { MembersRepository } from '../members/members.repository.js';
import type { CampaignEntity } from './campaign.entity.js';
import { CampaignStatus } from './campaign.enums.js';
import { Campaign, CampaignConnection, CampaignGoal } from './campaign.model.js';
import { CampaignsRepository } from './campaigns.repository.js';
import { CampaignsService } from './campaigns.service.js';
import { CreateCampaignInput } from './dto/create-campaign.input.js';
import { UpdateCampaignInput } from './dto/update-campaign.input.js';

@Resolver(() => Campaign)
export class CampaignsResolver {
  constructor(
    private readonly service: CampaignsService,
    private readonly communities: CommunitiesRepository,
    private readonly members: MembersRepository,
  ) {}

  @Query(() => Campaign, { nullable: true })
  campaign(
    @Args('id', { type: () => ID }) id: string,
    @Context() context: GraphQLContext,
  ): Promise<CampaignEntity | null> {
    return this.service.visible(context, id);
  }

  @Mutation(() => Campaign, {
    description: 'ORGANIZER or OWNER of the community; starts as DRAFT.',
  })
  createCampaign(
    @ViewerId() viewerId: string,
    @Args('input') input: CreateCampaignInput,
    @Context() { loaders }: GraphQLContext,
  ): Promise<CampaignEntity> {
    return this.service.create({ viewerId, loaders }, input);
  }

  @Mutation(() => Campaign)
  updateCampaign(
    @ViewerId() viewerId: string,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: UpdateCampaignInput,
    @Context() { loaders }: GraphQLContext,
  ): Promise<CampaignEntity> {
    return this.service.update({ viewerId, loaders }, id, input);
  }

  @Mutation(() => Campaign, {
    description: 'DRAFT -> SCHEDULED (LIVE at startsAt, ENDED at endsAt, by the workers).',
  })
  publishCampaign(
    @ViewerId() viewerId: string,
    @Args('id', { type: () => ID }) id: string,
    @Context() { loaders }: GraphQLContext,
  ): Promise<CampaignEntity> {
    return this.service.publish({ viewerId, loaders }, id);
  }

  @Mutation(() => Campaign, { description: 'Notifies every participant of its events.' })
  cancelCampaign(
    @ViewerId() viewerId: string,
    @Args('id', { type: () => ID }) id: string,
    @Args('reason', { type: () => String, nullable: true }) reason: string | null,
    @Context() { loaders }: GraphQLContext,
  ): Promise<CampaignEntity> {
    return this.service.cancel({ viewerId, loaders }, id, reasonOf(reason));
  }

  @ResolveField(() => Community)
  community(
    campaign: CampaignEntity,
    _args: NoArgs,
    { loaders }: GraphQLContext,
  ): CommunityEntity | null | Promise<CommunityEntity | null> {
    return this.communities.load(loaders, campaign.communityId);
  }

  @ResolveField(() => Member)
  createdBy(
    campaign: CampaignEntity,
    _args: NoArgs,
    { loaders }: GraphQLContext,
  ): Promise<MemberEntity | null> {
    return loaders.of(this.members.findByIds).load(campaign.createdById);
  }

  @ResolveField(() => CampaignGoal, { nullable: true })
  goal(campaign: CampaignEntity): CampaignGoal | null {
    return campaign.goalMetric && campaign.goalTarget
      ? { metric: campaign.goalMetric, target: campaign.goalTarget }
      : null;
  }
}

@Resolver(() => Community)
export class CommunityCampaignsResolver {
  constructor(
    private readonly repository: CampaignsRepository,
    private readonly access: CommunityAccess,
  ) {}

  @ResolveField(() => CampaignConnection)
  async campaigns(
    @Parent() community: CommunityEntity,
    @Context() { viewerId, loaders }: GraphQLContext,
    @Args('status', { type: () => [CampaignStatus], nullable: true })
    status: CampaignStatus[] | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<Connection<CampaignEntity>> {
    const role = await this.access.roleOf(loaders, community.id, viewerId);
    return this.repository.ofCommunity(community.id, status, canOrganize(role), { first, after });
  }
}
