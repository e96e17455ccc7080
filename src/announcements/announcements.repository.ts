import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { fanOutJob } from '../notifications/notification-jobs.js';
import { NotificationKind } from '../notifications/notification-kind.js';
import { enqueue } from '../outbox/outbox-job.js';
import { AnnouncementEntity } from './announcement.entity.js';

@Injectable()
export class AnnouncementsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Stores the announcement with the number of distinct members holding a seat at any of the
   * campaign's events, and writes its fan-out to the outbox, in one transaction.
   */
  create(campaignId: string, authorId: string, message: string): Promise<AnnouncementEntity> {
    return this.dataSource.transaction(async (manager) => {
      const [{ count }] = await manager.query<{ count: number }[]>(
        `SELECT count(DISTINCT p.member_id)::int AS count FROM participations p
           JOIN events e ON e.id = p.event_id
          WHERE e.campaign_id = $1 AND p.status IN ('GOING', 'CHECKED_IN')`,
        [campaignId],
      );
      const announcement = await manager.save(
        manager.create(AnnouncementEntity, {
          campaignId,
          authorId,
          message,
          recipientCount: count,
        }),
      );
      await enqueue(manager, [
        fanOutJob({
          kind: NotificationKind.ANNOUNCEMENT,
          key: `announce-${announcement.id}`,
          campaignId,
          announcementId: announcement.id,
          audience: { campaignParticipants: campaignId },
        }),
      ]);
      return announcement;
    });
  }
}
