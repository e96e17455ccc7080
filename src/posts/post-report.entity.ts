import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { SocialPlatform } from './social-platform.js';

@Entity('post_reports')
export class PostReportEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'campaign_id' })
  campaignId: string;

  @Column('uuid', { name: 'member_id' })
  memberId: string;

  @Column('text')
  platform: SocialPlatform;

  @Column('text')
  url: string;

  @CreateDateColumn({ type: 'timestamptz', precision: 3, name: 'created_at' })
  createdAt: Date;
}
