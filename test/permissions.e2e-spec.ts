import { randomUUID } from 'node:crypto';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { getNamedType, isInputObjectType, type GraphQLInputType } from 'graphql';
import { expectData, expectError } from './helpers/expectations.js';
import {
  createCampaign,
  createCommunity,
  createCommunityWithRoles,
  createEvent,
  createMember,
  inHours,
  joinCommunity,
  joinEvent,
  uniqueSuffix,
  type TestCampaign,
  type TestCommunity,
  type TestEvent,
  type TestMember,
} from './helpers/factories.js';
import { startTestApp, type GraphQLResponse, type TestApp } from './helpers/test-app.js';

/**
 * Who may do what: every mutation of the schema, and every query field that takes an ID, by
 * every kind of caller (a test compares the rows with the running schema, so a new field
 * without a row fails). Each row builds its own community, campaign and event, so rows never
 * depend on each other.
 */

const ACTORS = [
  'signed out',
  'a non-member',
  'a member',
  'an organizer of another community',
  'an organizer',
  'the owner',
] as const;
type Actor = (typeof ACTORS)[number];
type Outcome = 'OK' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT';

/** The mutations aimed at a campaign or an event: on a draft, as if it did not exist to those who may not see it. */
const AIMED = [
  'updateCampaign',
  'publishCampaign',
  'cancelCampaign',
  'createEvent',
  'updateEvent',
  'cancelEvent',
  'joinEvent',
  'leaveEvent',
  'checkIn',
  'checkInMember',
  'reportPost',
  'announce',
] as const;

const MUTATIONS = [
  'createCampaign',
  ...AIMED,
  'leaveEvent (never joined)',
  'reportPost (not participating)',
  'signUp',
  'logIn',
  'updateProfile',
  'markNotificationsRead',
  'createCommunity',
  'joinCommunity',
  'leaveCommunity',
  'setMemberRole',
] as const;
type Mutation = (typeof MUTATIONS)[number];

/** The schema field a row exercises: 'leaveEvent (never joined)' is a row of leaveEvent. */
const fieldOf = (row: string) => row.split(' ')[0];

/** Organizers and the owner only; everyone else signed in is refused. */
const ORGANIZERS_ONLY: Outcome[] = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'FORBIDDEN',
  'FORBIDDEN',
  'OK',
  'OK',
];
/** Anyone signed in. */
const SIGNED_IN: Outcome[] = ['UNAUTHENTICATED', 'OK', 'OK', 'OK', 'OK', 'OK'];

/**
 * The rules, on a PUBLISHED campaign and its event, in the order of ACTORS:
 * signed out, non-member, member, other community's organizer, organizer, owner.
 */
const EXPECTED: Record<Mutation, Outcome[]> = {
  createCampaign: ORGANIZERS_ONLY,
  updateCampaign: ORGANIZERS_ONLY,
  // Organizers publish a DRAFT (a real change); the others try a published one.
  publishCampaign: ORGANIZERS_ONLY,
  cancelCampaign: ORGANIZERS_ONLY,
  createEvent: ORGANIZERS_ONLY,
  updateEvent: ORGANIZERS_ONLY,
  cancelEvent: ORGANIZERS_ONLY,
  // Joins the community first when needed.
  joinEvent: SIGNED_IN,
  // After joining the event.
  leaveEvent: SIGNED_IN,
  'leaveEvent (never joined)': [
    'UNAUTHENTICATED',
    'NOT_FOUND',
    'NOT_FOUND',
    'NOT_FOUND',
    'NOT_FOUND',
    'NOT_FOUND',
  ],
  // After joining the event, with its code, while check-in is open.
  checkIn: SIGNED_IN,
  // Of the community's plain member, who is GOING.
  checkInMember: ORGANIZERS_ONLY,
  // After joining one of the campaign's events.
  reportPost: SIGNED_IN,
  'reportPost (not participating)': [
    'UNAUTHENTICATED',
    'FORBIDDEN',
    'FORBIDDEN',
    'FORBIDDEN',
    'FORBIDDEN',
    'FORBIDDEN',
  ],
  announce: ORGANIZERS_ONLY,
  // Anyone, signed in or not, may open an account or log in (here: as the community's member).
  signUp: ['OK', 'OK', 'OK', 'OK', 'OK', 'OK'],
  logIn: ['OK', 'OK', 'OK', 'OK', 'OK', 'OK'],
  // Of the caller's own profile and notifications (another member's stay as they are).
  updateProfile: SIGNED_IN,
  markNotificationsRead: SIGNED_IN,
  createCommunity: SIGNED_IN,
  joinCommunity: SIGNED_IN,
  // Answers false to a caller who was not in; the owner is the last OWNER.
  leaveCommunity: ['UNAUTHENTICATED', 'OK', 'OK', 'OK', 'OK', 'CONFLICT'],
  // Makes the community's plain member an ORGANIZER.
  setMemberRole: ['UNAUTHENTICATED', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'OK'],
};

/** What a mutation is aimed at: real ids of the fixture, or ids that name nothing. */
type Target = {
  communityId: string;
  campaignId: string;
  eventId: string;
};

interface Fixture {
  community: TestCommunity;
  owner: TestMember;
  organizer: TestMember;
  member: TestMember;
  campaign: TestCampaign;
  /** Starts within the hour, so self check-in is open. */
  event: TestEvent & { checkInCode: string };
  actor: Actor;
  /** The caller; null when signed out. */
  who: TestMember | null;
}

interface MutationSpec {
  /** What the caller must have done first, before the state is captured. */
  setUp?(f: Fixture): Promise<void>;
  send(f: Fixture, target: Target): Promise<GraphQLResponse>;
  /** Asserts, from the response and the database, that the write happened. */
  wrote(f: Fixture, data: Record<string, any>): Promise<void>;
  /** Allowed callers act on a DRAFT, so that publishing is a real change. */
  onDraftWhenAllowed?: boolean;
}

const CAMPAIGN = `query ($campaignId: ID!) { campaign(id: $campaignId) { id status title } }`;
const EVENT = `query ($eventId: ID!) { event(id: $eventId) { id title campaign { id status } } }`;

/**
 * The query fields that take an ID, each as a document on a fixture's Target, and what it
 * answers about a draft campaign to a caller who may not see it (as about an unknown id).
 */
const ID_QUERIES = {
  campaign: { document: CAMPAIGN, hidden: { campaign: null } },
  event: { document: EVENT, hidden: { event: null } },
  events: {
    document: `query ($campaignId: ID!) {
      events(filter: { campaignId: $campaignId }) { totalCount edges { node { id } } }
    }`,
    hidden: { events: { totalCount: 0, edges: [] } },
  },
};
type IdQuery = keyof typeof ID_QUERIES;

/** Whether an argument of this type carries an ID, itself or in a field of an input. */
function takesId(type: GraphQLInputType, seen = new Set<string>()): boolean {
  const named = getNamedType(type);
  if (named.name === 'ID') return true;
  if (!isInputObjectType(named) || seen.has(named.name)) return false;
  seen.add(named.name);
  return Object.values(named.getFields()).some((field) => takesId(field.type, seen));
}

describe('permissions', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const one = async (text: string, values: unknown[]) => {
    const rows = await t.sql(text, values);
    expect(rows).toHaveLength(1);
    return rows[0];
  };

  /** Owns the other communities whose organizers call in; never a caller itself. */
  let elsewhereOwner: TestMember;
  beforeAll(async () => {
    elsewhereOwner = await createMember(t);
  });

  /** A fresh caller from outside the fixture's community, made alongside it. */
  async function strangerFor(actor: Actor): Promise<TestMember | null> {
    if (actor === 'a non-member') return createMember(t);
    if (actor !== 'an organizer of another community') return null;
    const [stranger, elsewhere] = await Promise.all([
      createMember(t),
      createCommunity(t, elsewhereOwner),
    ]);
    await joinCommunity(t, stranger, elsewhere.slug);
    expectData(
      await t.gql(
        `mutation ($c: ID!, $m: ID!) { setMemberRole(communityId: $c, memberId: $m, role: ORGANIZER) { role } }`,
        { c: elsewhere.id, m: stranger.id },
        elsewhereOwner.token,
      ),
    );
    return stranger;
  }

  /** A fresh community with its roles, a campaign (published unless draft) and one event. */
  async function fixture(actor: Actor, { draft = false } = {}): Promise<Fixture> {
    const [roles, stranger] = await Promise.all([createCommunityWithRoles(t), strangerFor(actor)]);
    const campaign = await createCampaign(t, roles.organizer, roles.community.id, {
      startsAt: inHours(0.25),
      publish: !draft,
    });
    const event = await createEvent(t, roles.organizer, campaign.id, {
      startsAt: inHours(0.5),
      endsAt: inHours(2.5),
    });
    expect(event.checkInCode).toMatch(/^[A-Z2-9]{6}$/);
    const callers: Record<Actor, TestMember | null> = {
      'signed out': null,
      'a non-member': stranger,
      'a member': roles.member,
      'an organizer of another community': stranger,
      'an organizer': roles.organizer,
      'the owner': roles.owner,
    };
    return { ...roles, campaign, event: event as Fixture['event'], actor, who: callers[actor] };
  }

  const targetOf = (f: Fixture): Target => ({
    communityId: f.community.id,
    campaignId: f.campaign.id,
    eventId: f.event.id,
  });
  const unknownTarget = (f: Fixture): Target => ({
    communityId: f.community.id,
    campaignId: randomUUID(),
    eventId: randomUUID(),
  });

  /** Every row a mutation of this fixture could write. */
  async function stateOf(f: Fixture) {
    const c = [f.community.id];
    return {
      campaigns: await t.sql('SELECT * FROM campaigns WHERE community_id = $1 ORDER BY id', c),
      events: await t.sql(
        `SELECT e.* FROM events e JOIN campaigns c ON c.id = e.campaign_id
          WHERE c.community_id = $1 ORDER BY e.id`,
        c,
      ),
      participations: await t.sql(
        `SELECT p.* FROM participations p JOIN events e ON e.id = p.event_id
           JOIN campaigns c ON c.id = e.campaign_id
          WHERE c.community_id = $1 ORDER BY p.id`,
        c,
      ),
      postReports: await t.sql(
        `SELECT r.* FROM post_reports r JOIN campaigns c ON c.id = r.campaign_id
          WHERE c.community_id = $1 ORDER BY r.id`,
        c,
      ),
      memberships: await t.sql(
        'SELECT * FROM memberships WHERE community_id = $1 ORDER BY member_id',
        c,
      ),
      announcements: await t.sql(
        `SELECT a.* FROM announcements a JOIN campaigns c ON c.id = a.campaign_id
          WHERE c.community_id = $1 ORDER BY a.id`,
        c,
      ),
      notifications: await t.sql(
        'SELECT * FROM notifications WHERE delivery_key LIKE $1 ORDER BY id',
        [`${noticePrefix(f)}%`],
      ),
    };
  }

  /** The delivery keys of the notifications a fixture's rows insert start with this. */
  const noticePrefix = (f: Fixture) => `permissions-${f.community.id}-`;

  /** Inserts an unread notification for a member; returns its id. */
  const noticeFor = async (f: Fixture, member: TestMember) =>
    (
      await one(
        `INSERT INTO notifications (member_id, kind, title, body, delivery_key)
         VALUES ($1, 'ANNOUNCEMENT', 'Hello', 'Hello', $2) RETURNING id`,
        [member.id, `${noticePrefix(f)}${member.id}`],
      )
    ).id as string;

  const readAtOf = async (f: Fixture, member: TestMember) =>
    (
      await one('SELECT read_at FROM notifications WHERE delivery_key = $1', [
        `${noticePrefix(f)}${member.id}`,
      ])
    ).read_at as Date | null;

  const roleIn = async (communityId: string, member: TestMember) =>
    (
      await t.sql('SELECT role FROM memberships WHERE community_id = $1 AND member_id = $2', [
        communityId,
        member.id,
      ])
    )[0]?.role as string | undefined;

  /** The role each caller holds in the fixture's community before the row runs. */
  const ROLE_BEFORE: Partial<Record<Actor, string>> = {
    'a member': 'MEMBER',
    'an organizer': 'ORGANIZER',
    'the owner': 'OWNER',
  };

  const participationOf = (f: Fixture, member: TestMember) =>
    one('SELECT status, checked_in_at FROM participations WHERE event_id = $1 AND member_id = $2', [
      f.event.id,
      member.id,
    ]);

  /** The caller joins the fixture's event (GOING: it has room). */
  const callerJoins = async (f: Fixture) => {
    if (f.who) expect(await joinEvent(t, f.who, f.event.id)).toMatchObject({ status: 'GOING' });
  };

  const PARTICIPATION = 'id status checkedInAt member { id } event { id }';

  const SPECS: Record<Mutation, MutationSpec> = {
    createCampaign: {
      send: (f, target) =>
        t.gql(
          `mutation ($input: CreateCampaignInput!) {
            createCampaign(input: $input) { id status title community { id } createdBy { id } }
          }`,
          {
            input: {
              communityId: target.communityId,
              kind: 'HASHTAG_PUSH',
              title: 'Second campaign',
              startsAt: inHours(24),
              endsAt: inHours(48),
            },
          },
          f.who?.token,
        ),
      async wrote(f, { createCampaign: created }) {
        expect(created).toMatchObject({
          status: 'DRAFT',
          title: 'Second campaign',
          community: { id: f.community.id },
          createdBy: { id: f.who!.id },
        });
        expect(
          await one('SELECT community_id, created_by, status FROM campaigns WHERE id = $1', [
            created.id,
          ]),
        ).toEqual({ community_id: f.community.id, created_by: f.who!.id, status: 'DRAFT' });
      },
    },

    updateCampaign: {
      send: (f, target) =>
        t.gql(
          `mutation ($id: ID!, $input: UpdateCampaignInput!) {
            updateCampaign(id: $id, input: $input) { id title }
          }`,
          { id: target.campaignId, input: { title: 'Renamed campaign' } },
          f.who?.token,
        ),
      async wrote(f, { updateCampaign: updated }) {
        expect(updated).toEqual({ id: f.campaign.id, title: 'Renamed campaign' });
        expect(await one('SELECT title FROM campaigns WHERE id = $1', [f.campaign.id])).toEqual({
          title: 'Renamed campaign',
        });
      },
    },

    publishCampaign: {
      onDraftWhenAllowed: true,
      send: (f, target) =>
        t.gql(
          `mutation ($id: ID!) { publishCampaign(id: $id) { id status } }`,
          { id: target.campaignId },
          f.who?.token,
        ),
      async wrote(f, { publishCampaign: published }) {
        expect(published).toEqual({ id: f.campaign.id, status: 'SCHEDULED' });
        expect(await one('SELECT status FROM campaigns WHERE id = $1', [f.campaign.id])).toEqual({
          status: 'SCHEDULED',
        });
      },
    },

    cancelCampaign: {
      send: (f, target) =>
        t.gql(
          `mutation ($id: ID!) { cancelCampaign(id: $id, reason: "Venue lost") { id status } }`,
          { id: target.campaignId },
          f.who?.token,
        ),
      async wrote(f, { cancelCampaign: cancelled }) {
        expect(cancelled).toEqual({ id: f.campaign.id, status: 'CANCELLED' });
        expect(
          await one('SELECT status, cancel_reason FROM campaigns WHERE id = $1', [f.campaign.id]),
        ).toEqual({ status: 'CANCELLED', cancel_reason: 'Venue lost' });
        expect(await one('SELECT status FROM events WHERE id = $1', [f.event.id])).toEqual({
          status: 'CANCELLED',
        });
      },
    },

    createEvent: {
      send: (f, target) =>
        t.gql(
          `mutation ($input: CreateEventInput!) {
            createEvent(input: $input) { id title campaign { id } }
          }`,
          {
            input: {
              campaignId: target.campaignId,
              kind: 'WATCH_PARTY',
              title: 'Online watch party',
              startsAt: inHours(3),
              endsAt: inHours(5),
              timezone: 'Europe/Paris',
              onlineUrl: 'https://watch.example.com/alita',
            },
          },
          f.who?.token,
        ),
      async wrote(f, { createEvent: created }) {
        expect(created).toMatchObject({
          title: 'Online watch party',
          campaign: { id: f.campaign.id },
        });
        expect(
          await one('SELECT campaign_id, title FROM events WHERE id = $1', [created.id]),
        ).toEqual({ campaign_id: f.campaign.id, title: 'Online watch party' });
      },
    },

    updateEvent: {
      send: (f, target) =>
        t.gql(
          `mutation ($id: ID!, $input: UpdateEventInput!) {
            updateEvent(id: $id, input: $input) { id title }
          }`,
          { id: target.eventId, input: { title: 'Renamed screening' } },
          f.who?.token,
        ),
      async wrote(f, { updateEvent: updated }) {
        expect(updated).toEqual({ id: f.event.id, title: 'Renamed screening' });
        expect(await one('SELECT title FROM events WHERE id = $1', [f.event.id])).toEqual({
          title: 'Renamed screening',
        });
      },
    },

    cancelEvent: {
      send: (f, target) =>
        t.gql(
          `mutation ($id: ID!) { cancelEvent(id: $id, reason: "Projector broke") { id status } }`,
          { id: target.eventId },
          f.who?.token,
        ),
      async wrote(f, { cancelEvent: cancelled }) {
        expect(cancelled).toEqual({ id: f.event.id, status: 'CANCELLED' });
        expect(
          await one('SELECT status, cancel_reason FROM events WHERE id = $1', [f.event.id]),
        ).toEqual({ status: 'CANCELLED', cancel_reason: 'Projector broke' });
      },
    },

    joinEvent: {
      send: (f, target) =>
        t.gql(
          `mutation ($id: ID!) { joinEvent(eventId: $id) { ${PARTICIPATION} } }`,
          { id: target.eventId },
          f.who?.token,
        ),
      async wrote(f, { joinEvent: joined }) {
        expect(joined).toMatchObject({
          status: 'GOING',
          member: { id: f.who!.id },
          event: { id: f.event.id },
        });
        expect(await participationOf(f, f.who!)).toEqual({ status: 'GOING', checked_in_at: null });
        // Joined the community as a MEMBER when not in it yet.
        expect(await roleIn(f.community.id, f.who!)).toBe(ROLE_BEFORE[f.actor] ?? 'MEMBER');
      },
    },

    leaveEvent: {
      setUp: callerJoins,
      send: (f, target) =>
        t.gql(
          `mutation ($id: ID!) { leaveEvent(eventId: $id) { ${PARTICIPATION} } }`,
          { id: target.eventId },
          f.who?.token,
        ),
      async wrote(f, { leaveEvent: left }) {
        expect(left).toMatchObject({ status: 'CANCELLED', member: { id: f.who!.id } });
        expect(await participationOf(f, f.who!)).toEqual({
          status: 'CANCELLED',
          checked_in_at: null,
        });
      },
    },

    'leaveEvent (never joined)': {
      send: (f, target) =>
        t.gql(
          `mutation ($id: ID!) { leaveEvent(eventId: $id) { ${PARTICIPATION} } }`,
          { id: target.eventId },
          f.who?.token,
        ),
      wrote: () => Promise.reject(new Error('never succeeds')),
    },

    checkIn: {
      setUp: callerJoins,
      send: (f, target) =>
        t.gql(
          `mutation ($id: ID!, $code: String!) { checkIn(eventId: $id, code: $code) { ${PARTICIPATION} } }`,
          { id: target.eventId, code: f.event.checkInCode },
          f.who?.token,
        ),
      async wrote(f, { checkIn: checkedIn }) {
        expect(checkedIn).toMatchObject({
          status: 'CHECKED_IN',
          checkedInAt: expect.any(String),
          member: { id: f.who!.id },
        });
        expect(await participationOf(f, f.who!)).toEqual({
          status: 'CHECKED_IN',
          checked_in_at: expect.any(Date),
        });
      },
    },

    checkInMember: {
      // The community's plain member is GOING; the caller checks them in.
      async setUp(f) {
        await joinEvent(t, f.member, f.event.id);
      },
      send: (f, target) =>
        t.gql(
          `mutation ($id: ID!, $member: ID!) {
            checkInMember(eventId: $id, memberId: $member) { ${PARTICIPATION} }
          }`,
          { id: target.eventId, member: f.member.id },
          f.who?.token,
        ),
      async wrote(f, { checkInMember: checkedIn }) {
        expect(checkedIn).toMatchObject({
          status: 'CHECKED_IN',
          checkedInAt: expect.any(String),
          member: { id: f.member.id },
        });
        expect(await participationOf(f, f.member)).toEqual({
          status: 'CHECKED_IN',
          checked_in_at: expect.any(Date),
        });
      },
    },

    reportPost: {
      setUp: callerJoins,
      send: (f, target) => reportPost(f, target),
      async wrote(f, { reportPost: report }) {
        expect(report).toMatchObject({
          campaign: { id: f.campaign.id },
          member: { id: f.who!.id },
        });
        expect(
          await one('SELECT campaign_id, member_id, platform FROM post_reports WHERE id = $1', [
            report.id,
          ]),
        ).toEqual({ campaign_id: f.campaign.id, member_id: f.who!.id, platform: 'BLUESKY' });
      },
    },

    'reportPost (not participating)': {
      send: (f, target) => reportPost(f, target),
      wrote: () => Promise.reject(new Error('never succeeds')),
    },

    announce: {
      send: (f, target) =>
        t.gql(
          `mutation ($input: AnnounceInput!) {
            announce(input: $input) { id message author { id } campaign { id } }
          }`,
          { input: { campaignId: target.campaignId, message: 'Doors open at seven' } },
          f.who?.token,
        ),
      async wrote(f, { announce: announced }) {
        expect(announced).toMatchObject({
          message: 'Doors open at seven',
          author: { id: f.who!.id },
          campaign: { id: f.campaign.id },
        });
        expect(
          await one('SELECT campaign_id, message FROM announcements WHERE id = $1', [announced.id]),
        ).toEqual({ campaign_id: f.campaign.id, message: 'Doors open at seven' });
      },
    },

    signUp: {
      send: (f) => {
        const suffix = uniqueSuffix();
        return t.gql(
          `mutation ($input: SignUpInput!) { signUp(input: $input) { viewer { member { id handle } } } }`,
          {
            input: {
              email: `new-${suffix}@example.com`,
              handle: `new_${suffix}`,
              displayName: 'New fan',
              password: 'correct horse battery staple',
            },
          },
          f.who?.token,
        );
      },
      async wrote(_f, { signUp }) {
        const { id, handle } = signUp.viewer.member;
        expect(await one('SELECT handle FROM members WHERE id = $1', [id])).toEqual({ handle });
      },
    },

    logIn: {
      send: (f) =>
        t.gql(
          `mutation ($input: LogInInput!) { logIn(input: $input) { token viewer { member { id } } } }`,
          { input: { email: f.member.email, password: f.member.password } },
          f.who?.token,
        ),
      async wrote(f, { logIn }) {
        expect(logIn.viewer.member.id).toBe(f.member.id);
        const me = await t.gql(`{ me { member { id } } }`, {}, logIn.token);
        expect(expectData(me)).toEqual({ me: { member: { id: f.member.id } } });
      },
    },

    updateProfile: {
      send: (f) =>
        t.gql(
          `mutation ($input: UpdateProfileInput!) { updateProfile(input: $input) { member { id displayName } } }`,
          { input: { displayName: 'Renamed fan' } },
          f.who?.token,
        ),
      async wrote(f, { updateProfile }) {
        expect(updateProfile.member).toEqual({ id: f.who!.id, displayName: 'Renamed fan' });
        expect(await one('SELECT display_name FROM members WHERE id = $1', [f.who!.id])).toEqual({
          display_name: 'Renamed fan',
        });
      },
    },

    markNotificationsRead: {
      // One for the caller and one for the community's member; the caller names both.
      async setUp(f) {
        await noticeFor(f, f.member);
        if (f.who && f.who.id !== f.member.id) await noticeFor(f, f.who);
      },
      send: async (f) =>
        t.gql(
          `mutation ($ids: [ID!]!) { markNotificationsRead(ids: $ids) }`,
          {
            ids: (
              await t.sql('SELECT id FROM notifications WHERE delivery_key LIKE $1', [
                `${noticePrefix(f)}%`,
              ])
            ).map((row) => row.id as string),
          },
          f.who?.token,
        ),
      async wrote(f, { markNotificationsRead: marked }) {
        expect(marked).toBe(1);
        expect(await readAtOf(f, f.who!)).toEqual(expect.any(Date));
        if (f.who!.id !== f.member.id) expect(await readAtOf(f, f.member)).toBeNull();
      },
    },

    createCommunity: {
      send: (f) =>
        t.gql(
          `mutation ($input: CreateCommunityInput!) { createCommunity(input: $input) { id viewerRole } }`,
          {
            input: { slug: `more-${uniqueSuffix()}`, name: 'More fans', hashtag: 'AlitaArmy' },
          },
          f.who?.token,
        ),
      async wrote(f, { createCommunity: created }) {
        expect(created.viewerRole).toBe('OWNER');
        expect(await roleIn(created.id, f.who!)).toBe('OWNER');
      },
    },

    joinCommunity: {
      send: (f) =>
        t.gql(
          `mutation ($slug: String!) { joinCommunity(slug: $slug) { role member { id } } }`,
          { slug: f.community.slug },
          f.who?.token,
        ),
      async wrote(f, { joinCommunity: joined }) {
        const role = ROLE_BEFORE[f.actor] ?? 'MEMBER';
        expect(joined).toEqual({ role, member: { id: f.who!.id } });
        expect(await roleIn(f.community.id, f.who!)).toBe(role);
      },
    },

    leaveCommunity: {
      send: (f) =>
        t.gql(
          `mutation ($slug: String!) { leaveCommunity(slug: $slug) }`,
          { slug: f.community.slug },
          f.who?.token,
        ),
      async wrote(f, { leaveCommunity: left }) {
        expect(left).toBe(f.actor in ROLE_BEFORE);
        expect(await roleIn(f.community.id, f.who!)).toBeUndefined();
      },
    },

    setMemberRole: {
      send: (f, target) =>
        t.gql(
          `mutation ($c: ID!, $m: ID!) {
            setMemberRole(communityId: $c, memberId: $m, role: ORGANIZER) { role member { id } }
          }`,
          { c: target.communityId, m: f.member.id },
          f.who?.token,
        ),
      async wrote(f, { setMemberRole: set }) {
        expect(set).toEqual({ role: 'ORGANIZER', member: { id: f.member.id } });
        expect(await roleIn(f.community.id, f.member)).toBe('ORGANIZER');
      },
    },
  };

  function reportPost(f: Fixture, target: Target) {
    return t.gql(
      `mutation ($input: ReportPostInput!) {
        reportPost(input: $input) { id url campaign { id } member { id } }
      }`,
      {
        input: {
          campaignId: target.campaignId,
          platform: 'BLUESKY',
          url: `https://bsky.app/profile/fan/post/${uniqueSuffix()}`,
        },
      },
      f.who?.token,
    );
  }

  it('has rows for every mutation and every query field taking an ID of the running schema', () => {
    const { schema } = t.app.get(GraphQLSchemaHost);
    const idQueries = Object.values(schema.getQueryType()!.getFields())
      .filter((field) => field.args.some((arg) => takesId(arg.type)))
      .map((field) => field.name);
    expect({
      mutations: [...new Set(MUTATIONS.map(fieldOf))].sort(),
      idQueries: Object.keys(ID_QUERIES).sort(),
    }).toEqual({
      mutations: Object.keys(schema.getMutationType()!.getFields()).sort(),
      idQueries: idQueries.sort(),
    });
  });

  describe('on a published campaign and its event', () => {
    const rows = MUTATIONS.flatMap((mutation) =>
      ACTORS.map((actor, i) => [mutation, actor, EXPECTED[mutation][i]] as const),
    );

    it.each(rows)('%s by %s: %s', async (mutation, actor, expected) => {
      const spec = SPECS[mutation];
      const f = await fixture(actor, { draft: !!spec.onDraftWhenAllowed && expected === 'OK' });
      await spec.setUp?.(f);
      const before = await stateOf(f);
      const response = await spec.send(f, targetOf(f));
      if (expected === 'OK') {
        await spec.wrote(f, expectData<Record<string, any>>(response));
      } else {
        expectError(response, expected);
        expect(response.data ?? null).toBeNull();
        expect(await stateOf(f)).toEqual(before);
      }
    });
  });

  describe('on a DRAFT campaign and its event', () => {
    const HIDDEN_FROM = ACTORS.filter((a) => a !== 'an organizer' && a !== 'the owner');
    const queryRows = HIDDEN_FROM.flatMap((actor) =>
      (Object.keys(ID_QUERIES) as IdQuery[]).map((query) => [query, actor] as const),
    );

    it.each(queryRows)('%s by %s: hidden, exactly as for an unknown id', async (query, actor) => {
      const { document, hidden } = ID_QUERIES[query];
      const f = await fixture(actor, { draft: true });
      const token = f.who?.token;
      const onDraft = await t.gql(document, targetOf(f), token);
      expect(expectData(onDraft)).toEqual(hidden);
      expect(onDraft).toEqual(await t.gql(document, unknownTarget(f), token));
    });

    it.each(['an organizer', 'the owner'] as const)(
      'is visible to %s: campaign(id) and event(id) return it',
      async (actor) => {
        const f = await fixture(actor, { draft: true });
        expect(expectData(await t.gql(CAMPAIGN, targetOf(f), f.who!.token))).toEqual({
          campaign: { id: f.campaign.id, status: 'DRAFT', title: expect.any(String) },
        });
        expect(expectData(await t.gql(EVENT, targetOf(f), f.who!.token))).toEqual({
          event: {
            id: f.event.id,
            title: expect.any(String),
            campaign: { id: f.campaign.id, status: 'DRAFT' },
          },
        });
      },
    );

    const hiddenRows = AIMED.flatMap((mutation) =>
      HIDDEN_FROM.map(
        (actor) =>
          [mutation, actor, actor === 'signed out' ? 'UNAUTHENTICATED' : 'NOT_FOUND'] as const,
      ),
    );

    it.each(hiddenRows)(
      '%s by %s: %s, exactly as for an unknown id',
      async (mutation, actor, expected) => {
        const spec = SPECS[mutation];
        const f = await fixture(actor, { draft: true });
        const before = await stateOf(f);
        const onDraft = await spec.send(f, targetOf(f));
        expectError(onDraft, expected);
        const onUnknown = await spec.send(f, unknownTarget(f));
        expect(onDraft).toEqual(onUnknown);
        expect(await stateOf(f)).toEqual(before);
      },
    );

    const ORGANIZER_MUTATIONS = [
      'updateCampaign',
      'publishCampaign',
      'cancelCampaign',
      'createEvent',
      'updateEvent',
      'cancelEvent',
    ] as const;
    const organizerRows = ORGANIZER_MUTATIONS.flatMap((mutation) =>
      (['an organizer', 'the owner'] as const).map((actor) => [mutation, actor] as const),
    );

    it.each(organizerRows)('%s by %s: OK', async (mutation, actor) => {
      const spec = SPECS[mutation];
      const f = await fixture(actor, { draft: true });
      await spec.wrote(f, expectData<Record<string, any>>(await spec.send(f, targetOf(f))));
    });
  });
});
