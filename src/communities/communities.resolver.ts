import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLContext, NoArgs } from '../common/graphql/graphql-context.js';
import { ViewerId } from '../common/graphql/viewer.decorator.js';
import type { Connection } from '../common/pagination/connection.model.js';
import { RateLimit } from '../common/rate-limit/rate-limit.decorator.js';
import { CommunitiesRepository } from './communities.repository.js';
import { CommunityAccess } from './community-access.js';
import { CommunitiesService } from './communities.service.js';
import { CommunityConnection } from './community-connection.model.js';
import { CommunityRole } from './community-role.js';
import type { CommunityEntity } from './community.entity.js';
import { Community } from './community.model.js';
import { CommunitiesArgs, MembersArgs } from './dto/communities.args.js';
import { CreateCommunityInput } from './dto/create-community.input.js';
import type { MembershipEntity } from './membership.entity.js';
import { Membership, MembershipConnection } from './membership.model.js';

@Resolver(() => Community)
export class CommunitiesResolver {
  constructor(
    private readonly service: CommunitiesService,
    private readonly repository: CommunitiesRepository,
    private readonly access: CommunityAccess,
  ) {}

  @Query(() => Community, { nullable: true })
  community(@Args('slug') slug: string): Promise<CommunityEntity | null> {
    return this.repository.findBySlug(slug);
  }

  @Query(() => CommunityConnection)
  communities(@Args() args: CommunitiesArgs): Promise<Connection<CommunityEntity>> {
    return this.repository.search(args.search, args);
  }

  @Mutation(() => Community, { description: 'The creator becomes OWNER.' })
  createCommunity(
    @ViewerId() viewerId: string,
    @Args('input') input: CreateCommunityInput,
  ): Promise<CommunityEntity> {
    return this.service.create(input, viewerId);
  }

  @Mutation(() => Membership, { description: 'Idempotent.' })
  @RateLimit('join')
  joinCommunity(
    @ViewerId() viewerId: string,
    @Args('slug') slug: string,
  ): Promise<MembershipEntity> {
    return this.service.join(slug, viewerId);
  }

  @Mutation(() => Boolean, { description: 'The last OWNER cannot leave.' })
  leaveCommunity(@ViewerId() viewerId: string, @Args('slug') slug: string): Promise<boolean> {
    return this.service.leave(slug, viewerId);
  }

  @Mutation(() => Membership, { description: 'OWNER only.' })
  setMemberRole(
    @ViewerId() viewerId: string,
    @Args('communityId', { type: () => ID }) communityId: string,
    @Args('memberId', { type: () => ID }) memberId: string,
    @Args('role', { type: () => CommunityRole }) role: CommunityRole,
  ): Promise<MembershipEntity> {
    return this.service.setRole(communityId, memberId, role, viewerId);
  }

  @ResolveField(() => Int)
  memberCount(
    community: CommunityEntity,
    _args: NoArgs,
    { loaders }: GraphQLContext,
  ): Promise<number> {
    return loaders.of(this.repository.countMembers).load(community.id);
  }

  @ResolveField(() => CommunityRole, {
    nullable: true,
    description: "The viewer's role here; null when not a member or signed out.",
  })
  viewerRole(
    community: CommunityEntity,
    _args: NoArgs,
    { viewerId, loaders }: GraphQLContext,
  ): Promise<CommunityRole | null> {
    return this.access.roleOf(loaders, community.id, viewerId);
  }

  @ResolveField(() => MembershipConnection, { description: 'Visible to members of the community.' })
  async members(
    @Parent() community: CommunityEntity,
    @ViewerId() viewerId: string,
    @Args() args: MembersArgs,
  ): Promise<Connection<MembershipEntity>> {
    await this.service.assertMember(community.id, viewerId);
    return this.repository.membersOf(community.id, args.role, args);
  }
}
