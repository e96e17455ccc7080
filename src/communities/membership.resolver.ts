import { ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLContext, NoArgs } from '../common/graphql/graphql-context.js';
import { Member } from '../members/member.model.js';
import type { MemberEntity } from '../members/member.entity.js';
import { MembersRepository } from '../members/members.repository.js';
import { Viewer } from '../members/viewer.model.js';
import { CommunitiesRepository } from './communities.repository.js';
import type { CommunityEntity } from './community.entity.js';
import { Community } from './community.model.js';
import type { MembershipEntity } from './membership.entity.js';
import { Membership } from './membership.model.js';

@Resolver(() => Membership)
export class MembershipResolver {
  constructor(
    private readonly communities: CommunitiesRepository,
    private readonly members: MembersRepository,
  ) {}

  @ResolveField(() => Community)
  community(
    membership: MembershipEntity,
    _args: NoArgs,
    { loaders }: GraphQLContext,
  ): CommunityEntity | null | Promise<CommunityEntity | null> {
    return this.communities.load(loaders, membership.communityId);
  }

  @ResolveField(() => Member)
  async member(
    membership: MembershipEntity,
    _args: NoArgs,
    { loaders }: GraphQLContext,
  ): Promise<MemberEntity | null> {
    return loaders.of(this.members.findByIds).load(membership.memberId);
  }
}

@Resolver(() => Viewer)
export class ViewerMembershipsResolver {
  constructor(private readonly communities: CommunitiesRepository) {}

  @ResolveField(() => [Membership])
  memberships(viewer: Viewer): Promise<MembershipEntity[]> {
    return this.communities.membershipsOfMember(viewer.member.id);
  }
}
