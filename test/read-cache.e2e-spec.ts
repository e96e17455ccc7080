import { expectData } from './helpers/expectations.js';
import {
  createCampaign,
  createCommunityWithRoles,
  createEvent,
  createMember,
  inHours,
  joinCommunity,
  joinEvent,
  type TestMember,
} from './helpers/factories.js';
import { statementRecorder } from './helpers/statements.js';
import { startTestApp, type TestApp } from './helpers/test-app.js';

const PAGE = `query ($id: ID!) {
  campaign(id: $id) {
    events(first: 20) {
      edges {
        node {
          title status goingCount waitlistCount spotsLeft
          viewerParticipation { status }
          campaign { title community { name } }
        }
      }
    }
  }
}`;

interface PageNode {
  title: string;
  status: string;
  goingCount: number;
  waitlistCount: number;
  spotsLeft: number | null;
  viewerParticipation: { status: string } | null;
}

describe("a replica's copy of a campaign page", () => {
  let t: TestApp;
  const recorder = statementRecorder();
  const { statements } = recorder;

  beforeAll(async () => {
    // A copy kept a minute: whatever this replica shows fresh below, it forgot on writing.
    t = await startTestApp({ READ_CACHE_MS: '60000' });
    recorder.start();
  });
  afterAll(async () => {
    recorder.stop();
    await t.close();
  });

  async function page(campaignId: string, viewer: TestMember): Promise<PageNode[]> {
    const data = expectData(await t.gql(PAGE, { id: campaignId }, viewer.token));
    return data.campaign.events.edges.map((edge: { node: PageNode }) => edge.node);
  }

  async function fixture() {
    const roles = await createCommunityWithRoles(t);
    const campaign = await createCampaign(t, roles.organizer, roles.community.id);
    const limited = await createEvent(t, roles.organizer, campaign.id, {
      title: 'Screening',
      capacity: 1,
      startsAt: inHours(48),
      endsAt: inHours(50),
    });
    const unlimited = await createEvent(t, roles.organizer, campaign.id, {
      title: 'Watch party',
      capacity: null,
      startsAt: inHours(72),
      endsAt: inHours(74),
    });
    return { ...roles, campaign, limited, unlimited };
  }

  it("is read once: the next read sends only the viewer's own participations", async () => {
    const { campaign, member } = await fixture();
    await page(campaign.id, member);

    statements.length = 0;
    const nodes = await page(campaign.id, member);

    expect(nodes.map((node) => node.title)).toEqual(['Screening', 'Watch party']);
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatch(/FROM participations p\s+WHERE p\.member_id = ANY/);
  });

  it("shows this replica's own writes at once", async () => {
    const { campaign, community, organizer, member, limited, unlimited } = await fixture();
    const other = await createMember(t);
    await joinCommunity(t, other, community.slug);
    const counts = async (viewer = member) =>
      (await page(campaign.id, viewer)).map(
        ({ title, status, goingCount, waitlistCount, spotsLeft, viewerParticipation }) => ({
          title,
          status,
          counts: [goingCount, waitlistCount, spotsLeft],
          mine: viewerParticipation?.status ?? null,
        }),
      );
    expect(await counts()).toEqual([
      { title: 'Screening', status: 'SCHEDULED', counts: [0, 0, 1], mine: null },
      { title: 'Watch party', status: 'SCHEDULED', counts: [0, 0, null], mine: null },
    ]);

    // Joins, onto the seat, the waitlist and the event without a capacity.
    await joinEvent(t, member, limited.id);
    await joinEvent(t, other, limited.id);
    await joinEvent(t, member, unlimited.id);
    expect(await counts()).toEqual([
      { title: 'Screening', status: 'SCHEDULED', counts: [1, 1, 0], mine: 'GOING' },
      { title: 'Watch party', status: 'SCHEDULED', counts: [1, 0, null], mine: 'GOING' },
    ]);

    // A leave promotes the head of the waitlist.
    expectData(
      await t.gql(
        'mutation ($id: ID!) { leaveEvent(eventId: $id) { status } }',
        { id: limited.id },
        member.token,
      ),
    );
    expect((await counts(other))[0]).toEqual({
      title: 'Screening',
      status: 'SCHEDULED',
      counts: [1, 0, 0],
      mine: 'GOING',
    });

    // An organizer adds, changes and cancels events, then cancels the campaign.
    const added = await createEvent(t, organizer, campaign.id, {
      title: 'Hashtag push',
      capacity: null,
      startsAt: inHours(96),
      endsAt: inHours(97),
    });
    expectData(
      await t.gql(
        'mutation ($id: ID!) { updateEvent(id: $id, input: { title: "Screening, IMAX", capacity: 3 }) { id } }',
        { id: limited.id },
        organizer.token,
      ),
    );
    expectData(
      await t.gql(
        'mutation ($id: ID!) { cancelEvent(id: $id) { id } }',
        { id: added.id },
        organizer.token,
      ),
    );
    expect(await counts()).toEqual([
      { title: 'Screening, IMAX', status: 'SCHEDULED', counts: [1, 0, 2], mine: 'CANCELLED' },
      { title: 'Watch party', status: 'SCHEDULED', counts: [1, 0, null], mine: 'GOING' },
      { title: 'Hashtag push', status: 'CANCELLED', counts: [0, 0, null], mine: null },
    ]);

    expectData(
      await t.gql(
        'mutation ($id: ID!) { cancelCampaign(id: $id) { id } }',
        { id: campaign.id },
        organizer.token,
      ),
    );
    expect((await counts()).map(({ status }) => status)).toEqual([
      'CANCELLED',
      'CANCELLED',
      'CANCELLED',
    ]);
  });
});
