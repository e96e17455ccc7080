import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { QueueName } from '../../src/queues/queue-name.js';
import { eventually } from './eventually.js';
import { expectData } from './expectations.js';
import {
  createCampaign,
  createCommunityWithRoles,
  createEvent,
  type TestCampaign,
  type TestMember,
} from './factories.js';
import type { ReceivedEmail } from './smtp.js';
import type { TestApp } from './test-app.js';

const MINUTE = 60_000;

/** The job id of the 1-minute reminder of an event starting at `startsAt`. */
export const reminderJobId = (eventId: string, startsAt: Date) =>
  `remind-${eventId}-1-${startsAt.getTime()}`;

/** A community, its organizer and a published, live campaign reminding 1 minute ahead. */
export async function remindingCampaign(t: TestApp) {
  const roles = await createCommunityWithRoles(t);
  const campaign = await createCampaign(t, roles.organizer, roles.community.id, {
    startsAt: new Date(Date.now() - MINUTE).toISOString(),
    reminderOffsetsMinutes: [1],
  });
  return { ...roles, campaign };
}

export interface DueReminder {
  eventId: string;
  startsAt: Date;
  /** When its reminder is due (epoch ms). */
  dueAt: number;
  jobId: string;
}

/** Creates an event of unlimited capacity whose 1-minute reminder is due at `dueAt`. */
export async function eventRemindingAt(
  t: TestApp,
  organizer: TestMember,
  campaign: TestCampaign,
  dueAt: number,
): Promise<DueReminder> {
  const startsAt = new Date(dueAt + MINUTE);
  const event = await createEvent(t, organizer, campaign.id, {
    capacity: null,
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 3 * 60 * MINUTE).toISOString(),
  });
  return { eventId: event.id, startsAt, dueAt, jobId: reminderJobId(event.id, startsAt) };
}

/** Moves an event (through the API) so that its reminder is due at `dueAt`. */
export async function moveReminderTo(
  t: TestApp,
  organizer: TestMember,
  eventId: string,
  dueAt: number,
): Promise<DueReminder> {
  const startsAt = new Date(dueAt + MINUTE);
  expectData(
    await t.gql(
      `mutation ($id: ID!, $input: UpdateEventInput!) { updateEvent(id: $id, input: $input) { id } }`,
      { id: eventId, input: { startsAt: startsAt.toISOString() } },
      organizer.token,
    ),
  );
  return { eventId, startsAt, dueAt, jobId: reminderJobId(eventId, startsAt) };
}

/** The API process's handle on a queue (same Redis and prefix as the workers). */
export const queueOf = (t: TestApp, name: QueueName) => t.app.get<Queue>(getQueueToken(name));

/** Waits until a job of the queue ran; returns what it returned. */
export function finished<R>(
  t: TestApp,
  name: QueueName,
  jobId: string,
  deadlineMs = 30_000,
): Promise<R> {
  const queue = queueOf(t, name);
  return eventually(
    async () => {
      const job = await queue.getJob(jobId);
      return job?.finishedOn ? (job.returnvalue as R) : undefined;
    },
    { deadlineMs, what: `${name} job ${jobId} to finish` },
  );
}

/** Waits until the dispatch job ran; returns how many members it fanned out to. */
export const dispatched = (t: TestApp, jobId: string, deadlineMs?: number) =>
  finished<number>(t, QueueName.Reminders, jobId, deadlineMs);

/**
 * Waits until the outbox is empty and no notification job waits, runs or is due for a retry:
 * then nothing already decided can still add a notification, and a count is final. The outbox
 * is read first: the relay adds a job before it deletes the row, so one of the reads sees it.
 */
export function notificationsSettled(t: TestApp, deadlineMs = 60_000): Promise<true> {
  const notifications = queueOf(t, QueueName.Notifications);
  return eventually(
    async () => {
      if ((await t.sql('SELECT 1 FROM outbox LIMIT 1')).length) return undefined;
      const counts = await notifications.getJobCounts(
        'active',
        'wait',
        'delayed',
        'prioritized',
        'waiting-children',
      );
      return Object.values(counts).every((count) => count === 0) ? true : undefined;
    },
    { deadlineMs, what: 'the outbox and the notification jobs to settle' },
  );
}

/** The reminders of an event: who got them, when, and with what title. */
export function remindersOf(t: TestApp, eventId: string) {
  return t.sql<{ member_id: string; created_at: Date; emailed: boolean; title: string }>(
    `SELECT member_id, created_at, emailed_at IS NOT NULL AS emailed, title FROM notifications
      WHERE event_id = $1 AND kind = 'EVENT_REMINDER'`,
    [eventId],
  );
}

/** How many times each key occurs. */
export function tally(keys: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

/** How many emails each recipient address received. */
export const emailsPerRecipient = (messages: ReceivedEmail[]) =>
  tally(messages.flatMap((message) => message.to));

/** Each of `memberIds` exactly once, nobody else. */
export const onceEach = (memberIds: string[]) => new Map(memberIds.map((id) => [id, 1]));
