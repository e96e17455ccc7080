import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { CampaignKind, CampaignStatus, GoalMetric } from './campaign.enums.js';

@Entity('campaigns')
export class CampaignEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'community_id' })
  communityId: string;

  @Column('text')
  kind: CampaignKind;

  @Column('text')
  status: CampaignStatus;

  @Column('text')
  title: string;

  @Column('text', { nullable: true })
  description: string | null;

  @Column('text', { array: true })
  hashtags: string[];

  @Column({ type: 'timestamptz', name: 'starts_at', precision: 3 })
  startsAt: Date;

  @Column({ type: 'timestamptz', name: 'ends_at', precision: 3 })
  endsAt: Date;

  @Column('text', { name: 'goal_metric', nullable: true })
  goalMetric: GoalMetric | null;

  @Column('integer', { name: 'goal_target', nullable: true })
  goalTarget: number | null;

  @Column('integer', { name: 'reminder_offsets_minutes', array: true })
  reminderOffsetsMinutes: number[];

  @Column('text', { name: 'cancel_reason', nullable: true })
  cancelReason: string | null;

  @Column('uuid', { name: 'created_by' })
  createdById: string;

  @CreateDateColumn({ type: 'timestamptz', precision: 3, name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3, name: 'updated_at' })
  updatedAt: Date;
}
