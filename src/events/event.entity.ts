import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { EventKind, EventStatus } from './event.enums.js';

@Entity('events')
export class EventEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'campaign_id' })
  campaignId: string;

  @Column('text')
  kind: EventKind;

  @Column('text')
  status: EventStatus;

  @Column('text')
  title: string;

  @Column('text', { nullable: true })
  description: string | null;

  @Column({ type: 'timestamptz', name: 'starts_at', precision: 3 })
  startsAt: Date;

  @Column({ type: 'timestamptz', name: 'ends_at', precision: 3 })
  endsAt: Date;

  @Column('text')
  timezone: string;

  @Column('text', { name: 'venue_name', nullable: true })
  venueName: string | null;

  @Column('text', { name: 'venue_address', nullable: true })
  venueAddress: string | null;

  @Column('text', { name: 'venue_city', nullable: true })
  venueCity: string | null;

  @Column('text', { name: 'venue_country', nullable: true })
  venueCountry: string | null;

  @Column('double precision', { nullable: true })
  latitude: number | null;

  @Column('double precision', { nullable: true })
  longitude: number | null;

  @Column('text', { name: 'online_url', nullable: true })
  onlineUrl: string | null;

  /** Null means unlimited. */
  @Column('integer', { nullable: true })
  capacity: number | null;

  /** GOING + CHECKED_IN, kept exactly for capacity-limited events only. */
  @Column('integer', { name: 'going_count' })
  goingCount: number;

  /** WAITLISTED, kept exactly for capacity-limited events only. */
  @Column('integer', { name: 'waitlist_count' })
  waitlistCount: number;

  @Column('text', { name: 'check_in_code' })
  checkInCode: string;

  @Column('text', { name: 'cancel_reason', nullable: true })
  cancelReason: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3, name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3, name: 'updated_at' })
  updatedAt: Date;
}
