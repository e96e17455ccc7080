import { expectData, expectRefused } from './helpers/expectations.js';
import {
  createCampaign,
  createCommunityWithRoles,
  createEvent,
  createMember,
  joinEvent,
  type TestMember,
} from './helpers/factories.js';
import { startTestApp, type TestApp } from './helpers/test-app.js';

const SET_CAPACITY = `mutation ($id: ID!, $capacity: Int) {
  updateEvent(id: $id, input: { capacity: $capacity }) {
    capacity goingCount waitlistCount spotsLeft
  }
}`;
const VIEWER_PARTICIPATION = `query ($id: ID!) {
  event(id: $id) { viewerParticipation { status waitlistPosition } }
}`;

/**
 * An organizer raising, lowering, adding and removing an event's capacity through the API:
 * the counts, who is seated and in what order, and who is told of a seat (WAITLIST_PROMOTED
 * in the outbox, which no relay empties here).
 */
describe("changing an event's capacity", () => {
  let t: TestApp;
  let organizer: TestMember;
  let campaignId: string;

  beforeAll(async () => {
    t = await startTestApp();
    const roles = await createCommunityWithRoles(t);
    organizer = roles.organizer;
    campaignId = (await createCampaign(t, organizer, roles.community.id)).id;
  });
  afterAll(() => t.close());

  /** An event of this capacity that `count` new members joined, in that order. */
  async function eventJoinedBy(capacity: number | null, count: number) {
    const event = await createEvent(t, organizer, campaignId, { capacity });
    const fans: TestMember[] = [];
    for (let i = 0; i < count; i++) {
      const fan = await createMember(t);
      await joinEvent(t, fan, event.id);
      fans.push(fan);
    }
    return { eventId: event.id, fans };
  }

  const setCapacity = async (eventId: string, capacity: number | null) =>
    expectData(await t.gql(SET_CAPACITY, { id: eventId, capacity }, organizer.token)).updateEvent;

  /** Each participant's status, in join order. */
  const statuses = async (eventId: string) =>
    (
      await t.sql<{ member_id: string; status: string }>(
        'SELECT member_id, status FROM participations WHERE event_id = $1 ORDER BY join_seq',
        [eventId],
      )
    ).map((row) => [row.member_id, row.status]);

  /** The members told they got a seat of the event, sorted. */
  const toldPromoted = async (eventId: string) =>
    (
      await t.sql<{ member: string }>(
        `SELECT data->'memberIds'->>0 AS member FROM outbox
          WHERE data->>'kind' = 'WAITLIST_PROMOTED' AND data->>'eventId' = $1 ORDER BY 1`,
        [eventId],
      )
    ).map((row) => row.member);

  const seenBy = async (fan: TestMember, eventId: string) =>
    expectData(await t.gql(VIEWER_PARTICIPATION, { id: eventId }, fan.token)).event
      .viewerParticipation;

  it('raised: seats the head of the waitlist in join order and tells them', async () => {
    const { eventId, fans } = await eventJoinedBy(2, 5);
    const [a, b, c, d, e] = fans;
    expect(await setCapacity(eventId, 4)).toEqual({
      capacity: 4,
      goingCount: 4,
      waitlistCount: 1,
      spotsLeft: 0,
    });
    expect(await statuses(eventId)).toEqual([
      [a.id, 'GOING'],
      [b.id, 'GOING'],
      [c.id, 'GOING'],
      [d.id, 'GOING'],
      [e.id, 'WAITLISTED'],
    ]);
    expect(await toldPromoted(eventId)).toEqual([c.id, d.id].sort());
    expect(await seenBy(e, eventId)).toEqual({ status: 'WAITLISTED', waitlistPosition: 1 });
  });

  it('lowered down to the going count: keeps every seat, and the next member waits', async () => {
    const { eventId, fans } = await eventJoinedBy(5, 3);
    expect(await setCapacity(eventId, 3)).toEqual({
      capacity: 3,
      goingCount: 3,
      waitlistCount: 0,
      spotsLeft: 0,
    });
    expect((await statuses(eventId)).map(([, status]) => status)).toEqual([
      'GOING',
      'GOING',
      'GOING',
    ]);
    const late = await createMember(t);
    expect(await joinEvent(t, late, eventId)).toMatchObject({
      status: 'WAITLISTED',
      waitlistPosition: 1,
    });
    expect(await seenBy(fans[2], eventId)).toEqual({ status: 'GOING', waitlistPosition: null });
  });

  it('lowered below the going count: CONFLICT naming capacity, and nothing written', async () => {
    const { eventId } = await eventJoinedBy(5, 3);
    await expectRefused(
      t,
      () => t.gql(SET_CAPACITY, { id: eventId, capacity: 2 }, organizer.token),
      'CONFLICT',
      ['capacity'],
    );
  });

  it('added to an unlimited event: counts who is going, and the next member waits', async () => {
    const { eventId } = await eventJoinedBy(null, 3);
    expect(await setCapacity(eventId, 3)).toEqual({
      capacity: 3,
      goingCount: 3,
      waitlistCount: 0,
      spotsLeft: 0,
    });
    const late = await createMember(t);
    expect(await joinEvent(t, late, eventId)).toMatchObject({
      status: 'WAITLISTED',
      waitlistPosition: 1,
    });
  });

  it('added below the going count of an unlimited event: CONFLICT naming capacity, and nothing written', async () => {
    const { eventId } = await eventJoinedBy(null, 3);
    await expectRefused(
      t,
      () => t.gql(SET_CAPACITY, { id: eventId, capacity: 2 }, organizer.token),
      'CONFLICT',
      ['capacity'],
    );
  });

  it('removed: seats the whole waitlist in join order and tells each', async () => {
    const { eventId, fans } = await eventJoinedBy(1, 3);
    const [a, b, c] = fans;
    expect(await setCapacity(eventId, null)).toEqual({
      capacity: null,
      goingCount: 3,
      waitlistCount: 0,
      spotsLeft: null,
    });
    expect(await statuses(eventId)).toEqual([
      [a.id, 'GOING'],
      [b.id, 'GOING'],
      [c.id, 'GOING'],
    ]);
    expect(await toldPromoted(eventId)).toEqual([b.id, c.id].sort());
    expect(await seenBy(c, eventId)).toEqual({ status: 'GOING', waitlistPosition: null });
    const late = await createMember(t);
    expect((await joinEvent(t, late, eventId)).status).toBe('GOING');
  });
});
