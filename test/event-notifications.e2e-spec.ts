import { insertMembers } from './helpers/bulk-members.js';
import { eventually } from './helpers/eventually.js';
import { expectData } from './helpers/expectations.js';
import { createEvent, createEventWithRoles, inHours, joinEvent } from './helpers/factories.js';
import { startTestApp, type TestApp } from './helpers/test-app.js';

describe('notifications of event changes', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({}, { workers: true });
  });
  afterAll(() => t.close());

  const received = (eventId: string, kind: string) =>
    t.sql<{ member_id: string; title: string; body: string }>(
      `SELECT member_id, title, body FROM notifications WHERE event_id = $1 AND kind = $2`,
      [eventId, kind],
    );

  /** Waits until `count` notifications of a kind exist for the event, then returns who got them. */
  const receivedBy = async (eventId: string, kind: string, count: number) => {
    const rows = await eventually(
      async () => {
        const found = await received(eventId, kind);
        return found.length >= count ? found : undefined;
      },
      { what: `${count} ${kind} notifications` },
    );
    return rows.map((row) => row.member_id).sort();
  };

  /** Waits until the outbox is empty and no job is waiting or running in this app's queues. */
  const settled = () =>
    eventually(
      async () => {
        const [{ count }] = await t.sql<{ count: number }>(
          'SELECT count(*)::int AS count FROM outbox',
        );
        return count === 0 ? true : undefined;
      },
      { what: 'the outbox to drain' },
    );

  it('tells everyone still in line that the event moved, once', async () => {
    const { event, organizer } = await createEventWithRoles(t, { capacity: 2 });
    const [a, b, c, gone] = await insertMembers(t, 4);
    for (const member of [a, b, c, gone]) await joinEvent(t, member, event.id);
    expectData(
      await t.gql(
        `mutation ($id: ID!) { leaveEvent(eventId: $id) { status } }`,
        { id: event.id },
        gone.token,
      ),
    );
    const input = { startsAt: inHours(49), endsAt: inHours(52) };
    const move = `mutation ($id: ID!, $input: UpdateEventInput!) { updateEvent(id: $id, input: $input) { id } }`;
    expectData(await t.gql(move, { id: event.id, input }, organizer.token));
    expectData(await t.gql(move, { id: event.id, input }, organizer.token));

    expect(await receivedBy(event.id, 'EVENT_CHANGED', 3)).toEqual([a.id, b.id, c.id].sort());
    await settled();
    expect(await received(event.id, 'EVENT_CHANGED')).toHaveLength(3);
    const [{ body }] = await received(event.id, 'EVENT_CHANGED');
    expect(body).toMatch(/now starts/);
  });

  it('tells the participants of a cancelled event, with the reason', async () => {
    const { event, organizer } = await createEventWithRoles(t, { capacity: 1 });
    const [a, b] = await insertMembers(t, 2);
    await joinEvent(t, a, event.id);
    await joinEvent(t, b, event.id);
    expectData(
      await t.gql(
        `mutation ($id: ID!) { cancelEvent(id: $id, reason: "The projector broke.") { status } }`,
        { id: event.id },
        organizer.token,
      ),
    );
    expect(await receivedBy(event.id, 'EVENT_CANCELLED', 2)).toEqual([a.id, b.id].sort());
    const [{ body }] = await received(event.id, 'EVENT_CANCELLED');
    expect(body).toMatch(/is cancelled\. The projector broke\.$/);
  });

  it('tells the participants of every event of a cancelled campaign', async () => {
    const { event, campaign, organizer } = await createEventWithRoles(t);
    const second = await createEvent(t, organizer, campaign.id, {
      startsAt: inHours(72),
      endsAt: inHours(75),
    });
    const [a, b] = await insertMembers(t, 2);
    await joinEvent(t, a, event.id);
    await joinEvent(t, b, second.id);
    expectData(
      await t.gql(
        `mutation ($id: ID!) { cancelCampaign(id: $id) { status } }`,
        { id: campaign.id },
        organizer.token,
      ),
    );
    expect(await receivedBy(event.id, 'EVENT_CANCELLED', 1)).toEqual([a.id]);
    expect(await receivedBy(second.id, 'EVENT_CANCELLED', 1)).toEqual([b.id]);
  });

  it('tells a member promoted from the waitlist, once per promotion', async () => {
    const { event, organizer } = await createEventWithRoles(t, { capacity: 1 });
    const [seated, first, second] = await insertMembers(t, 3);
    for (const member of [seated, first, second]) await joinEvent(t, member, event.id);
    expectData(
      await t.gql(
        `mutation ($id: ID!) { leaveEvent(eventId: $id) { status } }`,
        { id: event.id },
        seated.token,
      ),
    );
    expect(await receivedBy(event.id, 'WAITLIST_PROMOTED', 1)).toEqual([first.id]);
    expectData(
      await t.gql(
        `mutation ($id: ID!) { updateEvent(id: $id, input: { capacity: 2 }) { id } }`,
        { id: event.id },
        organizer.token,
      ),
    );
    expect(await receivedBy(event.id, 'WAITLIST_PROMOTED', 2)).toEqual(
      [first.id, second.id].sort(),
    );
    await settled();
    const [{ title }] = await received(event.id, 'WAITLIST_PROMOTED');
    expect(title).toMatch(/^You're in: /);
  });
});
