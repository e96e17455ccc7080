import { CampaignStatus } from '../campaigns/campaign.enums.js';
import type { OutboxJob } from '../outbox/outbox-job.js';
import { QueueName } from '../queues/queue-name.js';

export const CAMPAIGN_LIVE = 'campaign-live';
export const CAMPAIGN_END = 'campaign-end';
export const EVENT_END = 'event-end';

/** Moves a campaign or event on at `at`; a job whose `at` no longer matches the row skips. */
export interface LifecycleStep {
  id: string;
  /** The instant it was scheduled for (epoch ms): the row's starts_at or ends_at then. */
  at: number;
}

function step(name: string, prefix: string, id: string, at: Date): OutboxJob<LifecycleStep> {
  return {
    queue: QueueName.Lifecycle,
    name,
    jobId: `${prefix}-${id}-${at.getTime()}`,
    data: { id, at: at.getTime() },
    runAt: at,
  };
}

/** SCHEDULED -> LIVE at its start and -> ENDED at its end, for a published campaign. */
export function campaignLifecycleJobs(campaign: {
  id: string;
  status: CampaignStatus;
  startsAt: Date;
  endsAt: Date;
}): OutboxJob<LifecycleStep>[] {
  if (campaign.status !== CampaignStatus.SCHEDULED && campaign.status !== CampaignStatus.LIVE) {
    return [];
  }
  return [
    ...(campaign.status === CampaignStatus.SCHEDULED
      ? [step(CAMPAIGN_LIVE, 'live', campaign.id, campaign.startsAt)]
      : []),
    step(CAMPAIGN_END, 'end', campaign.id, campaign.endsAt),
  ];
}

/** SCHEDULED -> ENDED at the event's end. */
export function eventEndJob(event: { id: string; endsAt: Date }): OutboxJob<LifecycleStep> {
  return step(EVENT_END, 'end-event', event.id, event.endsAt);
}
