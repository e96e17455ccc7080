import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ParticipationStatus } from '../participation/participation-status.js';
import type { NotificationKind } from './notification-kind.js';
import type { EventFacts } from './notification-text.js';

export interface Recipient {
  id: string;
  email: string;
  displayName: string;
  timezone: string;
}

export interface NewNotification {
  memberId: string;
  kind: NotificationKind;
  title: string;
  body: string;
  campaignId: string | null;
  eventId: string | null;
  deliveryKey: string;
}

/** What the workers read and write to deliver notifications. */
@Injectable()
export class NotificationDeliveryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async eventFacts(eventId: string): Promise<EventFacts | null> {
    const [row] = await this.dataSource.query<EventFacts[]>(
      `SELECT title, starts_at AS "startsAt", venue_name AS "venueName", venue_city AS "venueCity",
              online_url AS "onlineUrl", cancel_reason AS "cancelReason"
         FROM events WHERE id = $1`,
      [eventId],
    );
    return row ?? null;
  }

  async campaignOf(eventId: string): Promise<string | null> {
    const [row] = await this.dataSource.query<{ campaign_id: string }[]>(
      'SELECT campaign_id FROM events WHERE id = $1',
      [eventId],
    );
    return row?.campaign_id ?? null;
  }

  /** The next page of an event's participants in some statuses, by member id (keyset). */
  async participantsAfter(
    eventId: string,
    statuses: ParticipationStatus[],
    after: string | null,
    limit: number,
  ): Promise<string[]> {
    const rows = await this.dataSource.query<{ member_id: string }[]>(
      `SELECT member_id FROM participations
        WHERE event_id = $1 AND status = ANY($2::text[])
          AND ($3::uuid IS NULL OR member_id > $3::uuid)
        ORDER BY member_id LIMIT $4`,
      [eventId, statuses, after, limit],
    );
    return rows.map((row) => row.member_id);
  }

  recipients(memberIds: string[]): Promise<Recipient[]> {
    return this.dataSource.query<Recipient[]>(
      `SELECT id, email, display_name AS "displayName", timezone FROM members
        WHERE id = ANY($1::uuid[])`,
      [memberIds],
    );
  }

  /**
   * Inserts a chunk in one statement; returns only the rows new to the table, so what a retry
   * or a second worker delivers again is neither stored nor sent twice.
   */
  insert(rows: NewNotification[]): Promise<{ id: string; memberId: string }[]> {
    return this.dataSource.query(
      `INSERT INTO notifications (member_id, kind, title, body, campaign_id, event_id, delivery_key)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::uuid[], $6::uuid[],
                            $7::text[])
       ON CONFLICT (delivery_key) DO NOTHING
       RETURNING id, member_id AS "memberId"`,
      [
        rows.map((row) => row.memberId),
        rows.map((row) => row.kind),
        rows.map((row) => row.title),
        rows.map((row) => row.body),
        rows.map((row) => row.campaignId),
        rows.map((row) => row.eventId),
        rows.map((row) => row.deliveryKey),
      ],
    );
  }
}
