import pg from 'pg';
import { insertMembers, type BulkMember } from './helpers/bulk-members.js';
import { expectData, expectError } from './helpers/expectations.js';
import {
  createCommunity,
  createCommunityWithRoles,
  createMember,
  joinCommunity,
  uniqueSuffix,
  type TestMember,
} from './helpers/factories.js';
import { startTestApp, type TestApp } from './helpers/test-app.js';

const CREATE = `mutation ($input: CreateCommunityInput!) {
  createCommunity(input: $input) { id slug name description hashtag memberCount viewerRole createdAt }
}`;
const JOIN = `mutation ($slug: String!) { joinCommunity(slug: $slug) { role joinedAt member { id } community { slug } } }`;
const LEAVE = `mutation ($slug: String!) { leaveCommunity(slug: $slug) }`;
const SET_ROLE = `mutation ($c: ID!, $m: ID!, $role: CommunityRole!) {
  setMemberRole(communityId: $c, memberId: $m, role: $role) { role member { id } }
}`;
const COMMUNITY = `query ($slug: String!) { community(slug: $slug) { slug memberCount viewerRole } }`;
const MEMBERS = `query ($slug: String!, $role: CommunityRole, $first: Int, $after: String) {
  community(slug: $slug) {
    members(role: $role, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node { role member { id handle } community { slug } } }
    }
  }
}`;
const SEARCH = `query ($search: String, $first: Int, $after: String) {
  communities(search: $search, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { slug name } }
  }
}`;

describe('communities', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const countRows = async (table: string) =>
    Number((await t.sql(`SELECT count(*) FROM ${table}`))[0].count);
  const roleOf = async (communityId: string, memberId: string) =>
    (
      await t.sql('SELECT role FROM memberships WHERE community_id = $1 AND member_id = $2', [
        communityId,
        memberId,
      ])
    )[0]?.role as string | undefined;

  describe('createCommunity', () => {
    it('creates the community with its creator as OWNER', async () => {
      const owner = await createMember(t);
      const slug = `alita-army-${uniqueSuffix()}`;
      const { createCommunity } = expectData(
        await t.gql(
          CREATE,
          {
            input: {
              slug,
              name: ' Alita Army ',
              hashtag: 'AlitaArmy',
              description: 'Sequel now',
            },
          },
          owner.token,
        ),
      );
      expect(createCommunity).toMatchObject({
        slug,
        name: 'Alita Army',
        description: 'Sequel now',
        hashtag: 'AlitaArmy',
        memberCount: 1,
        viewerRole: 'OWNER',
      });
      expect(await roleOf(createCommunity.id, owner.id)).toBe('OWNER');
    });

    it('accepts hashtags in any script', async () => {
      const owner = await createMember(t);
      const community = await createCommunity(t, owner, { hashtag: 'アリータ_2' });
      expect(community.hashtag).toBe('アリータ_2');
    });

    it.each([
      ['slug', { slug: 'ab' }],
      ['slug', { slug: 'Alita-Army' }],
      ['slug', { slug: 'alita army' }],
      ['slug', { slug: 'a'.repeat(51) }],
      ['name', { name: '  ' }],
      ['name', { name: 'n'.repeat(101) }],
      ['description', { description: 'd'.repeat(2001) }],
      ['hashtag', { hashtag: '#AlitaArmy' }],
      ['hashtag', { hashtag: 'Alita Army' }],
      ['hashtag', { hashtag: 'A' }],
      ['hashtag', { hashtag: 'h'.repeat(101) }],
    ])('refuses a bad %s (%p) with BAD_USER_INPUT and writes nothing', async (field, overrides) => {
      const owner = await createMember(t);
      const before = [await countRows('communities'), await countRows('memberships')];
      const input = {
        slug: `ok-${uniqueSuffix()}`,
        name: 'Ok',
        hashtag: 'AlitaArmy',
        ...overrides,
      };
      expectError(await t.gql(CREATE, { input }, owner.token), 'BAD_USER_INPUT', [field]);
      expect([await countRows('communities'), await countRows('memberships')]).toEqual(before);
    });

    it('refuses a taken slug with CONFLICT naming slug', async () => {
      const owner = await createMember(t);
      const community = await createCommunity(t, owner);
      const before = await countRows('memberships');
      expectError(
        await t.gql(
          CREATE,
          { input: { slug: community.slug, name: 'Copy', hashtag: 'Copy' } },
          owner.token,
        ),
        'CONFLICT',
        ['slug'],
      );
      expect(await countRows('memberships')).toBe(before);
    });

    it('refuses a signed-out caller with UNAUTHENTICATED', async () => {
      const input = { slug: `anon-${uniqueSuffix()}`, name: 'Anon', hashtag: 'Anon' };
      expectError(await t.gql(CREATE, { input }), 'UNAUTHENTICATED');
    });
  });

  describe('community and communities', () => {
    it('returns null for an unknown slug', async () => {
      expect(
        expectData(await t.gql(COMMUNITY, { slug: 'no-such-community' })).community,
      ).toBeNull();
    });

    it('shows memberCount to anyone and viewerRole only to the signed-in', async () => {
      const { community, owner, organizer, member } = await createCommunityWithRoles(t);
      const outsider = await createMember(t);
      const seen = async (who?: TestMember) =>
        expectData(await t.gql(COMMUNITY, { slug: community.slug }, who?.token)).community;
      expect(await seen()).toEqual({ slug: community.slug, memberCount: 3, viewerRole: null });
      expect((await seen(owner)).viewerRole).toBe('OWNER');
      expect((await seen(organizer)).viewerRole).toBe('ORGANIZER');
      expect((await seen(member)).viewerRole).toBe('MEMBER');
      expect((await seen(outsider)).viewerRole).toBeNull();
    });

    it('searches by name, slug or hashtag, case-insensitively, with pagination', async () => {
      const owner = await createMember(t);
      const tag = `Zalem${uniqueSuffix()}`;
      const slugs = [];
      for (const name of ['Berlin', 'Austin', 'Chicago']) {
        slugs.push((await createCommunity(t, owner, { name: `${name} fans`, hashtag: tag })).slug);
      }
      await createCommunity(t, owner, { name: 'Unrelated' });
      const firstPage = expectData(
        await t.gql(SEARCH, { search: tag.toLowerCase(), first: 2 }),
      ).communities;
      expect(firstPage.totalCount).toBe(3);
      expect(firstPage.edges.map((e: any) => e.node.name)).toEqual(['Austin fans', 'Berlin fans']);
      expect(firstPage.pageInfo.hasNextPage).toBe(true);
      const secondPage = expectData(
        await t.gql(SEARCH, { search: tag, first: 2, after: firstPage.pageInfo.endCursor }),
      ).communities;
      expect(secondPage.edges.map((e: any) => e.node.name)).toEqual(['Chicago fans']);
      expect(secondPage.pageInfo).toEqual({
        hasNextPage: false,
        endCursor: expect.any(String),
      });
      const bySlug = expectData(await t.gql(SEARCH, { search: slugs[0] })).communities;
      expect(bySlug.edges.map((e: any) => e.node.slug)).toEqual([slugs[0]]);
    });

    it('treats LIKE wildcards in a search as plain text', async () => {
      const found = expectData(await t.gql(SEARCH, { search: '%_%' })).communities;
      expect(found.totalCount).toBe(0);
    });

    it.each([0, 101, -1])('refuses first: %p with BAD_USER_INPUT naming first', async (first) => {
      expectError(await t.gql(SEARCH, { first }), 'BAD_USER_INPUT', ['first']);
    });

    it('refuses a cursor it did not issue with BAD_USER_INPUT naming after', async () => {
      expectError(await t.gql(SEARCH, { after: 'bm90LWEtY3Vyc29y' }), 'BAD_USER_INPUT', ['after']);
    });

    it('refuses a search longer than 100 characters', async () => {
      expectError(await t.gql(SEARCH, { search: 's'.repeat(101) }), 'BAD_USER_INPUT', ['search']);
    });
  });

  describe('joinCommunity and leaveCommunity', () => {
    it('joins as MEMBER, idempotently', async () => {
      const owner = await createMember(t);
      const fan = await createMember(t);
      const community = await createCommunity(t, owner);
      const first = expectData(await t.gql(JOIN, { slug: community.slug }, fan.token));
      const again = expectData(await t.gql(JOIN, { slug: community.slug }, fan.token));
      expect(first.joinCommunity).toMatchObject({
        role: 'MEMBER',
        member: { id: fan.id },
        community: { slug: community.slug },
      });
      expect(again.joinCommunity).toEqual(first.joinCommunity);
      const { community: seen } = expectData(await t.gql(COMMUNITY, { slug: community.slug }));
      expect(seen.memberCount).toBe(2);
    });

    it('keeps an owner an owner when they join again', async () => {
      const owner = await createMember(t);
      const community = await createCommunity(t, owner);
      const { joinCommunity: membership } = expectData(
        await t.gql(JOIN, { slug: community.slug }, owner.token),
      );
      expect(membership.role).toBe('OWNER');
    });

    it('counts concurrent joins of one member once', async () => {
      const owner = await createMember(t);
      const fan = await createMember(t);
      const community = await createCommunity(t, owner);
      const responses = await Promise.all(
        Array.from({ length: 8 }, () => t.gql(JOIN, { slug: community.slug }, fan.token)),
      );
      responses.forEach((r) => expectData(r));
      expect(await roleOf(community.id, fan.id)).toBe('MEMBER');
      const [{ count }] = await t.sql(
        'SELECT count(*)::int AS count FROM memberships WHERE community_id = $1',
        [community.id],
      );
      expect(count).toBe(2);
    });

    it('refuses an unknown community with NOT_FOUND and signed-out callers with UNAUTHENTICATED', async () => {
      const fan = await createMember(t);
      expectError(await t.gql(JOIN, { slug: 'no-such-community' }, fan.token), 'NOT_FOUND');
      expectError(await t.gql(LEAVE, { slug: 'no-such-community' }, fan.token), 'NOT_FOUND');
      const owner = await createMember(t);
      const community = await createCommunity(t, owner);
      expectError(await t.gql(JOIN, { slug: community.slug }), 'UNAUTHENTICATED');
      expectError(await t.gql(LEAVE, { slug: community.slug }), 'UNAUTHENTICATED');
    });

    it('leaves, and answers false to a member who was not in', async () => {
      const { community, member, organizer } = await createCommunityWithRoles(t);
      expect(expectData(await t.gql(LEAVE, { slug: community.slug }, member.token))).toEqual({
        leaveCommunity: true,
      });
      expect(expectData(await t.gql(LEAVE, { slug: community.slug }, member.token))).toEqual({
        leaveCommunity: false,
      });
      expect(expectData(await t.gql(LEAVE, { slug: community.slug }, organizer.token))).toEqual({
        leaveCommunity: true,
      });
      expect(await roleOf(community.id, member.id)).toBeUndefined();
    });

    it('refuses to let the last OWNER leave, with CONFLICT', async () => {
      const { community, owner, member } = await createCommunityWithRoles(t);
      expectError(await t.gql(LEAVE, { slug: community.slug }, owner.token), 'CONFLICT');
      expect(await roleOf(community.id, owner.id)).toBe('OWNER');
      expectData(
        await t.gql(SET_ROLE, { c: community.id, m: member.id, role: 'OWNER' }, owner.token),
      );
      expect(expectData(await t.gql(LEAVE, { slug: community.slug }, owner.token))).toEqual({
        leaveCommunity: true,
      });
    });

    describe('owners leaving at once', () => {
      /** Communities raced at once per run, and owners of each, all leaving together. */
      const COMMUNITIES = 20;
      const OWNERS = 3;
      let founder: TestMember;
      let pool: pg.Pool;

      beforeAll(async () => {
        founder = await createMember(t);
        pool = new pg.Pool({ connectionString: t.config.database.url, max: 20 });
      });
      afterAll(() => pool.end());

      /** How an owner leaves: 'OK', or 'CONFLICT' when they were the last owner. */
      type Leave = (community: { id: string; slug: string }, owner: BulkMember) => Promise<string>;

      /** Through the API. */
      const api: Leave = async (community, owner) => {
        const response = await t.gql(LEAVE, { slug: community.slug }, owner.token);
        if (response.errors) return response.errors[0].extensions?.code ?? 'ERROR';
        expect(response.data).toEqual({ leaveCommunity: true });
        return 'OK';
      };

      /** A deliberately naive count-then-delete with no lock, to show that the harness sees a race. */
      const naive: Leave = async (community, owner) => {
        const { rows } = await pool.query<{ owners: number }>(
          `SELECT count(*)::int AS owners FROM memberships WHERE community_id = $1 AND role = 'OWNER'`,
          [community.id],
        );
        if (rows[0].owners <= 1) return 'CONFLICT';
        await pool.query('DELETE FROM memberships WHERE community_id = $1 AND member_id = $2', [
          community.id,
          owner.id,
        ]);
        return 'OK';
      };

      /**
       * COMMUNITIES communities of OWNERS owners each, every owner of every community leaving
       * at the same moment. Returns what went wrong, per community.
       */
      async function allOwnersLeave(leave: Leave): Promise<string[]> {
        const communities = await Promise.all(
          Array.from({ length: COMMUNITIES }, () => createCommunity(t, founder)),
        );
        const owners = await insertMembers(t, COMMUNITIES * OWNERS);
        const ownersOf = (i: number) => owners.slice(i * OWNERS, (i + 1) * OWNERS);
        await t.sql(
          `INSERT INTO memberships (community_id, member_id, role)
           SELECT c, m, 'OWNER' FROM unnest($1::uuid[], $2::uuid[]) AS pairs (c, m)`,
          [
            communities.flatMap((community) => Array<string>(OWNERS).fill(community.id)),
            owners.map((owner) => owner.id),
          ],
        );
        await t.sql('DELETE FROM memberships WHERE member_id = $1', [founder.id]);

        const answers = await Promise.all(
          communities.map((community, i) =>
            Promise.all(ownersOf(i).map((owner) => leave(community, owner))),
          ),
        );
        const left = await t.sql<{ community_id: string; owners: number }>(
          `SELECT c.id AS community_id, count(m.member_id)::int AS owners
             FROM communities c LEFT JOIN memberships m
               ON m.community_id = c.id AND m.role = 'OWNER'
            WHERE c.id = ANY($1::uuid[]) GROUP BY c.id`,
          [communities.map((community) => community.id)],
        );
        const ownersLeft = new Map(left.map((row) => [row.community_id, row.owners]));
        return communities.flatMap((community, i) => {
          const problems: string[] = [];
          const count = ownersLeft.get(community.id);
          if (count !== 1) problems.push(`${community.slug}: ${count} owners left`);
          const codes = [...answers[i]].sort();
          const expected = ['CONFLICT', ...Array<string>(OWNERS - 1).fill('OK')];
          if (codes.join() !== expected.join()) {
            problems.push(`${community.slug}: answered ${codes.join(', ')}`);
          }
          return problems;
        });
      }

      it(`never leaves any of ${COMMUNITIES} communities without an owner when all ${OWNERS} owners leave at once`, async () => {
        for (let run = 0; run < 3; run++) expect(await allOwnersLeave(api)).toEqual([]);
      });

      it('sees a naive count-then-delete leave a community with no owner, so the harness can catch one', async () => {
        const seen: string[] = [];
        const ownerless = () => seen.some((problem) => problem.endsWith(': 0 owners left'));
        for (let attempt = 0; attempt < 5 && !ownerless(); attempt++) {
          seen.push(...(await allOwnersLeave(naive)));
        }
        expect(seen).toContainEqual(expect.stringMatching(/: 0 owners left$/));
      });
    });
  });

  describe('setMemberRole', () => {
    it('lets an OWNER promote and demote members', async () => {
      const { community, owner, member } = await createCommunityWithRoles(t);
      const promoted = expectData(
        await t.gql(SET_ROLE, { c: community.id, m: member.id, role: 'ORGANIZER' }, owner.token),
      );
      expect(promoted.setMemberRole).toEqual({ role: 'ORGANIZER', member: { id: member.id } });
      expect(await roleOf(community.id, member.id)).toBe('ORGANIZER');
      expectData(
        await t.gql(SET_ROLE, { c: community.id, m: member.id, role: 'MEMBER' }, owner.token),
      );
      expect(await roleOf(community.id, member.id)).toBe('MEMBER');
    });

    it.each([
      ['a signed-out caller', 'none', 'UNAUTHENTICATED'],
      ['a non-member', 'outsider', 'FORBIDDEN'],
      ['a member', 'member', 'FORBIDDEN'],
      ['an organizer', 'organizer', 'FORBIDDEN'],
    ] as const)('refuses %s with %s and changes nothing', async (_who, actor, code) => {
      const roles = await createCommunityWithRoles(t);
      const outsider = await createMember(t);
      const token = { none: undefined, outsider: outsider.token, ...tokensOf(roles) }[actor];
      expectError(
        await t.gql(SET_ROLE, { c: roles.community.id, m: roles.member.id, role: 'OWNER' }, token),
        code,
      );
      expect(await roleOf(roles.community.id, roles.member.id)).toBe('MEMBER');
    });

    it('refuses an unknown community or a target who is not a member with NOT_FOUND', async () => {
      const { community, owner } = await createCommunityWithRoles(t);
      const outsider = await createMember(t);
      const unknown = '00000000-0000-4000-8000-000000000000';
      expectError(
        await t.gql(SET_ROLE, { c: unknown, m: outsider.id, role: 'MEMBER' }, owner.token),
        'NOT_FOUND',
      );
      expectError(
        await t.gql(SET_ROLE, { c: 'not-an-id', m: outsider.id, role: 'MEMBER' }, owner.token),
        'NOT_FOUND',
      );
      expectError(
        await t.gql(SET_ROLE, { c: community.id, m: outsider.id, role: 'MEMBER' }, owner.token),
        'NOT_FOUND',
        ['memberId'],
      );
      expect(await roleOf(community.id, outsider.id)).toBeUndefined();
    });

    it('refuses to demote the last OWNER with CONFLICT', async () => {
      const { community, owner } = await createCommunityWithRoles(t);
      expectError(
        await t.gql(SET_ROLE, { c: community.id, m: owner.id, role: 'MEMBER' }, owner.token),
        'CONFLICT',
      );
      expect(await roleOf(community.id, owner.id)).toBe('OWNER');
    });

    it('refuses an unknown role with BAD_USER_INPUT naming it', async () => {
      const { community, owner, member } = await createCommunityWithRoles(t);
      expectError(
        await t.gql(SET_ROLE, { c: community.id, m: member.id, role: 'ADMIN' }, owner.token),
        'BAD_USER_INPUT',
        ['role'],
      );
    });
  });

  describe('members', () => {
    it('lists members to members, in join order, with pagination and a role filter', async () => {
      const { community, owner, organizer, member } = await createCommunityWithRoles(t);
      const late = await createMember(t);
      await joinCommunity(t, late, community.slug);
      const page = async (variables: Record<string, unknown>) =>
        expectData(await t.gql(MEMBERS, { slug: community.slug, ...variables }, member.token))
          .community.members;
      const first = await page({ first: 3 });
      expect(first.totalCount).toBe(4);
      expect(first.edges.map((e: any) => e.node.member.id)).toEqual([
        owner.id,
        organizer.id,
        member.id,
      ]);
      expect(first.edges[0].node).toMatchObject({
        role: 'OWNER',
        community: { slug: community.slug },
      });
      expect(first.pageInfo.hasNextPage).toBe(true);
      const rest = await page({ first: 3, after: first.pageInfo.endCursor });
      expect(rest.edges.map((e: any) => e.node.member.id)).toEqual([late.id]);
      expect(rest.pageInfo.hasNextPage).toBe(false);
      const organizers = await page({ role: 'ORGANIZER' });
      expect(organizers.totalCount).toBe(1);
      expect(organizers.edges.map((e: any) => e.node.member.handle)).toEqual([organizer.handle]);
    });

    it('refuses non-members with FORBIDDEN and signed-out callers with UNAUTHENTICATED', async () => {
      const { community } = await createCommunityWithRoles(t);
      const outsider = await createMember(t);
      expectError(await t.gql(MEMBERS, { slug: community.slug }, outsider.token), 'FORBIDDEN');
      expectError(await t.gql(MEMBERS, { slug: community.slug }), 'UNAUTHENTICATED');
    });
  });

  describe('Viewer.memberships', () => {
    it('lists the communities the viewer belongs to, with roles', async () => {
      const { community, organizer } = await createCommunityWithRoles(t);
      const other = await createCommunity(t, organizer);
      const { me } = expectData(
        await t.gql(`{ me { memberships { role community { slug } } } }`, {}, organizer.token),
      );
      expect(me.memberships).toEqual([
        { role: 'ORGANIZER', community: { slug: community.slug } },
        { role: 'OWNER', community: { slug: other.slug } },
      ]);
    });
  });
});

function tokensOf(roles: { owner: TestMember; organizer: TestMember; member: TestMember }) {
  return {
    owner: roles.owner.token,
    organizer: roles.organizer.token,
    member: roles.member.token,
  };
}
