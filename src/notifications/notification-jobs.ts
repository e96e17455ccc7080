import type { NotificationKind } from './notification-kind.js';

export const DELIVER_NOTIFICATIONS = 'deliver';

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

/** Members per deliver job: one INSERT, one commit, per chunk. */
export const DELIVERY_CHUNK = 500;
