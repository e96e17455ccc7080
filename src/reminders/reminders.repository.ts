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
}
