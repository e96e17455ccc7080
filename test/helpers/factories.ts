import { randomBytes } from 'node:crypto';
import { expectData } from './expectations.js';
import type { TestApp } from './test-app.js';

export const uniqueSuffix = () => randomBytes(4).toString('hex');

export interface TestMember {
  id: string;
  handle: string;
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
  t: TestApp,
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
    email: input.email,
    password: input.password,
    token: data.signUp.token,
  };
}

/** Creates a community owned by `owner` through the API. */
export async function createCommunity(
  t: TestApp,
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

export async function joinCommunity(t: TestApp, member: TestMember, slug: string): Promise<void> {
  expectData(
    await t.gql(
      `mutation ($slug: String!) { joinCommunity(slug: $slug) { role } }`,
      { slug },
      member.token,
    ),
  );
}

/** A community with an owner, an organizer and a plain member. */
export async function createCommunityWithRoles(t: TestApp) {
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
