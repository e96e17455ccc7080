import { expectData, expectRefused } from './helpers/expectations.js';
import {
  createCampaign,
  createCommunityWithRoles,
  createEvent,
  createMember,
  inHours,
  joinEvent,
  type TestCampaign,
  type TestCommunity,
  type TestMember,
} from './helpers/factories.js';
import { startTestApp, type TestApp } from './helpers/test-app.js';

const UPDATE_CAMPAIGN = `mutation ($id: ID!, $input: UpdateCampaignInput!) {
  updateCampaign(id: $id, input: $input) { id startsAt endsAt }
}`;
const PUBLISH_CAMPAIGN = `mutation ($id: ID!) { publishCampaign(id: $id) { id status } }`;
const CANCEL_CAMPAIGN = `mutation ($id: ID!) { cancelCampaign(id: $id, reason: "Venue lost") { id status } }`;
const CREATE_EVENT = `mutation ($input: CreateEventInput!) { createEvent(input: $input) { id } }`;
const UPDATE_EVENT = `mutation ($id: ID!, $input: UpdateEventInput!) { updateEvent(id: $id, input: $input) { id } }`;
const CANCEL_EVENT = `mutation ($id: ID!) { cancelEvent(id: $id, reason: "Venue flooded") { id status } }`;
const JOIN_EVENT = `mutation ($id: ID!) { joinEvent(eventId: $id) { status } }`;
const REPORT_POST = `mutation ($input: ReportPostInput!) { reportPost(input: $input) { id } }`;
const ANNOUNCE = `mutation ($input: AnnounceInput!) { announce(input: $input) { id } }`;

/** What the lifecycle worker leaves behind once a campaign is over: it and its events ENDED. */
const END_CAMPAIGN = `
  WITH ended AS (
    UPDATE campaigns SET status = 'ENDED', starts_at = now() - interval '3 days',
                         ends_at = now() - interval '1 hour'
     WHERE id = $1 RETURNING id)
  UPDATE events SET status = 'ENDED', starts_at = now() - interval '2 days',
                    ends_at = now() - interval '2 hours'
   WHERE campaign_id IN (SELECT id FROM ended)`;
const END_EVENT = `UPDATE events SET status = 'ENDED' WHERE id = $1`;

/**
 * The rules of what may change once a campaign or event is over, and of what members may do in
 * a campaign that is not open: each refusal carries the contract's code and writes nothing. The
 * lifecycle worker does not run here; where a test needs an ENDED row, it writes what the
 * worker would. No read cache, so the app sees those rows at once.
 */
describe('campaign and event rules', () => {
  let t: TestApp;
  let community: TestCommunity;
  let organizer: TestMember;
  let member: TestMember;

  beforeAll(async () => {
    t = await startTestApp({ READ_CACHE_MS: '0' });
    ({ community, organizer, member } = await createCommunityWithRoles(t));
  });
  afterAll(() => t.close());

  /** A published campaign that started two days ago and runs for a month. */
  const runningCampaign = () =>
    createCampaign(t, organizer, community.id, { startsAt: inHours(-48), endsAt: inHours(720) });

  const eventInput = (campaignId: string) => ({
    campaignId,
    kind: 'WATCH_PARTY',
    title: 'Alita watch party',
    startsAt: inHours(48),
    endsAt: inHours(51),
    timezone: 'Europe/Paris',
    onlineUrl: 'https://watch.example/alita',
  });

  const cancelCampaign = async (campaign: TestCampaign) =>
    expectData(await t.gql(CANCEL_CAMPAIGN, { id: campaign.id }, organizer.token));

  /** Closes the campaign the way `status` names: cancelled by its organizer, or over. */
  async function close(campaign: TestCampaign, status: 'CANCELLED' | 'ENDED'): Promise<void> {
    if (status === 'CANCELLED') await cancelCampaign(campaign);
    else await t.sql(END_CAMPAIGN, [campaign.id]);
  }

  describe('publishCampaign', () => {
    it('refuses a draft whose end has passed with CONFLICT naming endsAt, and writes nothing', async () => {
      const draft = await createCampaign(t, organizer, community.id, {
        publish: false,
        startsAt: inHours(-48),
        endsAt: inHours(-1),
      });
      const publish = () => t.gql(PUBLISH_CAMPAIGN, { id: draft.id }, organizer.token);
      await expectRefused(t, publish, 'CONFLICT', ['endsAt']);

      expectData(
        await t.gql(
          UPDATE_CAMPAIGN,
          { id: draft.id, input: { endsAt: inHours(24) } },
          organizer.token,
        ),
      );
      expect(expectData(await publish()).publishCampaign.status).toBe('SCHEDULED');
    });
  });

  describe('updateCampaign', () => {
    it.each([
      [['startsAt'], 'a start after its first event starts', { startsAt: inHours(49) }],
      [['endsAt'], 'an end before its last event ends', { endsAt: inHours(50) }],
      [['startsAt', 'endsAt'], 'both', { startsAt: inHours(49), endsAt: inHours(50) }],
    ])(
      'refuses dates that leave an event outside (%j: %s) with CONFLICT, and writes nothing',
      async (fields, _why, input) => {
        const campaign = await createCampaign(t, organizer, community.id);
        await createEvent(t, organizer, campaign.id, {
          startsAt: inHours(48),
          endsAt: inHours(51),
        });
        await expectRefused(
          t,
          () => t.gql(UPDATE_CAMPAIGN, { id: campaign.id, input }, organizer.token),
          'CONFLICT',
          fields,
        );
      },
    );
  });

  describe.each(['CANCELLED', 'ENDED'] as const)('a campaign that is %s', (status) => {
    let campaign: TestCampaign;
    let eventId: string;

    beforeAll(async () => {
      campaign = await createCampaign(t, organizer, community.id);
      eventId = (await createEvent(t, organizer, campaign.id)).id;
      await close(campaign, status);
    });

    it('refuses updateCampaign with CONFLICT, and writes nothing', async () => {
      const input = { title: 'Renamed', endsAt: inHours(24 * 60) };
      await expectRefused(
        t,
        () => t.gql(UPDATE_CAMPAIGN, { id: campaign.id, input }, organizer.token),
        'CONFLICT',
      );
    });

    it('refuses publishCampaign with CONFLICT, and writes nothing', async () => {
      await expectRefused(
        t,
        () => t.gql(PUBLISH_CAMPAIGN, { id: campaign.id }, organizer.token),
        'CONFLICT',
      );
    });

    it('refuses createEvent with CONFLICT, and writes nothing', async () => {
      await expectRefused(
        t,
        () => t.gql(CREATE_EVENT, { input: eventInput(campaign.id) }, organizer.token),
        'CONFLICT',
      );
    });

    it('refuses updateEvent of its events with CONFLICT, and writes nothing', async () => {
      await expectRefused(
        t,
        () => t.gql(UPDATE_EVENT, { id: eventId, input: { title: 'Renamed' } }, organizer.token),
        'CONFLICT',
      );
    });
  });

  describe('cancelCampaign', () => {
    it('refuses an ended campaign with CONFLICT, and writes nothing', async () => {
      const campaign = await createCampaign(t, organizer, community.id);
      await createEvent(t, organizer, campaign.id);
      await t.sql(END_CAMPAIGN, [campaign.id]);
      await expectRefused(
        t,
        () => t.gql(CANCEL_CAMPAIGN, { id: campaign.id }, organizer.token),
        'CONFLICT',
      );
    });
  });

  describe('an event that is CANCELLED or ENDED in an open campaign', () => {
    let campaign: TestCampaign;
    beforeAll(async () => {
      campaign = await runningCampaign();
    });

    const cancelledEvent = async () => {
      const event = await createEvent(t, organizer, campaign.id);
      expectData(await t.gql(CANCEL_EVENT, { id: event.id }, organizer.token));
      return event;
    };
    const endedEvent = async () => {
      const event = await createEvent(t, organizer, campaign.id, {
        startsAt: inHours(-5),
        endsAt: inHours(-2),
      });
      await t.sql(END_EVENT, [event.id]);
      return event;
    };

    it.each([
      ['CANCELLED', cancelledEvent],
      ['ENDED', endedEvent],
    ])('refuses updateEvent of a %s event with CONFLICT, and writes nothing', async (_, closed) => {
      const event = await closed();
      const input = { title: 'Renamed', capacity: 10 };
      await expectRefused(
        t,
        () => t.gql(UPDATE_EVENT, { id: event.id, input }, organizer.token),
        'CONFLICT',
      );
    });

    it('refuses cancelEvent of an ENDED event with CONFLICT, and writes nothing', async () => {
      const event = await endedEvent();
      await expectRefused(
        t,
        () => t.gql(CANCEL_EVENT, { id: event.id }, organizer.token),
        'CONFLICT',
      );
    });
  });

  describe('joinEvent', () => {
    it('refuses an event whose end has passed but is not marked ENDED yet with CONFLICT, and writes nothing', async () => {
      const campaign = await runningCampaign();
      const over = await createEvent(t, organizer, campaign.id, {
        startsAt: inHours(-3),
        endsAt: inHours(-1),
      });
      const running = await createEvent(t, organizer, campaign.id, {
        startsAt: inHours(-1),
        endsAt: inHours(2),
      });
      const [status] = await t.sql('SELECT status FROM events WHERE id = $1', [over.id]);
      expect(status).toEqual({ status: 'SCHEDULED' });
      const fan = await createMember(t);
      await expectRefused(t, () => t.gql(JOIN_EVENT, { id: over.id }, fan.token), 'CONFLICT');
      expect((await joinEvent(t, fan, running.id)).status).toBe('GOING');
    });
  });

  describe('reportPost and announce', () => {
    const report = (campaign: TestCampaign, by: TestMember) =>
      t.gql(
        REPORT_POST,
        {
          input: {
            campaignId: campaign.id,
            platform: 'X',
            url: `https://x.com/alita/status/${campaign.id}`,
          },
        },
        by.token,
      );
    const announce = (campaign: TestCampaign) =>
      t.gql(ANNOUNCE, { input: { campaignId: campaign.id, message: 'See you!' } }, organizer.token);

    it('refuses both on a DRAFT campaign with CONFLICT, and writes nothing', async () => {
      const draft = await createCampaign(t, organizer, community.id, { publish: false });
      await expectRefused(t, () => report(draft, organizer), 'CONFLICT');
      await expectRefused(t, () => announce(draft), 'CONFLICT');
    });

    /** A published campaign whose event `member` joined, then closed as `status` says. */
    async function joinedThenClosed(status: 'CANCELLED' | 'ENDED'): Promise<TestCampaign> {
      const campaign = await createCampaign(t, organizer, community.id);
      await joinEvent(t, member, (await createEvent(t, organizer, campaign.id)).id);
      await close(campaign, status);
      return campaign;
    }

    it('refuses both on a CANCELLED campaign, even to its participants, with CONFLICT, and writes nothing', async () => {
      const campaign = await joinedThenClosed('CANCELLED');
      await expectRefused(t, () => report(campaign, member), 'CONFLICT');
      await expectRefused(t, () => announce(campaign), 'CONFLICT');
    });

    it('takes both once the campaign is over', async () => {
      const campaign = await joinedThenClosed('ENDED');
      expectData(await report(campaign, member));
      expectData(await announce(campaign));
    });
  });
});
