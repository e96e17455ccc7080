import { Injectable, Logger } from '@nestjs/common';
import { CampaignStatus } from '../campaigns/campaign.enums.js';
import { EventStatus } from '../events/event.enums.js';
import { FanOutService } from '../notifications/fan-out.service.js';
import { NotificationKind } from '../notifications/notification-kind.js';
import { ATTENDING } from '../participation/participation-status.js';
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
 * Sends a due reminder to the members holding a seat at that moment (never the waitlist, never
 * those who left), through the event fan-out.
 */
@Injectable()
export class ReminderDispatcher {
  private readonly logger = new Logger(ReminderDispatcher.name);

  constructor(
    private readonly reminders: RemindersRepository,
    private readonly fanOut: FanOutService,
  ) {}

  async dispatch(job: DispatchReminder, now = new Date()): Promise<number> {
    const skip = skipReason(await this.reminders.target(job.eventId), job, now);
    if (skip) {
      this.logger.log(`reminder ${reminderKey(job)} skipped: ${skip}`);
      return 0;
    }
    return this.fanOut.fanOut({
      kind: NotificationKind.EVENT_REMINDER,
      key: reminderKey(job),
      eventId: job.eventId,
      audience: { event: job.eventId, statuses: ATTENDING },
      offsetMinutes: job.offsetMinutes,
    });
  }
}
