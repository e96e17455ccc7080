import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { Client } from 'graphql-ws';
import { Redis } from 'ioredis';
import { getQueueToken } from '@nestjs/bullmq';
import type { Job, Queue } from 'bullmq';
import { QueueName } from '../src/queues/queue-name.js';
import { tallyChannel } from '../src/tallies/campaign-tally.js';
import {
  RECOMPUTE,
  RECONCILE_TALLIES,
  RECONCILE_TALLIES_EVERY_MS,
  TALLY_DEBOUNCE_MS,
  type RecomputeTally,
} from '../src/tallies/tally-jobs.js';
import { TalliesProcessor } from '../src/tallies/tallies.processor.js';
import { insertMembers, insertParticipations, type BulkMember } from './helpers/bulk-members.js';
import { eventually } from './helpers/eventually.js';
import { expectData, expectError } from './helpers/expectations.js';
import {
  createCampaign,
  createCommunityWithRoles,
  createEvent,
  createMember,
  inHours,
  joinEvent,
  type TestMember,
} from './helpers/factories.js';
import { listen, replicasListening, WsClients } from './helpers/live.js';
import { startTestApp, type TestApp } from './helpers/test-app.js';
import { scratchTally, type TallyFields } from './helpers/tallies.js';

const TALLY = `query ($id: ID!) {
  campaign(id: $id) {
    tally {
      campaignId participants going waitlisted checkedIn posts goalProgress updatedAt
      byCity { city country going checkedIn }
    }
  }
}`;

const LEADERBOARD = `query ($id: ID!, $by: LeaderboardDimension!, $first: Int) {
  campaign(id: $id) { leaderboard(by: $by, first: $first) { rank label score member { id } } }
}`;

const TALLY_UPDATED = `subscription ($id: ID!) {
  campaignTallyUpdated(campaignId: $id) { campaignId participants going waitlisted checkedIn posts }
}`;

type ApiTally = TallyFields & {
  campaignId: string;
  goalProgress: number | null;
  updatedAt: string;
};

const venue = (city: string, country: string) => ({ name: `${city} Cinema`, city, country });

describe('campaign tallies and leaderboards', () => {
  let t: TestApp;
  let b: TestApp;
  let redis: Redis;
  const clients = new WsClients();

  beforeAll(async () => {
    t = await startTestApp({}, { workers: true });
    b = await startTestApp({}, { replicaOf: t });
    redis = new Redis(t.config.redis.url);
  });

  afterAll(async () => {
    await clients.disposeAll();
    redis?.disconnect();
    await b?.close();
    await t?.close();
  });

  async function tallyOf(campaignId: string, token?: string): Promise<ApiTally> {
    const { campaign } = expectData(
      await t.gql<{ campaign: { tally: ApiTally } }>(TALLY, { id: campaignId }, token),
    );
    return campaign.tally;
  }

  async function stored(campaignId: string) {
    const [row] = await t.sql<TallyFields>(
      `SELECT participants, going, waitlisted, checked_in AS "checkedIn", posts,
              by_city AS "byCity"
         FROM campaign_tallies WHERE campaign_id = $1`,
      [campaignId],
    );
    return row;
  }

  /** Waits until the stored tally is the from-scratch count, and returns it. */
  const settled = (campaignId: string) =>
    eventually(
      async () => {
        const [row, expected] = await Promise.all([
          stored(campaignId),
          scratchTally(t, campaignId),
        ]);
        return row && isDeepStrictEqual(row, expected) ? row : undefined;
      },
      { what: `the stored tally of ${campaignId} to be exact` },
    );

  async function leaderboard(campaignId: string, by: 'CITY' | 'MEMBER', first?: number) {
    const { campaign } = expectData(
      await t.gql<{
        campaign: {
          leaderboard: {
            rank: number;
            label: string;
            score: number;
            member: { id: string } | null;
          }[];
        };
      }>(LEADERBOARD, { id: campaignId, by, first }),
    );
    return campaign.leaderboard;
  }

  async function checkIn(organizer: TestMember, eventId: string, memberId: string) {
    expectData(
      await t.gql(
        `mutation ($e: ID!, $m: ID!) { checkInMember(eventId: $e, memberId: $m) { status } }`,
        { e: eventId, m: memberId },
        organizer.token,
      ),
    );
  }

  async function reportPost(member: { token: string }, campaignId: string) {
    expectData(
      await t.gql(
        `mutation ($input: ReportPostInput!) { reportPost(input: $input) { id } }`,
        {
          input: { campaignId, platform: 'X', url: `https://x.com/fan/status/${randomUUID()}` },
        },
        member.token,
      ),
    );
  }

  const connect = (app: TestApp, token?: string): Client => clients.connect(app, token);

  /** Subscribes to a campaign's tallies; collects what arrives. */
  const watch = (client: Client, campaignId: string) =>
    listen<{ campaignTallyUpdated: TallyFields }>(client, {
      query: TALLY_UPDATED,
      variables: { id: campaignId },
    });

  /** Waits until every API replica listens on the campaign's tally channel. */
  const listening = (campaignId: string, replicas: number) =>
    replicasListening(redis, tallyChannel(t.config.redis.queuePrefix, campaignId), replicas);

  /** Waits for the first message or error of a subscription. */
  const firstOf = (watcher: ReturnType<typeof watch>, what: string) =>
    eventually(
      () =>
        Promise.resolve(
          watcher.results[0] ?? (watcher.error ? { errors: [watcher.error] } : undefined),
        ),
      { what },
    );

  describe('Campaign.tally', () => {
    it('counts a campaign never tallied from its rows', async () => {
      // An API without workers: nothing stores tallies.
      const api = await startTestApp();
      try {
        const { community, organizer } = await createCommunityWithRoles(api);
        const campaign = await createCampaign(api, organizer, community.id);
        const event = await createEvent(api, organizer, campaign.id, { capacity: null });
        const fans = await insertMembers(api, 3);
        await insertParticipations(
          api,
          event.id,
          fans.map((fan) => fan.id),
        );

        const { campaign: read } = expectData(
          await api.gql<{ campaign: { tally: ApiTally } }>(TALLY, { id: campaign.id }),
        );

        expect(read.tally).toMatchObject({ campaignId: campaign.id, participants: 3, going: 3 });
        expect(Date.parse(read.tally.updatedAt)).not.toBeNaN();
        expect(await api.sql('SELECT * FROM campaign_tallies')).toEqual([]);
      } finally {
        await api.close();
      }
    });

    it('keeps every count and the goal exactly as members join, leave, check in and post', async () => {
      const { community, organizer } = await createCommunityWithRoles(t);
      const campaign = await createCampaign(t, organizer, community.id, {
        goal: { metric: 'PARTICIPANTS', target: 4 },
      });
      const soon = { startsAt: inHours(1), endsAt: inHours(3) };
      const la1 = await createEvent(t, organizer, campaign.id, {
        ...soon,
        venue: venue('Los Angeles', 'US'),
        capacity: 2,
      });
      const la2 = await createEvent(t, organizer, campaign.id, {
        venue: venue('Los Angeles', 'US'),
        capacity: null,
      });
      const parisFr = await createEvent(t, organizer, campaign.id, {
        ...soon,
        venue: venue('Paris', 'FR'),
        timezone: 'Europe/Paris',
      });
      const online = await createEvent(t, organizer, campaign.id, {
        kind: 'WATCH_PARTY',
        venue: null,
        onlineUrl: 'https://watch.example/alita',
        capacity: null,
      });
      const [ana, ben, cat, dev, eli] = await Promise.all(
        Array.from({ length: 5 }, () => createMember(t)),
      );

      await joinEvent(t, ana, la1.id);
      await joinEvent(t, ana, la2.id);
      await joinEvent(t, ben, la1.id);
      expect((await joinEvent(t, cat, la1.id)).status).toBe('WAITLISTED');
      await joinEvent(t, dev, parisFr.id);
      await checkIn(organizer, parisFr.id, dev.id);
      await joinEvent(t, eli, online.id);
      await reportPost(eli, campaign.id);
      await reportPost(dev, campaign.id);

      expect(await settled(campaign.id)).toEqual({
        participants: 4,
        going: 4,
        waitlisted: 1,
        checkedIn: 1,
        posts: 2,
        byCity: [
          { city: 'Los Angeles', country: 'US', going: 3, checkedIn: 0 },
          { city: 'Paris', country: 'FR', going: 0, checkedIn: 1 },
        ],
      });
      expect(await tallyOf(campaign.id)).toMatchObject({ participants: 4, goalProgress: 1 });

      // A leave promotes the waitlist: the same participants, one fewer waiting.
      expectData(
        await t.gql(
          `mutation ($id: ID!) { leaveEvent(eventId: $id) { status } }`,
          { id: la1.id },
          ben.token,
        ),
      );
      expect(await settled(campaign.id)).toMatchObject({
        participants: 4,
        going: 4,
        waitlisted: 0,
      });

      // Nothing at a cancelled event counts.
      expectData(
        await t.gql(
          `mutation ($id: ID!) { cancelEvent(id: $id) { status } }`,
          { id: parisFr.id },
          organizer.token,
        ),
      );
      const afterCancel = await settled(campaign.id);
      expect(afterCancel).toMatchObject({ participants: 3, checkedIn: 0, posts: 2 });
      expect(afterCancel.byCity).toEqual([
        { city: 'Los Angeles', country: 'US', going: 3, checkedIn: 0 },
      ]);
      // Replicas answer from a tally they read at most a second ago.
      await eventually(
        async () => ((await tallyOf(campaign.id)).goalProgress === 0.75 ? true : undefined),
        { what: 'the API to answer the new goal progress' },
      );
    });

    it('gives a draft campaign’s tally to its organizers only', async () => {
      const { community, organizer, member } = await createCommunityWithRoles(t);
      const draft = await createCampaign(t, organizer, community.id, { publish: false });

      expect(await tallyOf(draft.id, organizer.token)).toMatchObject({ participants: 0, posts: 0 });
      const { campaign } = expectData(
        await t.gql<{ campaign: unknown }>(TALLY, { id: draft.id }, member.token),
      );
      expect(campaign).toBeNull();
    });
  });

  describe('the tally reconciler', () => {
    it('runs every minute and corrects a tally whose request was lost', async () => {
      const queue = t.app.get<Queue>(getQueueToken(QueueName.Tallies), { strict: false });
      expect(await queue.getJobScheduler(RECONCILE_TALLIES)).toMatchObject({
        every: RECONCILE_TALLIES_EVERY_MS,
      });
      const { community, organizer } = await createCommunityWithRoles(t);
      const campaign = await createCampaign(t, organizer, community.id);
      const event = await createEvent(t, organizer, campaign.id, { capacity: null });
      await settled(campaign.id);
      // Joins written behind the API's back: no request reaches the worker.
      const fans = await insertMembers(t, 4);
      await insertParticipations(
        t,
        event.id,
        fans.map((fan) => fan.id),
      );
      expect(await stored(campaign.id)).toMatchObject({ participants: 0 });

      await queue.add(RECONCILE_TALLIES, {});

      expect(await settled(campaign.id)).toMatchObject({ participants: 4, going: 4 });
    });
  });

  describe('Campaign.leaderboard', () => {
    it('ranks members by check-ins plus posts, densely, ties by who got there first', async () => {
      const { community, organizer } = await createCommunityWithRoles(t);
      const campaign = await createCampaign(t, organizer, community.id);
      const event = await createEvent(t, organizer, campaign.id, {
        startsAt: inHours(1),
        endsAt: inHours(3),
        capacity: null,
      });
      const [first, second, third, idle] = await Promise.all(
        Array.from({ length: 4 }, () => createMember(t)),
      );
      for (const fan of [first, second, third, idle]) await joinEvent(t, fan, event.id);
      // second reaches 2 before first does; third has 1; idle only joined.
      await checkIn(organizer, event.id, second.id);
      await reportPost(second, campaign.id);
      await reportPost(first, campaign.id);
      await checkIn(organizer, event.id, first.id);
      await reportPost(third, campaign.id);

      const board = await leaderboard(campaign.id, 'MEMBER');

      expect(board).toEqual([
        { rank: 1, label: second.displayName, score: 2, member: { id: second.id } },
        { rank: 1, label: first.displayName, score: 2, member: { id: first.id } },
        { rank: 2, label: third.displayName, score: 1, member: { id: third.id } },
      ]);
      expect(await leaderboard(campaign.id, 'MEMBER', 2)).toEqual(board.slice(0, 2));
      expect(await leaderboard(campaign.id, 'MEMBER')).toEqual(board);
    });

    it('ranks cities by participants, a city name in two countries as two cities', async () => {
      const { community, organizer } = await createCommunityWithRoles(t);
      const campaign = await createCampaign(t, organizer, community.id);
      const paris = await createEvent(t, organizer, campaign.id, {
        venue: venue('Paris', 'FR'),
        timezone: 'Europe/Paris',
        capacity: null,
      });
      const parisTexas = await createEvent(t, organizer, campaign.id, {
        venue: venue('Paris', 'US'),
        timezone: 'America/Chicago',
        capacity: null,
      });
      const austin = await createEvent(t, organizer, campaign.id, {
        venue: venue('Austin', 'US'),
        timezone: 'America/Chicago',
        capacity: null,
      });
      await createEvent(t, organizer, campaign.id, { venue: venue('Lyon', 'FR'), capacity: null });
      const fans = await Promise.all(Array.from({ length: 5 }, () => createMember(t)));
      for (const fan of fans.slice(0, 3)) await joinEvent(t, fan, paris.id);
      await joinEvent(t, fans[3], parisTexas.id);
      await joinEvent(t, fans[4], austin.id);
      await settled(campaign.id);

      expect(await leaderboard(campaign.id, 'CITY')).toEqual([
        { rank: 1, label: 'Paris, FR', score: 3, member: null },
        { rank: 2, label: 'Austin, US', score: 1, member: null },
        { rank: 2, label: 'Paris, US', score: 1, member: null },
      ]);
    });

    it('refuses a page size outside 1..100, naming first', async () => {
      const { community, organizer } = await createCommunityWithRoles(t);
      const campaign = await createCampaign(t, organizer, community.id);
      for (const first of [0, 101]) {
        expectError(
          await t.gql(LEADERBOARD, { id: campaign.id, by: 'MEMBER', first }),
          'BAD_USER_INPUT',
          ['first'],
        );
      }
    });
  });

  describe('campaignTallyUpdated', () => {
    it('reaches a subscriber on one API replica when a member joins through another', async () => {
      const { community, organizer } = await createCommunityWithRoles(t);
      const campaign = await createCampaign(t, organizer, community.id);
      const event = await createEvent(t, organizer, campaign.id, { capacity: null });
      const fan = await createMember(t);
      const watcher = watch(connect(t), campaign.id);
      await listening(campaign.id, 1);

      expectData(
        await b.gql(
          `mutation ($id: ID!) { joinEvent(eventId: $id) { status } }`,
          { id: event.id },
          fan.token,
        ),
      );

      const update = await firstOf(watcher, 'a pushed tally');
      expect(update.errors).toBeUndefined();
      expect('data' in update && update.data?.campaignTallyUpdated).toEqual({
        campaignId: campaign.id,
        participants: 1,
        going: 1,
        waitlisted: 0,
        checkedIn: 0,
        posts: 0,
      });
      watcher.stop();
    });

    it('pushes a draft’s tallies to its organizers only', async () => {
      const { community, organizer, member } = await createCommunityWithRoles(t);
      const draft = await createCampaign(t, organizer, community.id, { publish: false });

      const outsider = watch(connect(b, member.token), draft.id);
      const refused = await firstOf(outsider, 'the refusal');
      expect(JSON.stringify(refused.errors)).toContain('NOT_FOUND');
      expect(outsider.results.filter((result) => result.data)).toEqual([]);

      const insider = watch(connect(b, organizer.token), draft.id);
      await listening(draft.id, 1);
      await t.worker!.get(TalliesProcessor).recompute(draft.id);
      const update = await firstOf(insider, "the draft's tally");
      expect(update.errors).toBeUndefined();
      expect('data' in update && update.data?.campaignTallyUpdated).toMatchObject({
        campaignId: draft.id,
        going: 0,
      });
      insider.stop();
    });

    it('coalesces a burst of 1,000 joins: recomputes start at least the debounce apart, the last one exact', async () => {
      const { community, organizer } = await createCommunityWithRoles(t);
      const campaign = await createCampaign(t, organizer, community.id);
      const events = await Promise.all(
        [null, 400].map((capacity) => createEvent(t, organizer, campaign.id, { capacity })),
      );
      const fans: BulkMember[] = await insertMembers(t, 1000);
      // The queue's own record of when each recompute job of this campaign started.
      const worker = t.worker!.get(TalliesProcessor).worker;
      const started: number[] = [];
      const onActive = (job: Job<RecomputeTally>) => {
        if (job.name === RECOMPUTE && job.data.campaignId === campaign.id)
          started.push(job.processedOn!);
      };
      worker.on('active', onActive);
      const watcher = watch(connect(b), campaign.id);
      await listening(campaign.id, 1);

      const queue = [...fans.entries()];
      await Promise.all(
        Array.from({ length: 25 }, async () => {
          for (let next = queue.shift(); next; next = queue.shift()) {
            const [i, fan] = next;
            await joinEvent(t, fan, events[i % 2].id);
          }
        }),
      );

      const last = await eventually(
        () => {
          const latest = watcher.results.at(-1)?.data?.campaignTallyUpdated;
          return Promise.resolve(
            latest && latest.going + latest.waitlisted === 1000 ? latest : undefined,
          );
        },
        { deadlineMs: 30_000, what: 'the tally of all 1,000 joins' },
      );
      worker.off('active', onActive);
      // 500 joined the unlimited event; 400 of the other 500 got a seat.
      expect(last).toMatchObject({ participants: 900, going: 900, waitlisted: 100 });
      expect(await settled(campaign.id)).toMatchObject({ participants: 900, going: 900 });
      // Requests are deduplicated per campaign while one waits out the debounce, and one that
      // comes while it runs waits its own: each run starts at least the debounce after the last.
      expect(started.length).toBeGreaterThan(1);
      const gaps = started.slice(1).map((at, i) => at - started[i]);
      expect(gaps.filter((gap) => gap < TALLY_DEBOUNCE_MS)).toEqual([]);
      watcher.stop();
    });
  });
});
