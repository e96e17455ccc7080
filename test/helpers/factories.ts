import { randomBytes } from 'node:crypto';
import { expectData } from './expectations.js';
import type { GraphQLClient } from './test-app.js';

export const uniqueSuffix = () => randomBytes(4).toString('hex');

export interface TestMember {
  id: string;
  handle: string;
  displayName: string;
  email: string;
  password: string;
  token: string;
}

export interface TestCommunity {
  id: string;
  slug: string;
  name: string;
  hashtag: string;
}

/** Signs a new member up through the API and returns them with their token. */
export async function createMember(
  t: GraphQLClient,
  overrides: Partial<{ email: string; handle: string; displayName: string; timezone: string }> = {},
): Promise<TestMember> {
  const suffix = uniqueSuffix();
  const input = {
    email: `fan-${suffix}@example.com`,
    handle: `fan_${suffix}`,
    displayName: `Fan ${suffix}`,
    password: 'battle-angel-1',
    ...overrides,
  };
  const data = expectData(
    await t.gql<{ signUp: { token: string; viewer: { member: { id: string } } } }>(
      `mutation ($input: SignUpInput!) { signUp(input: $input) { token viewer { member { id } } } }`,
      { input },
    ),
  );
  return {
    id: data.signUp.viewer.member.id,
    handle: input.handle,
    displayName: input.displayName,
    email: input.email,
    password: input.password,
    token: data.signUp.token,
  };
}

/** Creates a community owned by `owner` through the API. */
export async function createCommunity(
  t: GraphQLClient,
  owner: TestMember,
  overrides: Partial<{ slug: string; name: string; hashtag: string; description: string }> = {},
): Promise<TestCommunity> {
  const suffix = uniqueSuffix();
  const input = {
    slug: `fans-${suffix}`,
    name: `Fans ${suffix}`,
    hashtag: 'AlitaArmy',
    ...overrides,
  };
  const data = expectData(
    await t.gql<{ createCommunity: TestCommunity }>(
      `mutation ($input: CreateCommunityInput!) {
        createCommunity(input: $input) { id slug name hashtag }
      }`,
      { input },
      owner.token,
    ),
  );
  return data.createCommunity;
}

export async function joinCommunity(
  t: GraphQLClient,
  member: TestMember,
  slug: string,
): Promise<void> {
  expectData(
    await t.gql(
      `mutation ($slug: String!) { joinCommunity(slug: $slug) { role } }`,
      { slug },
      member.token,
    ),
  );
}

/** A community with an owner, an organizer and a plain member. */
export async function createCommunityWithRoles(t: GraphQLClient) {
  const owner = await createMember(t);
  const organizer = await createMember(t);
  const member = await createMember(t);
  const community = await createCommunity(t, owner);
  await joinCommunity(t, organizer, community.slug);
  await joinCommunity(t, member, community.slug);
  expectData(
    await t.gql(
      `mutation ($c: ID!, $m: ID!) { setMemberRole(communityId: $c, memberId: $m, role: ORGANIZER) { role } }`,
      { c: community.id, m: organizer.id },
      owner.token,
    ),
  );
  return { community, owner, organizer, member };
}

export interface TestCampaign {
  id: string;
  status: string;
  startsAt: string;
  endsAt: string;
}

export interface TestEvent {
  id: string;
  capacity: number | null;
  checkInCode: string | null;
}

const HOUR = 60 * 60 * 1000;
export const inHours = (hours: number) => new Date(Date.now() + hours * HOUR).toISOString();

/** Creates a campaign through the API (DRAFT unless publish is set), by an organizer. */
export async function createCampaign(
  t: GraphQLClient,
  organizer: TestMember,
  communityId: string,
  overrides: Record<string, unknown> & { publish?: boolean } = {},
): Promise<TestCampaign> {
  const { publish = true, ...fields } = overrides;
  const input = {
    communityId,
    kind: 'SCREENING_TOUR',
    title: 'Alita anniversary screenings',
    hashtags: ['AlitaArmy', 'AlitaChallenge'],
    startsAt: inHours(1),
    endsAt: inHours(24 * 30),
    ...fields,
  };
  const { createCampaign: campaign } = expectData(
    await t.gql<{ createCampaign: TestCampaign }>(
      `mutation ($input: CreateCampaignInput!) {
        createCampaign(input: $input) { id status startsAt endsAt }
      }`,
      { input },
      organizer.token,
    ),
  );
  if (!publish) return campaign;
  const { publishCampaign } = expectData(
    await t.gql<{ publishCampaign: TestCampaign }>(
      `mutation ($id: ID!) { publishCampaign(id: $id) { id status startsAt endsAt } }`,
      { id: campaign.id },
      organizer.token,
    ),
  );
  return publishCampaign;
}

/** Creates an event of a campaign through the API. */
export async function createEvent(
  t: GraphQLClient,
  organizer: TestMember,
  campaignId: string,
  overrides: Record<string, unknown> = {},
): Promise<TestEvent> {
  const input = {
    campaignId,
    kind: 'SCREENING',
    title: 'Alita: Battle Angel, anniversary screening',
    startsAt: inHours(48),
    endsAt: inHours(51),
    timezone: 'America/Los_Angeles',
    venue: {
      name: 'TCL Chinese Theatre',
      city: 'Los Angeles',
      country: 'US',
      latitude: 34.1022,
      longitude: -118.3409,
    },
    capacity: 50,
    ...overrides,
  };
  const { createEvent: event } = expectData(
    await t.gql<{ createEvent: TestEvent }>(
      `mutation ($input: CreateEventInput!) { createEvent(input: $input) { id capacity checkInCode } }`,
      { input },
      organizer.token,
    ),
  );
  return event;
}

/** A community with its roles and a published campaign with one event of the given capacity. */
export async function createEventWithRoles(
  t: GraphQLClient,
  eventOverrides: Record<string, unknown> = {},
) {
  const roles = await createCommunityWithRoles(t);
  const campaign = await createCampaign(t, roles.organizer, roles.community.id);
  const event = await createEvent(t, roles.organizer, campaign.id, eventOverrides);
  return { ...roles, campaign, event };
}

export async function joinEvent(t: GraphQLClient, member: { token: string }, eventId: string) {
  return expectData(
    await t.gql<{ joinEvent: { id: string; status: string; waitlistPosition: number | null } }>(
      `mutation ($id: ID!) { joinEvent(eventId: $id) { id status waitlistPosition } }`,
      { id: eventId },
      member.token,
    ),
  ).joinEvent;
}
