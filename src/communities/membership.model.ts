import { Field, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '../common/pagination/connection.model.js';
import { CommunityRole } from './community-role.js';

@ObjectType('Membership')
export class Membership {
  communityId: string;
  memberId: string;

  @Field(() => CommunityRole)
  role: CommunityRole;

  @Field()
  joinedAt: Date;
}

export const MembershipConnection = ConnectionType(Membership, 'Membership');
