import { NotificationKind } from '../notification-kind.js';

/** A newly stored notification as the worker publishes it and a subscriber receives it. */
export interface LiveNotification {
  id: string;
  memberId: string;
  kind: NotificationKind;
  title: string;
  body: string;
  campaignId: string | null;
  eventId: string | null;
  createdAt: Date;
  readAt: Date | null;
}

/**
 * The Redis channel of one member's new notifications. The queue prefix keeps deployments
 * sharing a Redis (and test files, each with its own prefix) from hearing each other.
 */
export function notificationChannel(queuePrefix: string, memberId: string): string {
  return `${queuePrefix}-notifications-${memberId}`;
}

/** JSON, dates as ISO-8601 strings. */
export function serializeLiveNotification(row: LiveNotification): string {
  const { id, memberId, kind, title, body, campaignId, eventId, createdAt, readAt } = row;
  return JSON.stringify({
    id,
    memberId,
    kind,
    title,
    body,
    campaignId,
    eventId,
    createdAt,
    readAt,
  });
}

const KINDS = new Set<unknown>(Object.values(NotificationKind));

function date(value: unknown): Date {
  const parsed = typeof value === 'string' ? new Date(value) : null;
  if (!parsed || Number.isNaN(parsed.getTime())) throw new Error('not an ISO-8601 date');
  return parsed;
}

function text(value: unknown): string {
  if (typeof value !== 'string') throw new Error('not a string');
  return value;
}

const optionalText = (value: unknown): string | null => (value == null ? null : text(value));

/**
 * A published message back as a notification, dates as Dates. Takes the message as JSON text
 * or already parsed (the PubSub parses what it receives).
 */
export function parseLiveNotification(message: unknown): LiveNotification {
  const raw = (typeof message === 'string' ? JSON.parse(message) : message) as Record<
    string,
    unknown
  > | null;
  if (!raw || typeof raw !== 'object') throw new Error('A live notification must be an object');
  if (!KINDS.has(raw.kind)) throw new Error(`Unknown notification kind ${String(raw.kind)}`);
  return {
    id: text(raw.id),
    memberId: text(raw.memberId),
    kind: raw.kind as NotificationKind,
    title: text(raw.title),
    body: text(raw.body),
    campaignId: optionalText(raw.campaignId),
    eventId: optionalText(raw.eventId),
    createdAt: date(raw.createdAt),
    readAt: raw.readAt == null ? null : date(raw.readAt),
  };
}
