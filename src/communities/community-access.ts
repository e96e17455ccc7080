import { Injectable } from '@nestjs/common';
import type { Loaders } from '../common/graphql/loaders.js';
import { CommunitiesRepository, membershipKey } from './communities.repository.js';
import type { CommunityRole } from './community-role.js';

/** The viewer's role in a community, read from the database once per request and community. */
@Injectable()
export class CommunityAccess {
  constructor(private readonly communities: CommunitiesRepository) {}

  async roleOf(
    loaders: Loaders,
    communityId: string,
    viewerId: string | null,
  ): Promise<CommunityRole | null> {
    if (!viewerId) return null;
    const membership = await loaders
      .of(this.communities.findMemberships, membershipKey)
      .load({ communityId, memberId: viewerId });
    return membership?.role ?? null;
  }
}
