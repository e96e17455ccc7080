import { expectData, expectError } from './helpers/expectations.js';
import {
  createEventWithRoles,
  createMember,
  inHours,
  joinEvent,
  type TestEvent,
  type TestMember,
} from './helpers/factories.js';
import { startTestApp, type TestApp } from './helpers/test-app.js';

const CHECK_IN = `mutation ($id: ID!, $code: String!) { checkIn(eventId: $id, code: $code) { status } }`;

/** An event whose check-in is open now, inside the campaign that createEventWithRoles makes. */
const openNow = () => ({ startsAt: inHours(1.5), endsAt: inHours(3) });

const wrongCodeOf = (event: TestEvent) => (event.checkInCode === 'ABCDEF' ? 'ABCDEG' : 'ABCDEF');

describe('check-in codes tried per member and event', () => {
  let t: TestApp;
  let event: TestEvent;

  const checkIn = (member: TestMember, code: string, at = event) =>
    t.gql(CHECK_IN, { id: at.id, code }, member.token);
  const statusOf = async (member: TestMember) =>
    (
      await t.sql('SELECT status FROM participations WHERE event_id = $1 AND member_id = $2', [
        event.id,
        member.id,
      ])
    )[0]?.status;

  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_CODE_TRIES_PER_MINUTE: '3' });
    ({ event } = await createEventWithRoles(t, openNow()));
  });
  afterAll(() => t?.close());

  it('refuses tries past the budget with RATE_LIMITED, the right code too, and checks nobody in', async () => {
    const [guesser, neighbour] = [await createMember(t), await createMember(t)];
    await joinEvent(t, guesser, event.id);
    await joinEvent(t, neighbour, event.id);
    for (let i = 0; i < 3; i++) {
      expectError(await checkIn(guesser, wrongCodeOf(event)), 'BAD_USER_INPUT', ['code']);
    }
    const limited = await checkIn(guesser, event.checkInCode!);
    expectError(limited, 'RATE_LIMITED');
    expect(limited.errors?.[0].extensions?.retryAfterSeconds).toBeGreaterThan(0);
    expect(await statusOf(guesser)).toBe('GOING');

    // The budget is the guesser's at this event: another member, from the same client, checks in.
    expect(expectData(await checkIn(neighbour, event.checkInCode!)).checkIn.status).toBe(
      'CHECKED_IN',
    );
  });

  it('refuses a member who did not join before comparing the code, and counts no try', async () => {
    const outsider = await createMember(t);
    for (let i = 0; i < 4; i++) {
      expectError(await checkIn(outsider, wrongCodeOf(event)), 'NOT_FOUND');
    }
    expectError(await checkIn(outsider, event.checkInCode!), 'NOT_FOUND');

    await joinEvent(t, outsider, event.id);
    expect(expectData(await checkIn(outsider, event.checkInCode!)).checkIn.status).toBe(
      'CHECKED_IN',
    );
  });

  it('refuses a waitlisted member before comparing the code', async () => {
    const { event: full } = await createEventWithRoles(t, { ...openNow(), capacity: 1 });
    const [seated, waiting] = [await createMember(t), await createMember(t)];
    await joinEvent(t, seated, full.id);
    expect((await joinEvent(t, waiting, full.id)).status).toBe('WAITLISTED');
    expectError(await checkIn(waiting, wrongCodeOf(full), full), 'CONFLICT');
    expectError(await checkIn(waiting, full.checkInCode!, full), 'CONFLICT');
  });
});

describe('check-ins per client', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_CHECK_IN_PER_MINUTE: '4' });
  });
  afterAll(() => t?.close());

  it('refuses check-ins past the client budget with RATE_LIMITED, whoever sends them', async () => {
    const { event } = await createEventWithRoles(t, openNow());
    const members = [];
    for (let i = 0; i < 5; i++) {
      const member = await createMember(t);
      await joinEvent(t, member, event.id);
      members.push(member);
    }
    const codes = [];
    for (const member of members) {
      const response = await t.gql(
        CHECK_IN,
        { id: event.id, code: event.checkInCode },
        member.token,
      );
      codes.push(response.errors?.[0]?.extensions?.code ?? response.data?.checkIn.status);
    }
    expect(codes).toEqual(['CHECKED_IN', 'CHECKED_IN', 'CHECKED_IN', 'CHECKED_IN', 'RATE_LIMITED']);
  });
});
