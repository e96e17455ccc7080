import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** Conditional status moves: each happens once, and only while the row is as scheduled. */
@Injectable()
export class LifecycleRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * SCHEDULED -> LIVE. Returns the community to tell while the campaign is live from this
   * start (also on a retry after the move), or null when it was moved, cancelled or ended.
   */
  async goLive(campaignId: string, startsAt: Date): Promise<string | null> {
    await this.dataSource.query(
      `UPDATE campaigns SET status = 'LIVE', updated_at = now()
        WHERE id = $1 AND status = 'SCHEDULED' AND starts_at = $2`,
      [campaignId, startsAt],
    );
    const [row] = await this.dataSource.query<{ community_id: string }[]>(
      `SELECT community_id FROM campaigns WHERE id = $1 AND status = 'LIVE' AND starts_at = $2`,
      [campaignId, startsAt],
    );
    return row?.community_id ?? null;
  }

  /** SCHEDULED or LIVE -> ENDED, with its events that are still scheduled. */
  async endCampaign(campaignId: string, endsAt: Date): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const ended = await manager.query<unknown[]>(
        `WITH moved AS (
           UPDATE campaigns SET status = 'ENDED', updated_at = now()
            WHERE id = $1 AND status IN ('SCHEDULED', 'LIVE') AND ends_at = $2 RETURNING id)
         SELECT id FROM moved`,
        [campaignId, endsAt],
      );
      if (!ended.length) return false;
      await manager.query(
        `UPDATE events SET status = 'ENDED', updated_at = now()
          WHERE campaign_id = $1 AND status = 'SCHEDULED'`,
        [campaignId],
      );
      return true;
    });
  }

  /** SCHEDULED -> ENDED for one event. */
  async endEvent(eventId: string, endsAt: Date): Promise<boolean> {
    const ended = await this.dataSource.query<unknown[]>(
      `WITH moved AS (
         UPDATE events SET status = 'ENDED', updated_at = now()
          WHERE id = $1 AND status = 'SCHEDULED' AND ends_at = $2 RETURNING id)
       SELECT id FROM moved`,
      [eventId, endsAt],
    );
    return ended.length > 0;
  }
}
