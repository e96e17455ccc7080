import type { EntityManager } from 'typeorm';
import type { CampaignEntity } from '../campaigns/campaign.entity.js';
import { OPEN_CAMPAIGN_STATUSES } from '../campaigns/campaign.enums.js';
import type { EventEntity } from '../events/event.entity.js';
import { enqueue } from '../outbox/outbox-job.js';
import { reminderJobs } from '../reminders/reminder-jobs.js';
import { campaignLifecycleJobs, eventEndJob } from './lifecycle-jobs.js';

type CampaignOf = Pick<CampaignEntity, 'status' | 'reminderOffsetsMinutes'>;
type EventOf = Pick<EventEntity, 'id' | 'status' | 'startsAt' | 'endsAt'>;

function eventJobs(event: EventOf, campaign: CampaignOf, now: Date) {
  if (!OPEN_CAMPAIGN_STATUSES.includes(campaign.status)) return [];
  return [...reminderJobs(event, campaign, now), eventEndJob(event)];
}

/** Writes an event's reminders and end to the outbox, in the caller's transaction. */
export function scheduleEvent(
  manager: EntityManager,
  event: EventOf,
  campaign: CampaignOf,
  now = new Date(),
): Promise<void> {
  return enqueue(manager, eventJobs(event, campaign, now));
}

/**
 * Writes a campaign's lifecycle (LIVE at its start, ENDED at its end) and the reminders and
 * ends of its scheduled events to the outbox, in the caller's transaction.
 */
export async function scheduleCampaign(
  manager: EntityManager,
  campaign: CampaignOf & Pick<CampaignEntity, 'id' | 'startsAt' | 'endsAt'>,
  now = new Date(),
): Promise<void> {
  const events = await manager.query<EventOf[]>(
    `SELECT id, status, starts_at AS "startsAt", ends_at AS "endsAt" FROM events
      WHERE campaign_id = $1 AND status = 'SCHEDULED'`,
    [campaign.id],
  );
  await enqueue(manager, [
    ...campaignLifecycleJobs(campaign),
    ...events.flatMap((event) => eventJobs(event, campaign, now)),
  ]);
}
