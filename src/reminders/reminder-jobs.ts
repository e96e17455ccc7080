import { CampaignStatus } from '../campaigns/campaign.enums.js';
import { EventStatus } from '../events/event.enums.js';
import type { OutboxJob } from '../outbox/outbox-job.js';
import { QueueName } from '../queues/queue-name.js';

export const DISPATCH_REMINDER = 'dispatch';

/** Reminds the participants of one event, `offsetMinutes` before the start it was set for. */
export interface DispatchReminder {
  eventId: string;
  offsetMinutes: number;
  /** The event's start when scheduled (epoch ms): a moved event leaves this job behind. */
  startsAtEpoch: number;
  /** When it is due (epoch ms); BullMQ resets job.delay once a delayed job is due. */
  dueAt: number;
}

interface Schedulable {
  id: string;
  status: EventStatus;
  startsAt: Date;
}

interface CampaignOf {
  status: CampaignStatus;
  reminderOffsetsMinutes: number[];
}

export const reminderKey = (job: Omit<DispatchReminder, 'dueAt'>) =>
  `remind-${job.eventId}-${job.offsetMinutes}-${job.startsAtEpoch}`;

/**
 * The dispatch jobs an event needs: one per reminder offset still ahead of `now` (an offset
 * already past is never sent late), none for an event or campaign that is not running.
 */
export function reminderJobs(
  event: Schedulable,
  campaign: CampaignOf,
  now: Date,
): OutboxJob<DispatchReminder>[] {
  const running =
    event.status === EventStatus.SCHEDULED &&
    (campaign.status === CampaignStatus.SCHEDULED || campaign.status === CampaignStatus.LIVE);
  if (!running) return [];
  const startsAtEpoch = event.startsAt.getTime();
  return campaign.reminderOffsetsMinutes
    .map((offsetMinutes) => ({ offsetMinutes, dueAt: startsAtEpoch - offsetMinutes * 60_000 }))
    .filter(({ dueAt }) => dueAt > now.getTime())
    .map(({ offsetMinutes, dueAt }) => {
      const data = { eventId: event.id, offsetMinutes, startsAtEpoch, dueAt };
      return {
        queue: QueueName.Reminders,
        name: DISPATCH_REMINDER,
        jobId: reminderKey(data),
        data,
        runAt: new Date(dueAt),
      };
    });
}
