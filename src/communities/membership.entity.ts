import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { CommunityRole } from './community-role.js';

@Entity('memberships')
export class MembershipEntity {
  @PrimaryColumn('uuid', { name: 'community_id' })
  communityId: string;

  @PrimaryColumn('uuid', { name: 'member_id' })
  memberId: string;

  @Column('text')
  role: CommunityRole;

  @CreateDateColumn({ type: 'timestamptz', precision: 3, name: 'joined_at' })
  joinedAt: Date;
}
