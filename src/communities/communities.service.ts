import { Injectable } from '@nestjs/common';
import { isId } from '../common/graphql/ids.js';
import {
  CommunityNotFoundError,
  LastOwnerError,
  MemberNotInCommunityError,
  NotCommunityMemberError,
  NotCommunityOwnerError,
} from './communities.errors.js';
import { CommunitiesRepository } from './communities.repository.js';
import { CommunityRole } from './community-role.js';
import type { CommunityEntity } from './community.entity.js';
import type { CreateCommunityInput } from './dto/create-community.input.js';
import type { MembershipEntity } from './membership.entity.js';

@Injectable()
export class CommunitiesService {
  constructor(private readonly communities: CommunitiesRepository) {}

  create(input: CreateCommunityInput, ownerId: string): Promise<CommunityEntity> {
    return this.communities.insertWithOwner(
      {
        slug: input.slug,
        name: input.name,
        description: input.description || null,
        hashtag: input.hashtag,
      },
      ownerId,
    );
  }

  async bySlug(slug: string): Promise<CommunityEntity> {
    const community = await this.communities.findBySlug(slug);
    if (!community) throw new CommunityNotFoundError();
    return community;
  }

  async join(slug: string, memberId: string): Promise<MembershipEntity> {
    const community = await this.bySlug(slug);
    return this.communities.join({ communityId: community.id, memberId });
  }

  /** False when the member was not in the community. The last OWNER cannot leave. */
  async leave(slug: string, memberId: string): Promise<boolean> {
    const community = await this.bySlug(slug);
    return this.communities.withCommunityLocked(community.id, async (owners) => {
      const membership = await owners.membership(memberId);
      if (!membership) return false;
      if (membership.role === CommunityRole.OWNER && (await owners.countOwners()) <= 1) {
        throw new LastOwnerError();
      }
      await owners.remove(memberId);
      return true;
    });
  }

  async setRole(
    communityId: string,
    memberId: string,
    role: CommunityRole,
    ownerId: string,
  ): Promise<MembershipEntity> {
    if (!isId(communityId) || !(await this.communities.findById(communityId))) {
      throw new CommunityNotFoundError();
    }
    return this.communities.withCommunityLocked(communityId, async (owners) => {
      const actor = await owners.membership(ownerId);
      if (actor?.role !== CommunityRole.OWNER) throw new NotCommunityOwnerError();
      const target = isId(memberId) ? await owners.membership(memberId) : null;
      if (!target) throw new MemberNotInCommunityError();
      if (
        target.role === CommunityRole.OWNER &&
        role !== CommunityRole.OWNER &&
        (await owners.countOwners()) <= 1
      ) {
        throw new LastOwnerError();
      }
      return target.role === role ? target : owners.setRole(memberId, role);
    });
  }

  /** Only members may list a community's members. */
  async assertMember(communityId: string, memberId: string): Promise<void> {
    if (!(await this.communities.findMembership({ communityId, memberId }))) {
      throw new NotCommunityMemberError();
    }
  }
}
