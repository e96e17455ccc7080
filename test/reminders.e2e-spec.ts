import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { QueueName } from '../src/queues/queue-name.js';
import { insertMembers, type BulkMember } from './helpers/bulk-members.js';
import {
  dispatched,
  notificationsSettled,
  onceEach,
  reminderJobId,
  remindersOf,
  tally,
} from './helpers/due-reminders.js';
import { expectData } from './helpers/expectations.js';
import {
  createCampaign,
  createCommunityWithRoles,
  createEvent,
  joinEvent,
} from './helpers/factories.js';
import { startTestApp, type TestApp } from './helpers/test-app.js';

const LEAD_MS = 4000;

describe('reminders', () => {
  let t: TestApp;
  let reminders: Queue;

  beforeAll(async () => {
    t = await startTestApp({}, { workers: true });
    reminders = t.app.get<Queue>(getQueueToken(QueueName.Reminders));
  });
  afterAll(() => t.close());

  /** A published campaign reminding 1 minute ahead, and an event whose reminder is due soon. */
  async function eventDueIn(ms: number, capacity = 3) {
    const roles = await createCommunityWithRoles(t);
    const campaign = await createCampaign(t, roles.organizer, roles.community.id, {
      startsAt: new Date(Date.now() - 60_000).toISOString(),
      reminderOffsetsMinutes: [1],
    });
    const startsAt = new Date(Date.now() + 60_000 + ms);
    const event = await createEvent(t, roles.organizer, campaign.id, {
      capacity,
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 3 * 3600_000).toISOString(),
    });
    return { ...roles, campaign, event, startsAt };
  }

  /** Every reminder of the event, once the dispatch job ran and nothing is left to deliver. */
  async function remindedAfter(eventId: string, startsAt: Date) {
    const reached = await dispatched(t, reminderJobId(eventId, startsAt));
    await notificationsSettled(t);
    return { reached, sent: await remindersOf(t, eventId) };
  }

  it('reaches every GOING member once, and no one waitlisted or gone', async () => {
    const { event, startsAt } = await eventDueIn(LEAD_MS);
    const members = await insertMembers(t, 7);
    for (const member of members.slice(0, 6)) await joinEvent(t, member, event.id);
    const [leaver] = members.slice(6);
    await joinEvent(t, leaver, event.id);
    expectData(
      await t.gql(
        `mutation ($id: ID!) { leaveEvent(eventId: $id) { status } }`,
        { id: event.id },
        leaver.token,
      ),
    );
    // 3 seats: the first three are GOING; the leaver had no seat, so three stay WAITLISTED.
    const going = members.slice(0, 3).map((m) => m.id);

    const { reached, sent } = await remindedAfter(event.id, startsAt);
    expect(reached).toBe(3);
    expect(tally(sent.map((row) => row.member_id))).toEqual(onceEach(going));
    expect(sent[0].title).toMatch(/^In 1 minute: /);
    const due = startsAt.getTime() - 60_000;
    expect(sent.every((row) => row.created_at.getTime() >= due)).toBe(true);
  });

  it('sends nothing for a cancelled event', async () => {
    const { event, organizer, startsAt } = await eventDueIn(LEAD_MS);
    const [fan] = await insertMembers(t, 1);
    await joinEvent(t, fan, event.id);
    expectData(
      await t.gql(
        `mutation ($id: ID!) { cancelEvent(id: $id) { status } }`,
        { id: event.id },
        organizer.token,
      ),
    );
    expect(await remindedAfter(event.id, startsAt)).toEqual({ reached: 0, sent: [] });
  });

  it('delivers a moved event at its new time only, once', async () => {
    const { event, organizer, startsAt } = await eventDueIn(LEAD_MS);
    const fans: BulkMember[] = await insertMembers(t, 2);
    for (const fan of fans) await joinEvent(t, fan, event.id);
    const movedTo = new Date(startsAt.getTime() + 3000);
    expectData(
      await t.gql(
        `mutation ($id: ID!, $input: UpdateEventInput!) { updateEvent(id: $id, input: $input) { startsAt } }`,
        { id: event.id, input: { startsAt: movedTo.toISOString() } },
        organizer.token,
      ),
    );
    expect(await dispatched(t, reminderJobId(event.id, startsAt))).toBe(0);
    const { reached, sent } = await remindedAfter(event.id, movedTo);
    expect(reached).toBe(2);
    expect(tally(sent.map((row) => row.member_id))).toEqual(onceEach(fans.map((fan) => fan.id)));
    expect(sent.every((row) => row.created_at.getTime() >= movedTo.getTime() - 60_000)).toBe(true);
  });

  it('schedules no reminder whose time has already passed', async () => {
    const { event, startsAt } = await eventDueIn(-5000);
    const jobId = reminderJobId(event.id, startsAt);
    // The outbox first, then the queue: the relay adds a job before it deletes its row, so a
    // reminder on its way is seen by one read or the other.
    expect(await t.sql(`SELECT job_id FROM outbox WHERE job_id = $1`, [jobId])).toEqual([]);
    expect(await reminders.getJob(jobId)).toBeUndefined();
  });
});
