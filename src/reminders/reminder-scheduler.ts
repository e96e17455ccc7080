import type { EntityManager } from 'typeorm';
import type { CampaignEntity } from '../campaigns/campaign.entity.js';
import type { EventEntity } from '../events/event.entity.js';
import { enqueue } from '../outbox/outbox-job.js';
import { reminderJobs } from './reminder-jobs.js';

type CampaignOf = Pick<CampaignEntity, 'status' | 'reminderOffsetsMinutes'>;

/** Writes an event's reminder jobs to the outbox, in the caller's transaction. */
export function scheduleEventReminders(
  manager: EntityManager,
  event: Pick<EventEntity, 'id' | 'status' | 'startsAt'>,
  campaign: CampaignOf,
  now = new Date(),
): Promise<void> {
  return enqueue(manager, reminderJobs(event, campaign, now));
}

/** Writes the reminder jobs of every scheduled event of a campaign to the outbox. */
export async function scheduleCampaignReminders(
  manager: EntityManager,
  campaign: CampaignOf & { id: string },
  now = new Date(),
): Promise<void> {
  const events = await manager.query<Pick<EventEntity, 'id' | 'status' | 'startsAt'>[]>(
    `SELECT id, status, starts_at AS "startsAt" FROM events
      WHERE campaign_id = $1 AND status = 'SCHEDULED' AND starts_at > $2`,
    [campaign.id, now],
  );
  await enqueue(
    manager,
    events.flatMap((event) => reminderJobs(event, campaign, now)),
  );
}
