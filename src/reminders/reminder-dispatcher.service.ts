import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { CampaignStatus } from '../campaigns/campaign.enums.js';
import { EventStatus } from '../events/event.enums.js';
import {
  DELIVER_NOTIFICATIONS,
  DELIVERY_CHUNK,
  type DeliverNotifications,
} from '../notifications/notification-jobs.js';
import { NotificationKind } from '../notifications/notification-kind.js';
import { QueueName } from '../queues/queue-name.js';
import { reminderKey, type DispatchReminder } from './reminder-jobs.js';
import { RemindersRepository, type ReminderTarget } from './reminders.repository.js';

/** Why a due reminder is not sent, or null when it is. */
export function skipReason(
  target: ReminderTarget | null,
  job: DispatchReminder,
  now: Date,
): string | null {
  if (!target) return 'the event is gone';
  if (target.status !== EventStatus.SCHEDULED) return `the event is ${target.status}`;
  if (target.startsAt.getTime() !== job.startsAtEpoch) return 'the event was moved';
  if (![CampaignStatus.SCHEDULED, CampaignStatus.LIVE].includes(target.campaignStatus)) {
    return `the campaign is ${target.campaignStatus}`;
  }
  if (!target.reminderOffsetsMinutes.includes(job.offsetMinutes)) return 'the offset was removed';
  if (now >= target.endsAt) return 'the event is over';
  return null;
}

/**
 * Fans a due reminder out: pages through the members holding a seat at that moment (never the
 * waitlist, never those who left) and adds one deliver job per chunk, with deterministic ids,
 * so a retried dispatch adds nothing twice.
 */
@Injectable()
export class ReminderDispatcher {
  private readonly logger = new Logger(ReminderDispatcher.name);

  constructor(
    private readonly reminders: RemindersRepository,
    @InjectQueue(QueueName.Notifications) private readonly notifications: Queue,
  ) {}

  async dispatch(job: DispatchReminder, now = new Date()): Promise<number> {
    const target = await this.reminders.target(job.eventId);
    const skip = skipReason(target, job, now);
    if (skip || !target) {
      this.logger.log(`reminder ${reminderKey(job)} skipped: ${skip}`);
      return 0;
    }
    const key = reminderKey(job);
    let after: string | null = null;
    let chunk = 0;
    let members = 0;
    for (;;) {
      const memberIds = await this.reminders.attendeesAfter(job.eventId, after, DELIVERY_CHUNK);
      if (!memberIds.length) break;
      const data: DeliverNotifications = {
        kind: NotificationKind.EVENT_REMINDER,
        key,
        memberIds,
        eventId: target.id,
        campaignId: target.campaignId,
        offsetMinutes: job.offsetMinutes,
      };
      await this.notifications.add(DELIVER_NOTIFICATIONS, data, {
        jobId: `deliver-${key}-${chunk}`,
      });
      members += memberIds.length;
      chunk += 1;
      after = memberIds[memberIds.length - 1];
      if (memberIds.length < DELIVERY_CHUNK) break;
    }
    return members;
  }
}
