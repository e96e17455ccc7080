import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { CampaignStatus } from '../campaigns/campaign.enums.js';
import type { EventStatus } from '../events/event.enums.js';

export interface ReminderTarget {
  id: string;
  status: EventStatus;
  startsAt: Date;
  endsAt: Date;
  campaignId: string;
  campaignStatus: CampaignStatus;
  reminderOffsetsMinutes: number[];
}

@Injectable()
export class RemindersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async target(eventId: string): Promise<ReminderTarget | null> {
    const [row] = await this.dataSource.query<ReminderTarget[]>(
      `SELECT e.id, e.status, e.starts_at AS "startsAt", e.ends_at AS "endsAt",
              e.campaign_id AS "campaignId", c.status AS "campaignStatus",
              c.reminder_offsets_minutes AS "reminderOffsetsMinutes"
         FROM events e JOIN campaigns c ON c.id = e.campaign_id WHERE e.id = $1`,
      [eventId],
    );
    return row ?? null;
  }

  /** The next page of members holding a seat at the event, by member id (keyset). */
  async attendeesAfter(eventId: string, after: string | null, limit: number): Promise<string[]> {
    const rows = await this.dataSource.query<{ member_id: string }[]>(
      `SELECT member_id FROM participations
        WHERE event_id = $1 AND status IN ('GOING', 'CHECKED_IN')
          AND ($2::uuid IS NULL OR member_id > $2::uuid)
        ORDER BY member_id LIMIT $3`,
      [eventId, after, limit],
    );
    return rows.map((row) => row.member_id);
  }
}
