import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { LiveNotification } from './live/live-notification.js';
import type { Audience } from './notification-jobs.js';
import type { NotificationKind } from './notification-kind.js';
import type { CampaignFacts, EventFacts } from './notification-text.js';

/** Who a notification goes to, and the zone its text shows times in. */
export interface Recipient {
  id: string;
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

  async eventFacts(eventId: string): Promise<(EventFacts & { campaignId: string }) | null> {
    const [row] = await this.dataSource.query<(EventFacts & { campaignId: string })[]>(
      `SELECT campaign_id AS "campaignId", title, starts_at AS "startsAt",
              venue_name AS "venueName", venue_city AS "venueCity", online_url AS "onlineUrl",
              cancel_reason AS "cancelReason"
         FROM events WHERE id = $1`,
      [eventId],
    );
    return row ?? null;
  }

  /** The next page of an audience's member ids, in member id order (keyset). */
  async audienceAfter(audience: Audience, after: string | null, limit: number): Promise<string[]> {
    const [from, value, extra] =
      'event' in audience
        ? [
            'participations WHERE event_id = $1 AND status = ANY($4::text[])',
            audience.event,
            audience.statuses,
          ]
        : 'community' in audience
          ? ['memberships WHERE community_id = $1', audience.community, null]
          : [
              `participations WHERE status IN ('GOING', 'CHECKED_IN')
                 AND event_id IN (SELECT id FROM events WHERE campaign_id = $1)`,
              audience.campaignParticipants,
              null,
            ];
    const rows = await this.dataSource.query<{ member_id: string }[]>(
      `SELECT DISTINCT member_id FROM ${from}
          AND ($2::uuid IS NULL OR member_id > $2::uuid)
        ORDER BY member_id LIMIT $3`,
      extra ? [value, after, limit, extra] : [value, after, limit],
    );
    return rows.map((row) => row.member_id);
  }

  async campaignFacts(campaignId: string): Promise<CampaignFacts | null> {
    const [row] = await this.dataSource.query<CampaignFacts[]>(
      `SELECT title, hashtags, ends_at AS "endsAt" FROM campaigns WHERE id = $1`,
      [campaignId],
    );
    return row ?? null;
  }

  async announcement(id: string): Promise<{ campaignId: string; message: string } | null> {
    const [row] = await this.dataSource.query<{ campaignId: string; message: string }[]>(
      'SELECT campaign_id AS "campaignId", message FROM announcements WHERE id = $1',
      [id],
    );
    return row ?? null;
  }

  recipients(memberIds: string[]): Promise<Recipient[]> {
    return this.dataSource.query<Recipient[]>(
      'SELECT id, timezone FROM members WHERE id = ANY($1::uuid[])',
      [memberIds],
    );
  }

  /**
   * Inserts a chunk in one statement; returns only the rows new to the table, so what a retry
   * or a second worker delivers again is neither stored nor sent twice. Only what the database
   * assigned (id, created_at) comes back: the rest is the chunk's own, and a new row is unread.
   */
  async insert(rows: NewNotification[]): Promise<LiveNotification[]> {
    const inserted = await this.dataSource.query<
      { id: string; deliveryKey: string; createdAt: Date }[]
    >(
      `INSERT INTO notifications (member_id, kind, title, body, campaign_id, event_id, delivery_key)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::uuid[], $6::uuid[],
                            $7::text[])
       ON CONFLICT (delivery_key) DO NOTHING
       RETURNING id, delivery_key AS "deliveryKey", created_at AS "createdAt"`,
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
    const byKey = new Map(rows.map((row) => [row.deliveryKey, row]));
    return inserted.map(({ id, deliveryKey, createdAt }) => {
      const { memberId, kind, title, body, campaignId, eventId } = byKey.get(
        deliveryKey,
      ) as NewNotification;
      return { id, memberId, kind, title, body, campaignId, eventId, createdAt, readAt: null };
    });
  }
}
