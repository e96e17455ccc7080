import { expectData, expectError } from './helpers/expectations.js';
import {
  createCampaign,
  createCommunityWithRoles,
  createEvent,
  createMember,
  inHours,
  joinEvent,
  uniqueSuffix,
  type TestMember,
} from './helpers/factories.js';
import { startTestApp, type TestApp } from './helpers/test-app.js';

const LOCAL_TIME = `query ($id: ID!, $zone: String) {
  event(id: $id) { startsAt timezone startsAtLocal zoned: startsAtLocal(timezone: $zone) }
}`;
const CHECK_IN_CODE = `query ($id: ID!) { event(id: $id) { id checkInCode } }`;
const PARTICIPANTS = `query ($id: ID!, $status: ParticipationStatus, $first: Int, $after: String) {
  event(id: $id) {
    participants(status: $status, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node { status member { id } event { id } } }
    }
  }
}`;
const MY_PARTICIPATIONS = `query ($upcomingOnly: Boolean, $first: Int, $after: String) {
  me {
    participations(upcomingOnly: $upcomingOnly, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { status waitlistPosition member { id } event { id startsAt } } }
    }
  }
}`;
const MY_DEFAULT_PARTICIPATIONS = `query {
  me { participations { totalCount edges { node { status event { id } } } } }
}`;
const CHECK_IN = `mutation ($id: ID!, $code: String!) {
  checkIn(eventId: $id, code: $code) { id status checkedInAt waitlistPosition member { id } event { id } }
}`;
const CHECK_IN_MEMBER = `mutation ($id: ID!, $member: ID!) {
  checkInMember(eventId: $id, memberId: $member) { id status checkedInAt member { id } }
}`;
const LEAVE = `mutation ($id: ID!) { leaveEvent(eventId: $id) { status } }`;
const REPORT = `mutation ($input: ReportPostInput!) {
  reportPost(input: $input) { id platform url createdAt member { id handle } campaign { id } }
}`;
const POSTS = `query ($id: ID!, $first: Int, $after: String) {
  campaign(id: $id) {
    posts(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id platform url createdAt member { id handle } campaign { id } } }
    }
  }
}`;

describe('event details', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  /** A community with its roles and a published campaign that started a day ago. */
  async function setUp(campaign: Record<string, unknown> = {}) {
    const roles = await createCommunityWithRoles(t);
    const published = await createCampaign(t, roles.organizer, roles.community.id, {
      startsAt: inHours(-24),
      endsAt: inHours(24 * 30),
      ...campaign,
    });
    const event = (overrides: Record<string, unknown> = {}) =>
      createEvent(t, roles.organizer, published.id, overrides);
    return { ...roles, campaign: published, event };
  }

  /** Moves an event's times (as the clock would), where the API rightly refuses to. */
  const moveEvent = (id: string, startsInHours: number, endsInHours: number) =>
    t.sql(`UPDATE events SET starts_at = $2, ends_at = $3 WHERE id = $1`, [
      id,
      inHours(startsInHours),
      inHours(endsInHours),
    ]);

  describe('startsAtLocal', () => {
    const valentines = {
      startsAt: '2027-02-14T19:30:00Z',
      endsAt: '2027-02-14T22:00:00Z',
      timezone: 'America/Los_Angeles',
    };
    const campaignWindow = {
      startsAt: '2027-02-01T00:00:00Z',
      endsAt: '2027-03-01T00:00:00Z',
    };

    it("renders the event's zone when signed out, as in the contract's example", async () => {
      const { event } = await setUp(campaignWindow);
      const screening = await event(valentines);
      const { event: seen } = expectData(await t.gql(LOCAL_TIME, { id: screening.id }));
      expect(Date.parse(seen.startsAt)).toBe(Date.parse('2027-02-14T19:30:00Z'));
      expect(seen.timezone).toBe('America/Los_Angeles');
      expect(seen.startsAtLocal).toBe('2027-02-14T11:30:00-08:00');
    });

    it("renders the viewer's own zone by default when signed in", async () => {
      const { event } = await setUp(campaignWindow);
      const screening = await event(valentines);
      const tokyo = await createMember(t, { timezone: 'Asia/Tokyo' });
      const { event: seen } = expectData(
        await t.gql(LOCAL_TIME, { id: screening.id }, tokyo.token),
      );
      expect(seen.startsAtLocal).toBe('2027-02-15T04:30:00+09:00');

      // A member who never chose a zone is in UTC.
      const utc = await createMember(t);
      const { event: inUtc } = expectData(await t.gql(LOCAL_TIME, { id: screening.id }, utc.token));
      expect(inUtc.startsAtLocal).toMatch(/^2027-02-14T19:30:00(Z|\+00:00)$/);

      // Changing one's zone changes the default.
      expectData(
        await t.gql(
          `mutation { updateProfile(input: { timezone: "Asia/Kathmandu" }) { member { timezone } } }`,
          {},
          utc.token,
        ),
      );
      const { event: inKathmandu } = expectData(
        await t.gql(LOCAL_TIME, { id: screening.id }, utc.token),
      );
      expect(inKathmandu.startsAtLocal).toBe('2027-02-15T01:15:00+05:45');
    });

    it('renders an explicit zone over both the viewer and the event', async () => {
      const { event } = await setUp(campaignWindow);
      const screening = await event(valentines);
      const tokyo = await createMember(t, { timezone: 'Asia/Tokyo' });
      const ask = async (zone: string, token?: string) =>
        expectData(await t.gql(LOCAL_TIME, { id: screening.id, zone }, token)).event.zoned;
      expect(await ask('America/Los_Angeles', tokyo.token)).toBe('2027-02-14T11:30:00-08:00');
      expect(await ask('Europe/Paris', tokyo.token)).toBe('2027-02-14T20:30:00+01:00');
      expect(await ask('Asia/Kolkata')).toBe('2027-02-15T01:00:00+05:30');
      expect(await ask('Asia/Tokyo')).toBe('2027-02-15T04:30:00+09:00');
    });

    it('refuses a zone that is not IANA with BAD_USER_INPUT on timezone', async () => {
      const { event } = await setUp(campaignWindow);
      const screening = await event(valentines);
      expectError(
        await t.gql(LOCAL_TIME, { id: screening.id, zone: 'Mars/Olympus' }),
        'BAD_USER_INPUT',
        ['timezone'],
      );
    });
  });

  describe('checkInCode', () => {
    it('is readable by organizers and the owner only', async () => {
      const { owner, organizer, member, event } = await setUp();
      const screening = await event();
      expect(screening.checkInCode).toMatch(/^[A-Z2-9]{6}$/);
      const participant = await createMember(t);
      await joinEvent(t, participant, screening.id);
      const stranger = await createMember(t);
      const codeSeenBy = async (who?: TestMember) => {
        const { event: seen } = expectData(
          await t.gql(CHECK_IN_CODE, { id: screening.id }, who?.token),
        );
        expect(seen.id).toBe(screening.id);
        return seen.checkInCode;
      };
      expect(await codeSeenBy(organizer)).toBe(screening.checkInCode);
      expect(await codeSeenBy(owner)).toBe(screening.checkInCode);
      expect(await codeSeenBy(member)).toBeNull();
      expect(await codeSeenBy(participant)).toBeNull();
      expect(await codeSeenBy(stranger)).toBeNull();
      expect(await codeSeenBy()).toBeNull();
    });
  });

  describe('participants', () => {
    /** Five fans in join order: GOING, CHECKED_IN, GOING, WAITLISTED, CANCELLED. */
    async function crowd() {
      const roles = await setUp();
      const screening = await roles.event({ capacity: 3 });
      const fans: TestMember[] = [];
      for (let i = 0; i < 5; i++) fans.push(await createMember(t));
      for (const fan of fans) await joinEvent(t, fan, screening.id);
      expectData(
        await t.gql(
          CHECK_IN_MEMBER,
          { id: screening.id, member: fans[1].id },
          roles.organizer.token,
        ),
      );
      expect(expectData(await t.gql(LEAVE, { id: screening.id }, fans[4].token))).toEqual({
        leaveEvent: { status: 'CANCELLED' },
      });
      return { ...roles, screening, fans };
    }

    const list = async (
      eventId: string,
      who: TestMember | undefined,
      args: { status?: string; first?: number; after?: string } = {},
    ) =>
      expectData(await t.gql(PARTICIPANTS, { id: eventId, ...args }, who?.token)).event
        .participants;

    const rows = (connection: any) =>
      connection.edges.map((edge: any) => [edge.node.member.id, edge.node.status]);

    it('shows organizers and the owner every status, in join order', async () => {
      const { screening, fans, organizer, owner } = await crowd();
      const everyone = [
        [fans[0].id, 'GOING'],
        [fans[1].id, 'CHECKED_IN'],
        [fans[2].id, 'GOING'],
        [fans[3].id, 'WAITLISTED'],
        [fans[4].id, 'CANCELLED'],
      ];
      for (const who of [organizer, owner]) {
        const all = await list(screening.id, who);
        expect(rows(all)).toEqual(everyone);
        expect(all.totalCount).toBe(5);
        expect(all.edges.every((edge: any) => edge.node.event.id === screening.id)).toBe(true);
      }
      expect(rows(await list(screening.id, organizer, { status: 'WAITLISTED' }))).toEqual([
        everyone[3],
      ]);
      expect(rows(await list(screening.id, organizer, { status: 'CANCELLED' }))).toEqual([
        everyone[4],
      ]);
      const going = await list(screening.id, owner, { status: 'GOING' });
      expect(rows(going)).toEqual([everyone[0], everyone[2]]);
      expect(going.totalCount).toBe(2);
    });

    it('shows members only those going or checked in', async () => {
      const { screening, fans, member } = await crowd();
      const attending = [
        [fans[0].id, 'GOING'],
        [fans[1].id, 'CHECKED_IN'],
        [fans[2].id, 'GOING'],
      ];
      for (const who of [member, fans[0], fans[3]]) {
        const seen = await list(screening.id, who);
        expect(rows(seen)).toEqual(attending);
        expect(seen.totalCount).toBe(3);
      }
      expect(rows(await list(screening.id, member, { status: 'CHECKED_IN' }))).toEqual([
        attending[1],
      ]);
      const signedOut = await list(screening.id, undefined);
      expect(
        signedOut.edges.filter((edge: any) => !['GOING', 'CHECKED_IN'].includes(edge.node.status)),
      ).toEqual([]);
    });

    it('refuses members asking for waitlisted or cancelled participants with FORBIDDEN', async () => {
      const { screening, member, fans } = await crowd();
      for (const status of ['WAITLISTED', 'CANCELLED']) {
        for (const who of [member, fans[3]]) {
          expectError(
            await t.gql(PARTICIPANTS, { id: screening.id, status }, who.token),
            'FORBIDDEN',
          );
        }
      }
    });

    it('pages through in join order', async () => {
      const { screening, fans, organizer } = await crowd();
      const seen: string[] = [];
      const sizes: number[] = [];
      let after: string | undefined;
      do {
        const page = await list(screening.id, organizer, { first: 2, ...(after && { after }) });
        expect(page.totalCount).toBe(5);
        expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
        sizes.push(page.edges.length);
        seen.push(...page.edges.map((edge: any) => edge.node.member.id));
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : undefined;
      } while (after);
      expect(sizes).toEqual([2, 2, 1]);
      expect(seen).toEqual(fans.map((fan) => fan.id));
    });
  });

  describe('Viewer.participations', () => {
    it("lists the viewer's participations that are not cancelled, soonest first", async () => {
      const { event, organizer } = await setUp({ startsAt: inHours(-72) });
      const fan = await createMember(t);
      const later = await event({ startsAt: inHours(48), endsAt: inHours(50) });
      const soon = await event({ startsAt: inHours(5), endsAt: inHours(7) });
      const ended = await event({ startsAt: inHours(10), endsAt: inHours(12) });
      const running = await event({ startsAt: inHours(11), endsAt: inHours(13) });
      const left = await event({ startsAt: inHours(24), endsAt: inHours(26) });
      const full = await event({ startsAt: inHours(30), endsAt: inHours(32), capacity: 1 });
      const notMine = await event({ startsAt: inHours(6), endsAt: inHours(8) });
      await joinEvent(t, organizer, full.id);
      for (const joined of [later, soon, ended, running, left, full]) {
        await joinEvent(t, fan, joined.id);
      }
      await joinEvent(t, organizer, notMine.id);
      expectData(await t.gql(LEAVE, { id: left.id }, fan.token));
      // Time passes: one event is over, another has begun.
      await moveEvent(ended.id, -48, -46);
      await moveEvent(running.id, -1, 2);

      const mine = async (args: Record<string, unknown>) =>
        expectData(await t.gql(MY_PARTICIPATIONS, args, fan.token)).me.participations;
      const rows = (connection: any) =>
        connection.edges.map((edge: any) => [
          edge.node.event.id,
          edge.node.status,
          edge.node.waitlistPosition,
        ]);

      const upcoming = await mine({ upcomingOnly: true });
      expect(rows(upcoming)).toEqual([
        [running.id, 'GOING', null],
        [soon.id, 'GOING', null],
        [full.id, 'WAITLISTED', 1],
        [later.id, 'GOING', null],
      ]);
      expect(upcoming.totalCount).toBe(4);
      expect(upcoming.edges.every((edge: any) => edge.node.member.id === fan.id)).toBe(true);

      const everything = await mine({ upcomingOnly: false });
      expect(rows(everything).map(([id]: string[]) => id)).toEqual([
        ended.id,
        running.id,
        soon.id,
        full.id,
        later.id,
      ]);
      expect(everything.totalCount).toBe(5);

      // upcomingOnly defaults to true.
      const { me } = expectData(await t.gql(MY_DEFAULT_PARTICIPATIONS, {}, fan.token));
      expect(me.participations.edges.map((edge: any) => edge.node.event.id)).toEqual([
        running.id,
        soon.id,
        full.id,
        later.id,
      ]);

      const first = await mine({ upcomingOnly: false, first: 2 });
      expect(first.pageInfo.hasNextPage).toBe(true);
      const second = await mine({ upcomingOnly: false, first: 2, after: first.pageInfo.endCursor });
      const third = await mine({ upcomingOnly: false, first: 2, after: second.pageInfo.endCursor });
      expect(third.pageInfo.hasNextPage).toBe(false);
      expect([first, second, third].flatMap((page) => rows(page))).toEqual(rows(everything));
    });

    it('is empty for a member who joined nothing, and null when signed out', async () => {
      const fan = await createMember(t);
      const { me } = expectData(await t.gql(MY_PARTICIPATIONS, {}, fan.token));
      expect(me.participations).toEqual({
        totalCount: 0,
        pageInfo: { hasNextPage: false, endCursor: null },
        edges: [],
      });
      expect(expectData(await t.gql(MY_PARTICIPATIONS, {}))).toEqual({ me: null });
    });
  });

  describe('checkIn', () => {
    it('checks a going member in with the right code inside the window, idempotently', async () => {
      const { event } = await setUp();
      const screening = await event({ startsAt: inHours(1), endsAt: inHours(3) });
      const fan = await createMember(t);
      const joined = await joinEvent(t, fan, screening.id);
      const before = Date.now();
      const { checkIn } = expectData(
        await t.gql(CHECK_IN, { id: screening.id, code: screening.checkInCode }, fan.token),
      );
      expect(checkIn).toMatchObject({
        id: joined.id,
        status: 'CHECKED_IN',
        waitlistPosition: null,
        member: { id: fan.id },
        event: { id: screening.id },
      });
      const checkedInAt = Date.parse(checkIn.checkedInAt);
      expect(checkedInAt).toBeGreaterThanOrEqual(before - 5000);
      expect(checkedInAt).toBeLessThanOrEqual(Date.now() + 5000);

      const again = expectData(
        await t.gql(CHECK_IN, { id: screening.id, code: screening.checkInCode }, fan.token),
      ).checkIn;
      expect(again).toEqual(checkIn);

      const { event: seen } = expectData(
        await t.gql(
          `query ($id: ID!) { event(id: $id) { goingCount viewerParticipation { status checkedInAt } } }`,
          { id: screening.id },
          fan.token,
        ),
      );
      expect(seen).toEqual({
        goingCount: 1,
        viewerParticipation: { status: 'CHECKED_IN', checkedInAt: checkIn.checkedInAt },
      });
    });

    it('also opens for an event already under way', async () => {
      const { event } = await setUp();
      const screening = await event({ startsAt: inHours(-1), endsAt: inHours(1) });
      const fan = await createMember(t);
      await joinEvent(t, fan, screening.id);
      const { checkIn } = expectData(
        await t.gql(CHECK_IN, { id: screening.id, code: screening.checkInCode }, fan.token),
      );
      expect(checkIn.status).toBe('CHECKED_IN');
    });

    it('refuses a wrong code with BAD_USER_INPUT on code', async () => {
      const { event } = await setUp();
      const screening = await event({ startsAt: inHours(1), endsAt: inHours(3) });
      const fan = await createMember(t);
      await joinEvent(t, fan, screening.id);
      const wrong = screening.checkInCode === 'ABCDEF' ? 'ABCDEG' : 'ABCDEF';
      expectError(
        await t.gql(CHECK_IN, { id: screening.id, code: wrong }, fan.token),
        'BAD_USER_INPUT',
        ['code'],
      );
      const [row] = await t.sql(
        'SELECT status FROM participations WHERE event_id = $1 AND member_id = $2',
        [screening.id, fan.id],
      );
      expect(row.status).toBe('GOING');
    });

    it('refuses outside the window, 2 hours before the start until the end, with CONFLICT', async () => {
      const { event } = await setUp();
      const early = await event({ startsAt: inHours(3), endsAt: inHours(5) });
      const over = await event({ startsAt: inHours(4), endsAt: inHours(6) });
      const fan = await createMember(t);
      await joinEvent(t, fan, early.id);
      await joinEvent(t, fan, over.id);
      await moveEvent(over.id, -3, -1);
      for (const screening of [early, over]) {
        expectError(
          await t.gql(CHECK_IN, { id: screening.id, code: screening.checkInCode }, fan.token),
          'CONFLICT',
        );
      }
    });

    it('refuses a waitlisted member with CONFLICT', async () => {
      const { event } = await setUp();
      const screening = await event({ startsAt: inHours(1), endsAt: inHours(3), capacity: 1 });
      const [seated, waiting] = [await createMember(t), await createMember(t)];
      await joinEvent(t, seated, screening.id);
      expect((await joinEvent(t, waiting, screening.id)).status).toBe('WAITLISTED');
      expectError(
        await t.gql(CHECK_IN, { id: screening.id, code: screening.checkInCode }, waiting.token),
        'CONFLICT',
      );
    });

    it('refuses a member who never joined with NOT_FOUND', async () => {
      const { event } = await setUp();
      const screening = await event({ startsAt: inHours(1), endsAt: inHours(3) });
      const fan = await createMember(t);
      expectError(
        await t.gql(CHECK_IN, { id: screening.id, code: screening.checkInCode }, fan.token),
        'NOT_FOUND',
      );
    });

    it('refuses leaving once checked in with CONFLICT', async () => {
      const { event } = await setUp();
      const screening = await event({ startsAt: inHours(1), endsAt: inHours(3) });
      const fan = await createMember(t);
      await joinEvent(t, fan, screening.id);
      expectData(
        await t.gql(CHECK_IN, { id: screening.id, code: screening.checkInCode }, fan.token),
      );
      expectError(await t.gql(LEAVE, { id: screening.id }, fan.token), 'CONFLICT');
      const [row] = await t.sql(
        'SELECT status FROM participations WHERE event_id = $1 AND member_id = $2',
        [screening.id, fan.id],
      );
      expect(row.status).toBe('CHECKED_IN');
    });
  });

  describe('checkInMember', () => {
    it('lets an organizer check a going member in, at any time', async () => {
      const { event, organizer, owner } = await setUp();
      const screening = await event({ startsAt: inHours(48), endsAt: inHours(50) });
      const [a, b] = [await createMember(t), await createMember(t)];
      await joinEvent(t, a, screening.id);
      await joinEvent(t, b, screening.id);
      const { checkInMember } = expectData(
        await t.gql(CHECK_IN_MEMBER, { id: screening.id, member: a.id }, organizer.token),
      );
      expect(checkInMember).toMatchObject({ status: 'CHECKED_IN', member: { id: a.id } });
      expect(Date.parse(checkInMember.checkedInAt)).not.toBeNaN();
      const byOwner = expectData(
        await t.gql(CHECK_IN_MEMBER, { id: screening.id, member: b.id }, owner.token),
      ).checkInMember;
      expect(byOwner).toMatchObject({ status: 'CHECKED_IN', member: { id: b.id } });
      const again = expectData(
        await t.gql(CHECK_IN_MEMBER, { id: screening.id, member: a.id }, organizer.token),
      ).checkInMember;
      expect(again).toEqual(checkInMember);
    });

    it('refuses a member who never joined with NOT_FOUND on memberId', async () => {
      const { event, organizer, member } = await setUp();
      const screening = await event();
      expectError(
        await t.gql(CHECK_IN_MEMBER, { id: screening.id, member: member.id }, organizer.token),
        'NOT_FOUND',
        ['memberId'],
      );
      expectError(
        await t.gql(CHECK_IN_MEMBER, { id: screening.id, member: 'nobody' }, organizer.token),
        'NOT_FOUND',
        ['memberId'],
      );
    });

    it('refuses a plain member with FORBIDDEN', async () => {
      const { event, member } = await setUp();
      const screening = await event();
      const fan = await createMember(t);
      await joinEvent(t, fan, screening.id);
      expectError(
        await t.gql(CHECK_IN_MEMBER, { id: screening.id, member: fan.id }, member.token),
        'FORBIDDEN',
      );
    });
  });

  describe('reportPost', () => {
    it("adds a participant's posts to the campaign, newest first", async () => {
      const { event, campaign } = await setUp();
      const screening = await event();
      const fan = await createMember(t);
      await joinEvent(t, fan, screening.id);
      const suffix = uniqueSuffix();
      const report = async (platform: string, url: string) =>
        expectData(
          await t.gql(REPORT, { input: { campaignId: campaign.id, platform, url } }, fan.token),
        ).reportPost;
      const onX = await report('X', `https://x.com/fan/status/${suffix}1`);
      const onBluesky = await report(
        'BLUESKY',
        `https://bsky.app/profile/fan.bsky.social/post/${suffix}2`,
      );
      expect(onX).toMatchObject({
        platform: 'X',
        url: `https://x.com/fan/status/${suffix}1`,
        member: { id: fan.id, handle: fan.handle },
        campaign: { id: campaign.id },
      });

      const { campaign: seen } = expectData(await t.gql(POSTS, { id: campaign.id }));
      expect(seen.posts.totalCount).toBe(2);
      expect(seen.posts.edges.map((edge: any) => edge.node)).toEqual([onBluesky, onX]);
      expect(seen.posts.edges[0].node).toMatchObject({
        platform: 'BLUESKY',
        url: `https://bsky.app/profile/fan.bsky.social/post/${suffix}2`,
        member: { id: fan.id, handle: fan.handle },
      });

      const first = expectData(await t.gql(POSTS, { id: campaign.id, first: 1 })).campaign.posts;
      expect(first.edges.map((edge: any) => edge.node.id)).toEqual([onBluesky.id]);
      expect(first.pageInfo.hasNextPage).toBe(true);
      const second = expectData(
        await t.gql(POSTS, { id: campaign.id, first: 1, after: first.pageInfo.endCursor }),
      ).campaign.posts;
      expect(second.edges.map((edge: any) => edge.node.id)).toEqual([onX.id]);
      expect(second.pageInfo.hasNextPage).toBe(false);
    });

    it('accepts a checked-in participant and refuses a second report of one URL', async () => {
      const { event, campaign, organizer } = await setUp();
      const screening = await event();
      const fan = await createMember(t);
      await joinEvent(t, fan, screening.id);
      expectData(
        await t.gql(CHECK_IN_MEMBER, { id: screening.id, member: fan.id }, organizer.token),
      );
      const input = {
        campaignId: campaign.id,
        platform: 'MASTODON',
        url: `https://mastodon.social/@fan/${uniqueSuffix()}`,
      };
      expect(expectData(await t.gql(REPORT, { input }, fan.token)).reportPost.platform).toBe(
        'MASTODON',
      );
      expectError(await t.gql(REPORT, { input }, fan.token), 'CONFLICT', ['url']);
    });

    it('refuses anyone who is not a participant with FORBIDDEN', async () => {
      const { event, campaign, member } = await setUp();
      const screening = await event();
      const stranger = await createMember(t);
      const quitter = await createMember(t);
      await joinEvent(t, quitter, screening.id);
      expectData(await t.gql(LEAVE, { id: screening.id }, quitter.token));
      for (const who of [member, stranger, quitter]) {
        const input = {
          campaignId: campaign.id,
          platform: 'X',
          url: `https://x.com/${who.handle}/status/${uniqueSuffix()}`,
        };
        expectError(await t.gql(REPORT, { input }, who.token), 'FORBIDDEN');
      }
      const input = { campaignId: campaign.id, platform: 'X', url: 'https://x.com/a/status/1' };
      expectError(await t.gql(REPORT, { input }), 'UNAUTHENTICATED');
      expect(expectData(await t.gql(POSTS, { id: campaign.id })).campaign.posts.totalCount).toBe(0);
    });
  });
});
