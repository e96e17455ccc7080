import { insertMembers } from './helpers/bulk-members.js';
import { expectData } from './helpers/expectations.js';
import {
  createCampaign,
  createCommunityWithRoles,
  createEvent,
  inHours,
} from './helpers/factories.js';
import { statementRecorder } from './helpers/statements.js';
import { startTestApp, type TestApp } from './helpers/test-app.js';

const DISCOVERY = `query ($slug: String!, $first: Int!) {
  events(filter: { communitySlug: $slug }, first: $first) {
    edges {
      node {
        id title goingCount waitlistCount spotsLeft
        viewerParticipation { status waitlistPosition }
        campaign { id title community { id name } }
      }
    }
  }
}`;

const DISCOVERY_WITH_TALLIES = `query ($slug: String!, $first: Int!) {
  events(filter: { communitySlug: $slug }, first: $first) {
    edges { node { id campaign { id tally { participants going updatedAt } } } }
  }
}`;

const CAMPAIGN_PAGE = `query ($id: ID!, $first: Int!) {
  campaign(id: $id) {
    title
    events(first: $first) {
      edges {
        node {
          id goingCount waitlistCount spotsLeft
          viewerParticipation { status }
          campaign { title community { name } }
        }
      }
    }
  }
}`;

describe('nested fields load in a constant number of SQL statements', () => {
  let t: TestApp;
  const recorder = statementRecorder();
  const { statements } = recorder;

  beforeAll(async () => {
    // Every lookup reaches PostgreSQL: the counts do not depend on what a replica keeps.
    t = await startTestApp({ READ_CACHE_MS: '0' });
    recorder.start();
  });
  afterAll(async () => {
    recorder.stop();
    await t.close();
  });

  /** A community whose campaign has `count` events of mixed capacity, half joined by the viewer. */
  async function fixture(count: number) {
    const roles = await createCommunityWithRoles(t);
    const campaign = await createCampaign(t, roles.organizer, roles.community.id);
    const [viewer] = await insertMembers(t, 1);
    for (let i = 0; i < count; i++) {
      const event = await createEvent(t, roles.organizer, campaign.id, {
        capacity: i % 3 === 0 ? null : 20,
        startsAt: inHours(48 + i),
        endsAt: inHours(50 + i),
      });
      if (i % 2 === 0) {
        expectData(
          await t.gql(
            `mutation ($id: ID!) { joinEvent(eventId: $id) { id } }`,
            { id: event.id },
            viewer.token,
          ),
        );
      }
    }
    return { ...roles, campaign, viewer };
  }

  async function countStatements(operation: string, variables: object, token: string) {
    statements.length = 0;
    const response = await t.gql(operation, variables as Record<string, unknown>, token);
    const sent = statements.length;
    return { sent, data: expectData(response), sql: [...statements] };
  }

  it.each([
    ['discovery: events(first: n)', DISCOVERY],
    ['a campaign page: campaign { events(first: n) }', CAMPAIGN_PAGE],
  ])('%s costs at most 5 statements, the same at 10 and at 50 nodes', async (_name, operation) => {
    const counts: number[] = [];
    for (const n of [10, 50]) {
      const { community, campaign, viewer } = await fixture(n);
      const variables = { slug: community.slug, id: campaign.id, first: n };
      const { sent, data, sql } = await countStatements(operation, variables, viewer.token);
      const edges = (data.events ?? data.campaign.events).edges;
      expect(edges).toHaveLength(n);
      expect(edges.filter((e: any) => e.node.viewerParticipation?.status === 'GOING')).toHaveLength(
        n / 2,
      );
      expect({ n, sent, sql: sent > 5 ? sql : [] }).toEqual({ n, sent, sql: [] });
      counts.push(sent);
    }
    expect(counts[0]).toBe(counts[1]);
    expect(counts[1]).toBeLessThanOrEqual(5);
  });

  it('tallies of many campaigns are read in one statement, however many campaigns', async () => {
    const counts: number[] = [];
    for (const n of [10, 50]) {
      const { community, organizer, member } = await createCommunityWithRoles(t);
      const campaignIds: string[] = [];
      for (let i = 0; i < n; i++) {
        const campaign = await createCampaign(t, organizer, community.id);
        await createEvent(t, organizer, campaign.id, { capacity: null });
        campaignIds.push(campaign.id);
      }
      // As the tally worker would have stored them (this file runs no workers).
      await t.sql(
        `INSERT INTO campaign_tallies
           (campaign_id, participants, going, waitlisted, checked_in, posts, updated_at)
         SELECT id, 0, 0, 0, 0, 0, now() FROM unnest($1::uuid[]) id`,
        [campaignIds],
      );
      const { sent, data, sql } = await countStatements(
        DISCOVERY_WITH_TALLIES,
        { slug: community.slug, first: n },
        member.token,
      );
      expect(data.events.edges).toHaveLength(n);
      const tallyReads = sql.filter((text) => text.includes('campaign_tallies'));
      expect({ n, tallyReads }).toEqual({ n, tallyReads: [expect.any(String)] });
      counts.push(sent);
    }
    expect(counts[0]).toBe(counts[1]);
  });
});
