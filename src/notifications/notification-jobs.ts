import type { OutboxJob } from '../outbox/outbox-job.js';
import { ParticipationStatus } from '../participation/participation-status.js';
import { QueueName } from '../queues/queue-name.js';
import { NotificationKind } from './notification-kind.js';

export const DELIVER_NOTIFICATIONS = 'deliver';
export const FAN_OUT = 'fan-out';

/** What a notification speaks of; the deliverer reads what its text needs. */
export interface NotificationSubject {
  kind: NotificationKind;
  /** Each member's delivery key is `${key}-${memberId}`. */
  key: string;
  eventId?: string;
  campaignId?: string;
  announcementId?: string;
  /** Reminders: how long before the start this one is. */
  offsetMinutes?: number;
}

/** Delivers one notification to a chunk of members. */
export interface DeliverNotifications extends NotificationSubject {
  memberIds: string[];
}

/** Who a fan-out reaches, read when it runs (a member who left meanwhile is not reached). */
export type Audience =
  | { event: string; statuses: ParticipationStatus[] }
  | { campaignParticipants: string }
  | { community: string };

/** Delivers a notification to an audience, in chunks. */
export interface FanOut extends NotificationSubject {
  audience: Audience;
}

/** Members per deliver job: one INSERT, one commit, per chunk. */
export const DELIVERY_CHUNK = 500;

/** Everyone still in line for an event: what a change or a cancellation concerns. */
const INVOLVED = [
  ParticipationStatus.GOING,
  ParticipationStatus.CHECKED_IN,
  ParticipationStatus.WAITLISTED,
];

export function fanOutJob(data: FanOut): OutboxJob<FanOut> {
  return { queue: QueueName.Notifications, name: FAN_OUT, jobId: data.key, data };
}

/** EVENT_CHANGED to the participants of an event moved to `startsAt`. */
export function eventChangedJob(eventId: string, startsAt: Date): OutboxJob<FanOut> {
  return fanOutJob({
    kind: NotificationKind.EVENT_CHANGED,
    key: `changed-${eventId}-${startsAt.getTime()}`,
    eventId,
    audience: { event: eventId, statuses: INVOLVED },
  });
}

/** EVENT_CANCELLED to the participants of a cancelled event. */
export function eventCancelledJob(eventId: string): OutboxJob<FanOut> {
  return fanOutJob({
    kind: NotificationKind.EVENT_CANCELLED,
    key: `cancelled-${eventId}`,
    eventId,
    audience: { event: eventId, statuses: INVOLVED },
  });
}

/** WAITLIST_PROMOTED to a member who just got a seat; one per time in line (join_seq). */
export function promotedJob(
  eventId: string,
  memberId: string,
  joinSeq: string,
): OutboxJob<DeliverNotifications> {
  const key = `promoted-${eventId}-${joinSeq}`;
  return {
    queue: QueueName.Notifications,
    name: DELIVER_NOTIFICATIONS,
    jobId: `deliver-${key}`,
    data: { kind: NotificationKind.WAITLIST_PROMOTED, key, memberIds: [memberId], eventId },
  };
}
