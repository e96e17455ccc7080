import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { NotificationKind } from './notification-kind.js';

/** One message to one member; delivery_key makes every delivery happen once. */
@Entity('notifications')
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'member_id' })
  memberId: string;

  @Column('text')
  kind: NotificationKind;

  @Column('text')
  title: string;

  @Column('text')
  body: string;

  @Column('uuid', { name: 'campaign_id', nullable: true })
  campaignId: string | null;

  @Column('uuid', { name: 'event_id', nullable: true })
  eventId: string | null;

  @Column('text', { name: 'delivery_key' })
  deliveryKey: string;

  @CreateDateColumn({ type: 'timestamptz', precision: 3, name: 'created_at' })
  createdAt: Date;

  @Column({ type: 'timestamptz', precision: 3, name: 'read_at', nullable: true })
  readAt: Date | null;

  @Column({ type: 'timestamptz', precision: 3, name: 'emailed_at', nullable: true })
  emailedAt: Date | null;
}
