import { expectData, expectError } from './helpers/expectations.js';
import {
  createEventWithRoles,
  createMember,
  joinEvent,
  type TestMember,
} from './helpers/factories.js';
import { startTestApp, type TestApp } from './helpers/test-app.js';

const EVENT = `query ($id: ID!) {
  event(id: $id) {
    id status capacity goingCount waitlistCount spotsLeft checkInCode
    viewerParticipation { status waitlistPosition }
    campaign { id title community { slug } }
  }
}`;
const LEAVE = `mutation ($id: ID!) { leaveEvent(eventId: $id) { id status waitlistPosition } }`;

describe('RSVPs', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('seats members while spots are left, then waitlists them in order', async () => {
    const { event, organizer } = await createEventWithRoles(t, { capacity: 2 });
    const fans: TestMember[] = [];
    for (let i = 0; i < 4; i++) fans.push(await createMember(t));
    const joined = [];
    for (const fan of fans) joined.push(await joinEvent(t, fan, event.id));
    expect(joined.map((p) => [p.status, p.waitlistPosition])).toEqual([
      ['GOING', null],
      ['GOING', null],
      ['WAITLISTED', 1],
      ['WAITLISTED', 2],
    ]);
    const { event: seen } = expectData(await t.gql(EVENT, { id: event.id }, organizer.token));
    expect(seen).toMatchObject({ goingCount: 2, waitlistCount: 2, spotsLeft: 0 });
    expect(seen.checkInCode).toMatch(/^[A-Z2-9]{6}$/);
  });

  it('is idempotent, and joins the community first', async () => {
    const { event, community } = await createEventWithRoles(t, { capacity: 5 });
    const fan = await createMember(t);
    const first = await joinEvent(t, fan, event.id);
    const again = await joinEvent(t, fan, event.id);
    expect(again).toEqual(first);
    const { community: seen } = expectData(
      await t.gql(
        `query ($slug: String!) { community(slug: $slug) { viewerRole } }`,
        { slug: community.slug },
        fan.token,
      ),
    );
    expect(seen.viewerRole).toBe('MEMBER');
  });

  it('promotes the head of the waitlist when a going member leaves', async () => {
    const { event } = await createEventWithRoles(t, { capacity: 1 });
    const [a, b, c] = [await createMember(t), await createMember(t), await createMember(t)];
    await joinEvent(t, a, event.id);
    await joinEvent(t, b, event.id);
    await joinEvent(t, c, event.id);
    const left = expectData(await t.gql(LEAVE, { id: event.id }, a.token)).leaveEvent;
    expect(left.status).toBe('CANCELLED');
    const seenBy = async (who: TestMember) =>
      expectData(await t.gql(EVENT, { id: event.id }, who.token)).event;
    expect((await seenBy(b)).viewerParticipation).toEqual({
      status: 'GOING',
      waitlistPosition: null,
    });
    expect((await seenBy(c)).viewerParticipation).toEqual({
      status: 'WAITLISTED',
      waitlistPosition: 1,
    });
    expect(await seenBy(c)).toMatchObject({ goingCount: 1, waitlistCount: 1, spotsLeft: 0 });
    const again = expectData(await t.gql(LEAVE, { id: event.id }, a.token)).leaveEvent;
    expect(again).toEqual(left);
  });

  it('lets a member who left join again at the back of the line', async () => {
    const { event } = await createEventWithRoles(t, { capacity: 1 });
    const [a, b] = [await createMember(t), await createMember(t)];
    await joinEvent(t, a, event.id);
    expectData(await t.gql(LEAVE, { id: event.id }, a.token));
    await joinEvent(t, b, event.id);
    expect(await joinEvent(t, a, event.id)).toMatchObject({
      status: 'WAITLISTED',
      waitlistPosition: 1,
    });
  });

  it("answers a join or leave with the event's counts after it", async () => {
    const { event } = await createEventWithRoles(t, { capacity: 5 });
    const fan = await createMember(t);
    const counts = `{ status event { goingCount waitlistCount spotsLeft } }`;
    const joined = expectData(
      await t.gql(
        `mutation ($id: ID!) { joinEvent(eventId: $id) ${counts} }`,
        { id: event.id },
        fan.token,
      ),
    ).joinEvent;
    expect(joined.event).toEqual({ goingCount: 1, waitlistCount: 0, spotsLeft: 4 });
    const left = expectData(
      await t.gql(
        `mutation ($id: ID!) { leaveEvent(eventId: $id) ${counts} }`,
        { id: event.id },
        fan.token,
      ),
    ).leaveEvent;
    expect(left.event).toEqual({ goingCount: 0, waitlistCount: 0, spotsLeft: 5 });
  });

  it('refuses leaving an event never joined with NOT_FOUND', async () => {
    const { event } = await createEventWithRoles(t);
    const fan = await createMember(t);
    expectError(await t.gql(LEAVE, { id: event.id }, fan.token), 'NOT_FOUND');
  });

  it('refuses joining a cancelled event with CONFLICT', async () => {
    const { event, organizer } = await createEventWithRoles(t);
    expectData(
      await t.gql(
        `mutation ($id: ID!) { cancelEvent(id: $id, reason: "Venue flooded") { status } }`,
        { id: event.id },
        organizer.token,
      ),
    );
    const fan = await createMember(t);
    expectError(
      await t.gql(
        `mutation ($id: ID!) { joinEvent(eventId: $id) { status } }`,
        { id: event.id },
        fan.token,
      ),
      'CONFLICT',
    );
  });

  it('never waitlists on an unlimited event', async () => {
    const { event } = await createEventWithRoles(t, { capacity: null });
    const fans = await Promise.all(Array.from({ length: 20 }, () => createMember(t)));
    const joined = await Promise.all(fans.map((fan) => joinEvent(t, fan, event.id)));
    expect(new Set(joined.map((p) => p.status))).toEqual(new Set(['GOING']));
    const { event: seen } = expectData(await t.gql(EVENT, { id: event.id }, fans[0].token));
    expect(seen).toMatchObject({
      capacity: null,
      goingCount: 20,
      waitlistCount: 0,
      spotsLeft: null,
    });
  });
});
