import { expectData, expectError } from './helpers/expectations.js';
import {
  createCampaign,
  createCommunity,
  createCommunityWithRoles,
  createEvent,
  createMember,
  inHours,
  type TestMember,
} from './helpers/factories.js';
import { startTestApp, type TestApp } from './helpers/test-app.js';

const EVENTS = `query ($filter: EventFilter, $first: Int, $after: String) {
  events(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id title kind status startsAt venue { city country latitude longitude } } }
  }
}`;
const CANCEL_EVENT = `mutation ($id: ID!) { cancelEvent(id: $id, reason: "Venue flooded") { status } }`;
const CANCEL_CAMPAIGN = `mutation ($id: ID!) { cancelCampaign(id: $id, reason: "Studio said no") { status } }`;

interface Point {
  latitude: number;
  longitude: number;
}

/** Great-circle distance in km (haversine, mean Earth radius), to choose radii that separate. */
function distanceKm(a: Point, b: Point): number {
  const radians = (degrees: number) => (degrees * Math.PI) / 180;
  const dLat = radians(b.latitude - a.latitude);
  const dLon = radians(b.longitude - a.longitude);
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(radians(a.latitude)) * Math.cos(radians(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

const HOLLYWOOD = { latitude: 34.1022, longitude: -118.3409 };
const DOWNTOWN_LA = { latitude: 34.0522, longitude: -118.2437 };
const SUVA = { latitude: -18.1416, longitude: 178.4419 };
const APIA = { latitude: -13.8333, longitude: -171.7667 };

const venue = (name: string, city: string, country: string, point?: Point) => ({
  name,
  city,
  country,
  ...point,
});

describe('discovery', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const discover = async (
    filter: Record<string, unknown> | null,
    page: { first?: number; after?: string } = {},
    token?: string,
  ) => expectData(await t.gql(EVENTS, { filter, ...page }, token)).events;

  const idsOf = (connection: { edges: { node: { id: string } }[] }) =>
    connection.edges.map((edge) => edge.node.id);

  /** A fresh community with its organizer and one published campaign, running from `from`. */
  async function setUp(campaign: Record<string, unknown> = {}) {
    const roles = await createCommunityWithRoles(t);
    const published = await createCampaign(t, roles.organizer, roles.community.id, {
      startsAt: inHours(-72),
      endsAt: inHours(24 * 60),
      ...campaign,
    });
    const event = (overrides: Record<string, unknown> = {}, campaignId = published.id) =>
      createEvent(t, roles.organizer, campaignId, overrides);
    return { ...roles, campaign: published, event };
  }

  describe('what appears', () => {
    it('shows only scheduled, upcoming events of scheduled or live campaigns', async () => {
      const { community, organizer, campaign, event } = await setUp();
      const scheduled = await event({ startsAt: inHours(10), endsAt: inHours(12) });

      const live = await createCampaign(t, organizer, community.id, {
        startsAt: inHours(-72),
        endsAt: inHours(24 * 60),
      });
      const ofLive = await event({ startsAt: inHours(20), endsAt: inHours(22) }, live.id);
      // The lifecycle worker moves a campaign to LIVE at its start.
      await t.sql(`UPDATE campaigns SET status = 'LIVE' WHERE id = $1`, [live.id]);

      const draft = await createCampaign(t, organizer, community.id, {
        startsAt: inHours(-72),
        endsAt: inHours(24 * 60),
        publish: false,
      });
      expect(draft.status).toBe('DRAFT');
      await event({ startsAt: inHours(15), endsAt: inHours(16) }, draft.id);

      const cancelledCampaign = await createCampaign(t, organizer, community.id, {
        startsAt: inHours(-72),
        endsAt: inHours(24 * 60),
      });
      await event({ startsAt: inHours(16), endsAt: inHours(17) }, cancelledCampaign.id);
      expectData(await t.gql(CANCEL_CAMPAIGN, { id: cancelledCampaign.id }, organizer.token));

      const cancelled = await event({ startsAt: inHours(11), endsAt: inHours(12) });
      expectData(await t.gql(CANCEL_EVENT, { id: cancelled.id }, organizer.token));

      await event({ startsAt: inHours(-48), endsAt: inHours(-46) });
      expect(campaign.status).toBe('SCHEDULED');

      const filter = { communitySlug: community.slug };
      const signedOut = await discover(filter);
      expect(idsOf(signedOut)).toEqual([scheduled.id, ofLive.id]);
      expect(signedOut.totalCount).toBe(2);
      expect(signedOut.edges.map((edge: any) => edge.node.status)).toEqual([
        'SCHEDULED',
        'SCHEDULED',
      ]);
      // Discovery is the same for the organizer: drafts are not advertised to anyone.
      expect(idsOf(await discover(filter, {}, organizer.token))).toEqual([scheduled.id, ofLive.id]);
    });

    it('drops an event from discovery once its campaign is cancelled', async () => {
      const { community, organizer, campaign, event } = await setUp();
      const screening = await event({ startsAt: inHours(10), endsAt: inHours(12) });
      const filter = { communitySlug: community.slug };
      expect(idsOf(await discover(filter))).toEqual([screening.id]);
      expectData(await t.gql(CANCEL_CAMPAIGN, { id: campaign.id }, organizer.token));
      expect(await discover(filter)).toMatchObject({
        edges: [],
        totalCount: 0,
        pageInfo: { hasNextPage: false, endCursor: null },
      });
    });
  });

  describe('order and pages', () => {
    it('lists soonest first and pages through with cursors', async () => {
      const { community, event } = await setUp();
      const at = (hours: number) => ({ startsAt: inHours(hours), endsAt: inHours(hours + 2) });
      // Created out of order; two share a start, which the id breaks.
      const tie = new Date(Date.now() + 30 * 3600_000).toISOString();
      const later = await event(at(50));
      const soonest = await event(at(5));
      const tieA = await event({ startsAt: tie, endsAt: inHours(32) });
      const middle = await event(at(20));
      const tieB = await event({ startsAt: tie, endsAt: inHours(33) });
      const ties = [tieA.id, tieB.id].sort();
      const expected = [soonest.id, middle.id, ...ties, later.id];

      const filter = { communitySlug: community.slug };
      const seen: string[] = [];
      const pages = [];
      let after: string | undefined;
      do {
        const page = await discover(filter, { first: 2, ...(after && { after }) });
        expect(page.totalCount).toBe(5);
        expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
        pages.push(idsOf(page).length);
        seen.push(...idsOf(page));
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : undefined;
      } while (after);
      expect(pages).toEqual([2, 2, 1]);
      expect(seen).toEqual(expected);

      const all = await discover(filter);
      expect(idsOf(all)).toEqual(expected);
      const starts = all.edges.map((edge: any) => Date.parse(edge.node.startsAt));
      expect(starts).toEqual([...starts].sort((a, b) => a - b));
    });

    it('refuses a page size out of range and a foreign cursor with BAD_USER_INPUT', async () => {
      expectError(await t.gql(EVENTS, { first: 0 }), 'BAD_USER_INPUT', ['first']);
      expectError(await t.gql(EVENTS, { first: 101 }), 'BAD_USER_INPUT', ['first']);
      expectError(await t.gql(EVENTS, { first: 2, after: 'not-a-cursor' }), 'BAD_USER_INPUT', [
        'after',
      ]);
    });
  });

  describe('filters', () => {
    it('by community slug', async () => {
      const one = await setUp();
      const two = await setUp();
      const first = await one.event();
      const second = await two.event();
      expect(idsOf(await discover({ communitySlug: one.community.slug }))).toEqual([first.id]);
      expect(idsOf(await discover({ communitySlug: two.community.slug }))).toEqual([second.id]);
      expect(idsOf(await discover({ communitySlug: 'no-such-community' }))).toEqual([]);
    });

    it('by campaign', async () => {
      const { community, organizer, campaign, event } = await setUp();
      const other = await createCampaign(t, organizer, community.id, {
        startsAt: inHours(-1),
        endsAt: inHours(24 * 10),
      });
      const mine = await event({ startsAt: inHours(30), endsAt: inHours(31) });
      const theirs = await event({ startsAt: inHours(20), endsAt: inHours(21) }, other.id);
      expect(idsOf(await discover({ campaignId: campaign.id }))).toEqual([mine.id]);
      expect(idsOf(await discover({ campaignId: other.id }))).toEqual([theirs.id]);
      expect(idsOf(await discover({ communitySlug: community.slug }))).toEqual([
        theirs.id,
        mine.id,
      ]);
    });

    it('by kinds', async () => {
      const { community, event } = await setUp();
      const online = { venue: null, onlineUrl: 'https://watch.example.com/alita' };
      const screening = await event({
        kind: 'SCREENING',
        startsAt: inHours(5),
        endsAt: inHours(7),
      });
      const party = await event({
        kind: 'WATCH_PARTY',
        startsAt: inHours(6),
        endsAt: inHours(8),
        ...online,
      });
      const push = await event({
        kind: 'HASHTAG_PUSH',
        startsAt: inHours(7),
        endsAt: inHours(8),
        ...online,
      });
      const meetup = await event({ kind: 'MEETUP', startsAt: inHours(8), endsAt: inHours(9) });
      const filter = (kinds: string[]) => ({ communitySlug: community.slug, kinds });
      expect(idsOf(await discover(filter(['MEETUP', 'WATCH_PARTY'])))).toEqual([
        party.id,
        meetup.id,
      ]);
      expect(idsOf(await discover(filter(['HASHTAG_PUSH'])))).toEqual([push.id]);
      const all = await discover(filter(['SCREENING', 'WATCH_PARTY', 'HASHTAG_PUSH', 'MEETUP']));
      expect(idsOf(all)).toEqual([screening.id, party.id, push.id, meetup.id]);
      expect(all.edges.map((edge: any) => edge.node.kind)).toEqual([
        'SCREENING',
        'WATCH_PARTY',
        'HASHTAG_PUSH',
        'MEETUP',
      ]);
    });

    it('by city, whatever its case, and by country', async () => {
      const { community, event } = await setUp();
      const la = await event({
        startsAt: inHours(5),
        endsAt: inHours(7),
        venue: venue('TCL Chinese Theatre', 'Los Angeles', 'US', HOLLYWOOD),
      });
      const nyc = await event({
        startsAt: inHours(6),
        endsAt: inHours(8),
        timezone: 'America/New_York',
        venue: venue('Alamo Drafthouse', 'New York', 'US'),
      });
      const tokyo = await event({
        startsAt: inHours(7),
        endsAt: inHours(9),
        timezone: 'Asia/Tokyo',
        venue: venue('Toho Cinemas Shinjuku', 'Tokyo', 'JP'),
      });
      const slug = community.slug;
      for (const city of ['Los Angeles', 'los angeles', 'LOS ANGELES']) {
        expect(idsOf(await discover({ communitySlug: slug, city }))).toEqual([la.id]);
      }
      expect(idsOf(await discover({ communitySlug: slug, city: 'tokyo' }))).toEqual([tokyo.id]);
      expect(idsOf(await discover({ communitySlug: slug, city: 'Los' }))).toEqual([]);
      expect(idsOf(await discover({ communitySlug: slug, country: 'US' }))).toEqual([
        la.id,
        nyc.id,
      ]);
      const japan = await discover({ communitySlug: slug, country: 'JP' });
      expect(idsOf(japan)).toEqual([tokyo.id]);
      expect(japan.edges[0].node.venue).toMatchObject({ city: 'Tokyo', country: 'JP' });
      expect(idsOf(await discover({ communitySlug: slug, country: 'FR' }))).toEqual([]);
      expect(
        idsOf(await discover({ communitySlug: slug, country: 'US', city: 'new york' })),
      ).toEqual([nyc.id]);
    });

    it('by a window of starts, from and to', async () => {
      const { community, event } = await setUp();
      const at10 = await event({ startsAt: inHours(10), endsAt: inHours(11) });
      const at20 = await event({ startsAt: inHours(20), endsAt: inHours(21) });
      const at30 = await event({ startsAt: inHours(30), endsAt: inHours(31) });
      const slug = community.slug;
      expect(idsOf(await discover({ communitySlug: slug, from: inHours(15) }))).toEqual([
        at20.id,
        at30.id,
      ]);
      expect(idsOf(await discover({ communitySlug: slug, to: inHours(25) }))).toEqual([
        at10.id,
        at20.id,
      ]);
      const window = await discover({ communitySlug: slug, from: inHours(15), to: inHours(25) });
      expect(idsOf(window)).toEqual([at20.id]);
      expect(window.totalCount).toBe(1);
    });

    it('refuses a window that ends before it starts with BAD_USER_INPUT on to', async () => {
      expectError(
        await t.gql(EVENTS, { filter: { from: inHours(20), to: inHours(10) } }),
        'BAD_USER_INPUT',
        ['to'],
      );
    });

    it('starts from now by default, and from an explicit earlier instant when given', async () => {
      const { community, event } = await setUp({ startsAt: inHours(-3) });
      const started = await event({ startsAt: inHours(-1), endsAt: inHours(2) });
      const upcoming = await event({ startsAt: inHours(2), endsAt: inHours(4) });
      const slug = community.slug;
      expect(idsOf(await discover({ communitySlug: slug }))).toEqual([upcoming.id]);
      expect(idsOf(await discover({ communitySlug: slug, from: null }))).toEqual([upcoming.id]);
      expect(idsOf(await discover({ communitySlug: slug, from: inHours(-2) }))).toEqual([
        started.id,
        upcoming.id,
      ]);
    });
  });

  describe('near a point', () => {
    it('finds a Hollywood venue within 30 km of downtown Los Angeles, not within 5 km', async () => {
      const distance = distanceKm(HOLLYWOOD, DOWNTOWN_LA);
      expect(distance).toBeGreaterThan(8);
      expect(distance).toBeLessThan(15);
      const { community, event } = await setUp();
      const hollywood = await event({
        venue: venue('TCL Chinese Theatre', 'Los Angeles', 'US', HOLLYWOOD),
      });
      // San Diego is ~180 km away; an online event has no point and never matches.
      await event({
        venue: venue('Gaslamp Cinema', 'San Diego', 'US', {
          latitude: 32.7157,
          longitude: -117.1611,
        }),
      });
      await event({ venue: null, onlineUrl: 'https://watch.example.com/alita' });
      await event({ venue: venue('Somewhere', 'Los Angeles', 'US') });
      const near = (radiusKm: number) =>
        discover({ communitySlug: community.slug, near: DOWNTOWN_LA, radiusKm });
      expect(idsOf(await near(30))).toEqual([hollywood.id]);
      expect(idsOf(await near(5))).toEqual([]);
      expect((await near(300)).totalCount).toBe(2);
    });

    it('measures across the antimeridian', async () => {
      const { community, event } = await setUp();
      const suva = await event({
        timezone: 'Pacific/Fiji',
        venue: venue('Damodar City Cinemas', 'Suva', 'FJ', SUVA),
      });
      const apia = await event({
        startsAt: inHours(49),
        endsAt: inHours(52),
        timezone: 'Pacific/Apia',
        venue: venue('Magik Cinema', 'Apia', 'WS', APIA),
      });
      const near = (point: Point, radiusKm: number) =>
        discover({ communitySlug: community.slug, near: point, radiusKm }).then(idsOf);

      // West of the antimeridian, with Suva close and Apia across the line, farther away.
      const west = { latitude: -16, longitude: 179.9 };
      const toSuva = distanceKm(west, SUVA);
      const toApia = distanceKm(west, APIA);
      expect(toSuva).toBeGreaterThan(200);
      expect(toSuva).toBeLessThan(350);
      expect(toApia).toBeGreaterThan(800);
      expect(toApia).toBeLessThan(1100);
      expect(await near(west, 1200)).toEqual([suva.id, apia.id]);
      expect(await near(west, (toSuva + toApia) / 2)).toEqual([suva.id]);
      expect(await near(west, toSuva * 0.8)).toEqual([]);

      // East of the line: longitudes differ by ~358 degrees, yet Suva is ~175 km away.
      const east = { latitude: -18.1416, longitude: -179.9 };
      const eastToSuva = distanceKm(east, SUVA);
      expect(eastToSuva).toBeGreaterThan(150);
      expect(eastToSuva).toBeLessThan(200);
      expect(distanceKm(east, APIA)).toBeGreaterThan(800);
      expect(await near(east, 250)).toEqual([suva.id]);
      expect(await near(east, 120)).toEqual([]);

      // From Apia, Suva lies ~1150 km to the west, across the line.
      const apiaToSuva = distanceKm(APIA, SUVA);
      expect(apiaToSuva).toBeGreaterThan(1000);
      expect(apiaToSuva).toBeLessThan(1300);
      expect(await near(APIA, apiaToSuva * 1.1)).toEqual([suva.id, apia.id]);
      expect(await near(APIA, apiaToSuva * 0.9)).toEqual([apia.id]);
    });

    it('refuses near without radiusKm, and radiusKm without near, with BAD_USER_INPUT', async () => {
      expectError(await t.gql(EVENTS, { filter: { near: DOWNTOWN_LA } }), 'BAD_USER_INPUT', [
        'near',
        'radiusKm',
      ]);
      expectError(await t.gql(EVENTS, { filter: { radiusKm: 10 } }), 'BAD_USER_INPUT', [
        'near',
        'radiusKm',
      ]);
    });
  });

  it('is open to everyone, signed in or not', async () => {
    const { community, event } = await setUp();
    const screening = await event();
    const stranger: TestMember = await createMember(t);
    const other = await createCommunity(t, stranger);
    expect(other.slug).not.toBe(community.slug);
    const filter = { communitySlug: community.slug };
    expect(idsOf(await discover(filter, {}, stranger.token))).toEqual([screening.id]);
    expect(idsOf(await discover(filter))).toEqual([screening.id]);
  });
});
