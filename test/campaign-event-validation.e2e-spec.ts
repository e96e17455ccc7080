import { expectData, expectError } from './helpers/expectations.js';
import {
  createCampaign,
  createCommunityWithRoles,
  createEvent,
  inHours,
  joinEvent,
  type TestCampaign,
  type TestCommunity,
  type TestEvent,
  type TestMember,
} from './helpers/factories.js';
import { startTestApp, type TestApp } from './helpers/test-app.js';

const CREATE_CAMPAIGN = `mutation ($input: CreateCampaignInput!) {
  createCampaign(input: $input) { id title description hashtags reminderOffsetsMinutes goal { metric target } }
}`;
const UPDATE_CAMPAIGN = `mutation ($id: ID!, $input: UpdateCampaignInput!) {
  updateCampaign(id: $id, input: $input) { id title hashtags reminderOffsetsMinutes }
}`;
const CANCEL_CAMPAIGN = `mutation ($id: ID!, $reason: String) { cancelCampaign(id: $id, reason: $reason) { id status } }`;
const CAMPAIGN = `query ($id: ID!) { campaign(id: $id) { id reminderOffsetsMinutes hashtags } }`;
const CREATE_EVENT = `mutation ($input: CreateEventInput!) {
  createEvent(input: $input) {
    id startsAt endsAt capacity spotsLeft onlineUrl venue { country latitude longitude }
  }
}`;
const UPDATE_EVENT = `mutation ($id: ID!, $input: UpdateEventInput!) {
  updateEvent(id: $id, input: $input) { id capacity goingCount waitlistCount spotsLeft }
}`;
const CANCEL_EVENT = `mutation ($id: ID!, $reason: String) { cancelEvent(id: $id, reason: $reason) { id status } }`;
const STARTS_AT_LOCAL = `query ($id: ID!, $tz: String) { event(id: $id) { id startsAtLocal(timezone: $tz) } }`;
const EVENTS = `query ($filter: EventFilter, $first: Int) {
  events(filter: $filter, first: $first) { totalCount edges { node { id } } }
}`;
const REPORT_POST = `mutation ($input: ReportPostInput!) { reportPost(input: $input) { id url platform } }`;

type Overrides = Record<string, unknown>;

/** The shared campaign's window, fixed up front so the tables below can refer to it. */
const CAMPAIGN_START = inHours(1);
const CAMPAIGN_END = inHours(24 * 30);
const shift = (iso: string, minutes: number) =>
  new Date(Date.parse(iso) + minutes * 60_000).toISOString();
const SAME_INSTANT = inHours(10);

const VENUE = {
  name: 'TCL Chinese Theatre',
  city: 'Los Angeles',
  country: 'US',
  latitude: 34.1022,
  longitude: -118.3409,
};

/**
 * Bad DateTime values: no offset, a plain date, a number, a day that does not exist, an offset no
 * place has, an hour past 23.
 */
const badDateTimes: [string, string, Overrides][] = [
  ['startsAt', 'no offset', { startsAt: '2027-02-14T19:30:00' }],
  ['startsAt', 'a plain date', { startsAt: '2027-02-14' }],
  ['startsAt', 'a number', { startsAt: 1802633400000 }],
  [
    'startsAt',
    'February 30th',
    { startsAt: '2027-02-30T19:30:00Z', endsAt: '2027-04-01T00:00:00Z' },
  ],
  ['endsAt', 'no offset', { endsAt: '2027-03-14T19:30:00' }],
  [
    'startsAt',
    'an offset of +99:99',
    { startsAt: '2027-02-10T10:00:00+99:99', endsAt: '2027-04-01T00:00:00Z' },
  ],
  [
    'startsAt',
    'an offset of -99:99, on an instant that is otherwise fine',
    { startsAt: inHours(10).replace('Z', '-99:99'), endsAt: inHours(200) },
  ],
  ['endsAt', 'an offset beyond +14:00', { endsAt: inHours(200).replace('Z', '+14:01') }],
  ['startsAt', 'hour 24', { startsAt: '2027-02-10T24:00:00Z', endsAt: '2027-04-01T00:00:00Z' }],
];

/** Rules that createCampaign and updateCampaign share. */
const campaignRows: [string, string, Overrides][] = [
  ['title', 'blank after trim', { title: '   ' }],
  ['title', 'empty', { title: '' }],
  ['title', '201 characters', { title: 't'.repeat(201) }],
  ['description', '5001 characters', { description: 'd'.repeat(5001) }],
  ['hashtags', "a leading '#'", { hashtags: ['#AlitaArmy'] }],
  ['hashtags', 'one character', { hashtags: ['AlitaArmy', 'a'] }],
  ['hashtags', 'a space', { hashtags: ['two words'] }],
  ['hashtags', '101 characters', { hashtags: ['h'.repeat(101)] }],
  ['hashtags', '11 distinct', { hashtags: Array.from({ length: 11 }, (_, i) => `Tag${i}`) }],
  ['endsAt', 'endsAt before startsAt', { startsAt: inHours(10), endsAt: inHours(5) }],
  ['endsAt', 'endsAt equal to startsAt', { startsAt: SAME_INSTANT, endsAt: SAME_INSTANT }],
  ['reminderOffsetsMinutes', '-1', { reminderOffsetsMinutes: [60, -1] }],
  ['reminderOffsetsMinutes', '43201', { reminderOffsetsMinutes: [43201] }],
  ['reminderOffsetsMinutes', '6 distinct', { reminderOffsetsMinutes: [0, 5, 10, 15, 30, 60] }],
  ['goal.target', 'target 0', { goal: { metric: 'PARTICIPANTS', target: 0 } }],
  ['goal.target', 'target -3', { goal: { metric: 'POSTS', target: -3 } }],
  ...badDateTimes,
];

/** Rules that createEvent and updateEvent share; the shared event has a venue and no onlineUrl. */
const eventRows: [string, string, Overrides][] = [
  ['title', 'blank after trim', { title: ' \t ' }],
  ['title', '201 characters', { title: 't'.repeat(201) }],
  ['description', '5001 characters', { description: 'd'.repeat(5001) }],
  ['timezone', 'not IANA', { timezone: 'Mars/Base' }],
  ['timezone', 'empty', { timezone: '' }],
  ['onlineUrl', 'ftp', { onlineUrl: 'ftp://x.org' }],
  ['onlineUrl', 'javascript', { onlineUrl: 'javascript:alert(1)' }],
  ['onlineUrl', 'not a URL', { onlineUrl: 'not a url' }],
  ['onlineUrl', '2049 characters', { onlineUrl: `https://x.org/${'a'.repeat(2035)}` }],
  ['venue.country', 'three letters', { venue: { ...VENUE, country: 'USA' } }],
  ['venue.country', 'a digit', { venue: { ...VENUE, country: 'U1' } }],
  ['venue.latitude', '90.5', { venue: { ...VENUE, latitude: 90.5 } }],
  ['venue.latitude', '-91', { venue: { ...VENUE, latitude: -91 } }],
  ['venue.longitude', '180.5', { venue: { ...VENUE, longitude: 180.5 } }],
  ['venue.longitude', '-181', { venue: { ...VENUE, longitude: -181 } }],
  [
    'venue.longitude',
    'latitude without longitude',
    { venue: { name: 'Somewhere', city: 'Austin', country: 'US', latitude: 30.27 } },
  ],
  ['capacity', '0', { capacity: 0 }],
  ['capacity', '-5', { capacity: -5 }],
  ['capacity', '1000001', { capacity: 1_000_001 }],
  ['endsAt', 'endsAt before startsAt', { startsAt: inHours(60), endsAt: inHours(59) }],
  ['endsAt', 'endsAt equal to startsAt', { startsAt: SAME_INSTANT, endsAt: SAME_INSTANT }],
  [
    'startsAt',
    "starting before the campaign's start",
    { startsAt: shift(CAMPAIGN_START, -1), endsAt: inHours(3) },
  ],
  [
    'endsAt',
    "ending after the campaign's end",
    { startsAt: inHours(48), endsAt: shift(CAMPAIGN_END, 1) },
  ],
  ...badDateTimes,
];

describe('campaign, event and post report validation', () => {
  let t: TestApp;
  let community: TestCommunity;
  let organizer: TestMember;
  let participant: TestMember;
  let campaign: TestCampaign;
  let event: TestEvent;

  beforeAll(async () => {
    t = await startTestApp();
    const roles = await createCommunityWithRoles(t);
    ({ community, organizer } = roles);
    participant = roles.member;
    campaign = await createCampaign(t, organizer, community.id, {
      startsAt: CAMPAIGN_START,
      endsAt: CAMPAIGN_END,
    });
    event = await createEvent(t, organizer, campaign.id);
    await joinEvent(t, participant, event.id);
  });
  afterAll(() => t.close());

  const countRows = async (table: string) =>
    Number((await t.sql(`SELECT count(*) FROM ${table}`))[0].count);
  /** How many campaigns, events and post reports there are: a refusal must change none. */
  const counts = async () => ({
    campaigns: await countRows('campaigns'),
    events: await countRows('events'),
    postReports: await countRows('post_reports'),
  });
  const rowOf = async (table: 'campaigns' | 'events', id: string) =>
    (await t.sql(`SELECT * FROM ${table} WHERE id = $1`, [id]))[0];

  const campaignInput = (overrides: Overrides = {}) => ({
    communityId: community.id,
    kind: 'SCREENING_TOUR',
    title: 'Alita anniversary screenings',
    hashtags: ['AlitaArmy'],
    startsAt: inHours(2),
    endsAt: inHours(24 * 10),
    ...overrides,
  });
  const eventInput = (overrides: Overrides = {}) => ({
    campaignId: campaign.id,
    kind: 'SCREENING',
    title: 'Alita: Battle Angel, anniversary screening',
    startsAt: inHours(48),
    endsAt: inHours(51),
    timezone: 'America/Los_Angeles',
    venue: VENUE,
    capacity: 50,
    ...overrides,
  });

  /** Sends a mutation that must fail with `code` naming `fields`, and checks nothing changed. */
  async function expectRefused(
    query: string,
    variables: Record<string, unknown>,
    code: string,
    fields: string[],
    changed?: { table: 'campaigns' | 'events'; id: string },
  ) {
    const before = await counts();
    const row = changed && (await rowOf(changed.table, changed.id));
    expectError(await t.gql(query, variables, organizer.token), code, fields);
    expect(await counts()).toEqual(before);
    if (changed) expect(await rowOf(changed.table, changed.id)).toEqual(row);
  }

  describe('createCampaign', () => {
    it.each([...campaignRows, ['kind', 'an unknown kind', { kind: 'FLASH_MOB' }]] as [
      string,
      string,
      Overrides,
    ][])(
      'refuses a bad %s (%s) with BAD_USER_INPUT and writes nothing',
      async (field, _why, overrides) => {
        await expectRefused(
          CREATE_CAMPAIGN,
          { input: campaignInput(overrides) },
          'BAD_USER_INPUT',
          [field],
        );
      },
    );

    it('reminds 1440 and 60 minutes before by default', async () => {
      const { createCampaign: created } = expectData(
        await t.gql(CREATE_CAMPAIGN, { input: campaignInput() }, organizer.token),
      );
      expect(created.reminderOffsetsMinutes).toEqual([1440, 60]);
      expect((await rowOf('campaigns', created.id)).reminder_offsets_minutes).toEqual([1440, 60]);
    });

    it('counts distinct reminder offsets: six times 60 is stored as [60]', async () => {
      const input = campaignInput({ reminderOffsetsMinutes: [60, 60, 60, 60, 60, 60] });
      const { createCampaign: created } = expectData(
        await t.gql(CREATE_CAMPAIGN, { input }, organizer.token),
      );
      expect(created.reminderOffsetsMinutes).toEqual([60]);
      expect((await rowOf('campaigns', created.id)).reminder_offsets_minutes).toEqual([60]);
    });

    it('accepts every limit at its edge', async () => {
      const hashtags = ['ab', 'h'.repeat(100), ...Array.from({ length: 8 }, (_, i) => `Tag${i}`)];
      const input = campaignInput({
        title: ` ${'t'.repeat(200)} `,
        description: 'd'.repeat(5000),
        hashtags: [...hashtags, 'ab'],
        reminderOffsetsMinutes: [0, 43200, 1, 2, 3],
        goal: { metric: 'PARTICIPANTS', target: 1 },
      });
      const { createCampaign: created } = expectData(
        await t.gql(CREATE_CAMPAIGN, { input }, organizer.token),
      );
      expect(created).toMatchObject({
        title: 't'.repeat(200),
        description: 'd'.repeat(5000),
        hashtags,
        reminderOffsetsMinutes: [43200, 3, 2, 1, 0],
        goal: { metric: 'PARTICIPANTS', target: 1 },
      });
    });
  });

  describe('updateCampaign', () => {
    it.each([
      ...campaignRows,
      ['endsAt', 'endsAt moved onto the current start', { endsAt: CAMPAIGN_START }],
      ['endsAt', 'startsAt moved onto the current end', { startsAt: CAMPAIGN_END }],
    ] as [string, string, Overrides][])(
      'refuses a bad %s (%s) with BAD_USER_INPUT and changes nothing',
      async (field, _why, input) => {
        await expectRefused(
          UPDATE_CAMPAIGN,
          { id: campaign.id, input },
          'BAD_USER_INPUT',
          [field],
          { table: 'campaigns', id: campaign.id },
        );
      },
    );

    it('counts distinct reminder offsets: six times 60 is stored as [60]', async () => {
      const other = await createCampaign(t, organizer, community.id);
      const { updateCampaign: updated } = expectData(
        await t.gql(
          UPDATE_CAMPAIGN,
          { id: other.id, input: { reminderOffsetsMinutes: [60, 60, 60, 60, 60, 60] } },
          organizer.token,
        ),
      );
      expect(updated.reminderOffsetsMinutes).toEqual([60]);
      const { campaign: seen } = expectData(
        await t.gql(CAMPAIGN, { id: other.id }, organizer.token),
      );
      expect(seen.reminderOffsetsMinutes).toEqual([60]);
    });
  });

  describe('cancelCampaign', () => {
    it('refuses a reason longer than 1000 characters, then takes one of 1000', async () => {
      const other = await createCampaign(t, organizer, community.id);
      const otherEvent = await createEvent(t, organizer, other.id);
      await expectRefused(
        CANCEL_CAMPAIGN,
        { id: other.id, reason: 'r'.repeat(1001) },
        'BAD_USER_INPUT',
        ['reason'],
        { table: 'campaigns', id: other.id },
      );
      expect((await rowOf('events', otherEvent.id)).status).toBe('SCHEDULED');
      const { cancelCampaign } = expectData(
        await t.gql(
          CANCEL_CAMPAIGN,
          { id: other.id, reason: ` ${'r'.repeat(1000)} ` },
          organizer.token,
        ),
      );
      expect(cancelCampaign.status).toBe('CANCELLED');
      expect((await rowOf('campaigns', other.id)).cancel_reason).toBe('r'.repeat(1000));
    });
  });

  describe('createEvent', () => {
    it.each(eventRows)(
      'refuses a bad %s (%s) with BAD_USER_INPUT and writes nothing',
      async (field, _why, overrides) => {
        await expectRefused(CREATE_EVENT, { input: eventInput(overrides) }, 'BAD_USER_INPUT', [
          field,
        ]);
      },
    );

    it('refuses an unknown kind with BAD_USER_INPUT naming kind', async () => {
      await expectRefused(CREATE_EVENT, { input: eventInput({ kind: 'RAVE' }) }, 'BAD_USER_INPUT', [
        'kind',
      ]);
    });

    it('refuses an event with neither a venue nor an onlineUrl, naming both', async () => {
      await expectRefused(
        CREATE_EVENT,
        { input: eventInput({ venue: null, onlineUrl: null }) },
        'BAD_USER_INPUT',
        ['venue', 'onlineUrl'],
      );
    });

    it('refuses a longitude without a latitude, naming a coordinate of the venue', async () => {
      const before = await counts();
      const venue = { name: 'Somewhere', city: 'Austin', country: 'US', longitude: -97.74 };
      const response = await t.gql(CREATE_EVENT, { input: eventInput({ venue }) }, organizer.token);
      expectError(response, 'BAD_USER_INPUT');
      expect(response.errors?.[0].extensions?.fields).toEqual([
        expect.stringMatching(/^venue\.(latitude|longitude)$/),
      ]);
      expect(await counts()).toEqual(before);
    });

    it('accepts a null capacity as unlimited, and every limit at its edge', async () => {
      const accepted = async (overrides: Overrides) =>
        expectData(await t.gql(CREATE_EVENT, { input: eventInput(overrides) }, organizer.token))
          .createEvent;
      expect(await accepted({ capacity: null })).toMatchObject({ capacity: null, spotsLeft: null });
      expect((await accepted({ capacity: 1 })).capacity).toBe(1);
      expect((await accepted({ capacity: 1_000_000 })).capacity).toBe(1_000_000);
      const corner = { ...VENUE, country: 'nz', latitude: -90, longitude: 180 };
      expect((await accepted({ venue: corner })).venue).toEqual({
        country: 'NZ',
        latitude: -90,
        longitude: 180,
      });
      const online = await accepted({ venue: null, onlineUrl: 'http://watch.example/alita' });
      expect(online).toMatchObject({ venue: null, onlineUrl: 'http://watch.example/alita' });
      const whole = await accepted({ startsAt: CAMPAIGN_START, endsAt: CAMPAIGN_END });
      expect([whole.startsAt, whole.endsAt]).toEqual([CAMPAIGN_START, CAMPAIGN_END]);
    });
  });

  describe('updateEvent', () => {
    it.each(eventRows)(
      'refuses a bad %s (%s) with BAD_USER_INPUT and changes nothing',
      async (field, _why, input) => {
        await expectRefused(UPDATE_EVENT, { id: event.id, input }, 'BAD_USER_INPUT', [field], {
          table: 'events',
          id: event.id,
        });
      },
    );

    it('refuses to leave the event with neither a venue nor an onlineUrl, naming both', async () => {
      await expectRefused(
        UPDATE_EVENT,
        { id: event.id, input: { venue: null } },
        'BAD_USER_INPUT',
        ['venue', 'onlineUrl'],
        { table: 'events', id: event.id },
      );
    });
  });

  describe('cancelEvent', () => {
    it('refuses a reason longer than 1000 characters, then takes one of 1000', async () => {
      const other = await createEvent(t, organizer, campaign.id);
      await expectRefused(
        CANCEL_EVENT,
        { id: other.id, reason: 'r'.repeat(1001) },
        'BAD_USER_INPUT',
        ['reason'],
        { table: 'events', id: other.id },
      );
      const { cancelEvent } = expectData(
        await t.gql(CANCEL_EVENT, { id: other.id, reason: 'r'.repeat(1000) }, organizer.token),
      );
      expect(cancelEvent.status).toBe('CANCELLED');
    });
  });

  describe('startsAtLocal', () => {
    it('refuses a zone that is not IANA with BAD_USER_INPUT naming timezone', async () => {
      const ok = expectData(await t.gql(STARTS_AT_LOCAL, { id: event.id, tz: 'Asia/Tokyo' }));
      expect(ok.event.startsAtLocal).toMatch(
        /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?\+09:00$/,
      );
      expectError(
        await t.gql(STARTS_AT_LOCAL, { id: event.id, tz: 'Nowhere/City' }),
        'BAD_USER_INPUT',
        ['timezone'],
      );
    });
  });

  describe('events(filter)', () => {
    const near = { latitude: 34.1, longitude: -118.3 };

    it.each([
      [['near', 'radiusKm'], 'near without radiusKm', { filter: { near } }],
      [['near', 'radiusKm'], 'radiusKm without near', { filter: { radiusKm: 10 } }],
      [['radiusKm'], 'radiusKm 0', { filter: { near, radiusKm: 0 } }],
      [['radiusKm'], 'radiusKm 30000', { filter: { near, radiusKm: 30000 } }],
      [
        ['near.latitude'],
        'a latitude of 91',
        { filter: { near: { ...near, latitude: 91 }, radiusKm: 5 } },
      ],
      [['country'], 'country USA', { filter: { country: 'USA' } }],
      [['to'], 'to before from', { filter: { from: inHours(10), to: inHours(5) } }],
      [['first'], 'first 0', { first: 0 }],
      [['first'], 'first 101', { first: 101 }],
    ] as [string[], string, Overrides][])(
      'refuses %j (%s) with BAD_USER_INPUT',
      async (fields, _why, variables) => {
        expectError(await t.gql(EVENTS, variables), 'BAD_USER_INPUT', fields);
      },
    );

    it('finds the event near its venue with a valid radius', async () => {
      const { events } = expectData(
        await t.gql(EVENTS, { filter: { near, radiusKm: 5, campaignId: campaign.id } }),
      );
      expect(events.edges.map((e: any) => e.node.id)).toContain(event.id);
    });

    it('reads a lower-case country as its ISO code', async () => {
      const { events } = expectData(
        await t.gql(EVENTS, { filter: { country: ' us ', campaignId: campaign.id } }),
      );
      expect(events.edges.map((e: any) => e.node.id)).toContain(event.id);
    });
  });

  describe('reportPost', () => {
    const report = (url: string) =>
      t.gql(
        REPORT_POST,
        { input: { campaignId: campaign.id, platform: 'X', url } },
        participant.token,
      );

    it.each([
      ['url', 'ftp', 'ftp://x.org/post/1'],
      ['url', 'javascript', 'javascript:alert(1)'],
      ['url', 'not a URL', 'not a url'],
      ['url', 'no protocol', 'x.com/alita/status/1'],
      ['url', '2049 characters', `https://x.com/${'a'.repeat(2035)}`],
    ])('refuses a bad %s (%s) with BAD_USER_INPUT and writes nothing', async (field, _why, url) => {
      const before = await counts();
      expectError(await report(url), 'BAD_USER_INPUT', [field]);
      expect(await counts()).toEqual(before);
    });

    it('takes a URL of 2048 characters', async () => {
      const url = `https://x.com/${'b'.repeat(2034)}`;
      expect(url).toHaveLength(2048);
      expect(expectData(await report(url)).reportPost.url).toBe(url);
    });

    it('refuses a second report of the same URL with CONFLICT naming url', async () => {
      const url = `https://x.com/alita/status/${Date.now()}`;
      expectData(await report(url));
      const before = await counts();
      expectError(await report(url), 'CONFLICT', ['url']);
      expectError(await report(url.replace('x.com', 'X.COM')), 'CONFLICT', ['url']);
      expect(await counts()).toEqual(before);
    });
  });
});
