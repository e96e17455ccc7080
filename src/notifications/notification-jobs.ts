import type { OutboxJob } from '../outbox/outbox-job.js';
import { ParticipationStatus } from '../participation/participation-status.js';
import { QueueName } from '../queues/queue-name.js';
import { NotificationKind } from './notification-kind.js';

export const DELIVER_NOTIFICATIONS = 'deliver';
export const FAN_OUT_EVENT = 'fan-out';

/** Delivers one notification to a chunk of members; `key` + member id is the delivery key. */
export interface DeliverNotifications {
  kind: NotificationKind;
  key: string;
  memberIds: string[];
  eventId?: string;
  campaignId?: string;
  /** Reminders: how long before the start this one is. */
  offsetMinutes?: number;
}

/** Tells the participants of an event (those in `statuses` when it runs) about it. */
export interface FanOutEvent {
  kind: NotificationKind;
  key: string;
  eventId: string;
  statuses: ParticipationStatus[];
  offsetMinutes?: number;
}

/** Members per deliver job: one INSERT, one commit, per chunk. */
export const DELIVERY_CHUNK = 500;

/** Everyone still in line for an event: what a change or a cancellation concerns. */
const INVOLVED = [
  ParticipationStatus.GOING,
  ParticipationStatus.CHECKED_IN,
  ParticipationStatus.WAITLISTED,
];

function fanOut(data: FanOutEvent): OutboxJob<FanOutEvent> {
  return { queue: QueueName.Notifications, name: FAN_OUT_EVENT, jobId: data.key, data };
}

/** EVENT_CHANGED to the participants of an event moved to `startsAt`. */
export function eventChangedJob(eventId: string, startsAt: Date): OutboxJob<FanOutEvent> {
  return fanOut({
    kind: NotificationKind.EVENT_CHANGED,
    key: `changed-${eventId}-${startsAt.getTime()}`,
    eventId,
    statuses: INVOLVED,
  });
}

/** EVENT_CANCELLED to the participants of a cancelled event. */
export function eventCancelledJob(eventId: string): OutboxJob<FanOutEvent> {
  return fanOut({
    kind: NotificationKind.EVENT_CANCELLED,
    key: `cancelled-${eventId}`,
    eventId,
    statuses: INVOLVED,
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
