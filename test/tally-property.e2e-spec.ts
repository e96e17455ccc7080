import { randomUUID } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import fc from 'fast-check';
import { QueueName } from '../src/queues/queue-name.js';
import { TalliesRepository, type Tally } from '../src/tallies/tallies.repository.js';
import { RECOMPUTE } from '../src/tallies/tally-jobs.js';
import { TallyRequests } from '../src/tallies/tally-requests.service.js';
import { insertMembers, type BulkMember } from './helpers/bulk-members.js';
import { eventually } from './helpers/eventually.js';
import {
  createCampaign,
  createCommunityWithRoles,
  createEvent,
  type TestMember,
} from './helpers/factories.js';
import { scratchTally } from './helpers/tallies.js';
import { startTestApp, type TestApp } from './helpers/test-app.js';

const MEMBERS = 6;
const EVENTS = 3;

/** What a member, an organizer, or a misbehaving tally job does, in one step. */
type Step =
  | { kind: 'join' | 'leave' | 'checkIn'; member: number; event: number }
  | { kind: 'post'; member: number }
  | { kind: 'cancelEvent'; event: number }
  /** A recompute job that runs twice at once (a retry racing the original). */
  | { kind: 'duplicateJob' }
  /** A job killed after reading the rows and before storing: nothing stored. */
  | { kind: 'killedJob' }
  /** A job that stalls after reading, to store its (by then stale) counts later... */
  | { kind: 'staleJob' }
  /** ...when it wakes up: the oldest stalled job stores what it read. */
  | { kind: 'wakeStaleJob' };

const member = fc.nat({ max: MEMBERS - 1 });
const event = fc.nat({ max: EVENTS - 1 });
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('join' as const), member, event }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('leave' as const), member, event }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('checkIn' as const), member, event }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('post' as const), member }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancelEvent' as const), event }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'duplicateJob' as const }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'killedJob' as const }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'staleJob' as const }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'wakeStaleJob' as const }) },
);

describe('tallies under random activity and misbehaving jobs (property-based)', () => {
  let t: TestApp;
  let organizer: TestMember;
  let communityId: string;
  let fans: BulkMember[];
  let queue: Queue;

  beforeAll(async () => {
    t = await startTestApp({}, { workers: true });
    const roles = await createCommunityWithRoles(t);
    organizer = roles.organizer;
    communityId = roles.community.id;
    fans = await insertMembers(t, MEMBERS);
    queue = t.app.get<Queue>(getQueueToken(QueueName.Tallies), { strict: false });
  });

  afterAll(async () => {
    await t?.close();
  });

  async function stored(campaignId: string) {
    const [row] = await t.sql(
      `SELECT participants, going, waitlisted, checked_in AS "checkedIn", posts,
              by_city AS "byCity"
         FROM campaign_tallies WHERE campaign_id = $1`,
      [campaignId],
    );
    return row;
  }

  /** Waits until no tally request or job is left anywhere. */
  async function drained(): Promise<void> {
    await t.app.get(TallyRequests).flush();
    await eventually(
      async () => {
        // The reconciler's next run always waits in 'delayed': only recomputes count here.
        const jobs = await queue.getJobs(['waiting', 'delayed', 'active', 'prioritized']);
        return jobs.some((job) => job.name === RECOMPUTE) ? undefined : true;
      },
      { what: 'the tallies queue to drain' },
    );
  }

  it('stores, once the queue drains, exactly the from-scratch count', async () => {
    const tallies = t.worker!.get(TalliesRepository);

    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 30 }), async (steps) => {
        const campaign = await createCampaign(t, organizer, communityId);
        const events = await Promise.all(
          [2, null, 1].map((capacity) => createEvent(t, organizer, campaign.id, { capacity })),
        );
        const stale: Tally[] = [];

        for (const s of steps) {
          // Business refusals (leaving twice, checking in a waitlisted member...) are part of
          // the sequence: they answer with an error and must move no count.
          switch (s.kind) {
            case 'join':
            case 'leave':
              await t.gql(
                `mutation ($id: ID!) { ${s.kind}Event(eventId: $id) { status } }`,
                { id: events[s.event].id },
                fans[s.member].token,
              );
              break;
            case 'checkIn':
              await t.gql(
                `mutation ($e: ID!, $m: ID!) { checkInMember(eventId: $e, memberId: $m) { status } }`,
                { e: events[s.event].id, m: fans[s.member].id },
                organizer.token,
              );
              break;
            case 'post':
              await t.gql(
                `mutation ($input: ReportPostInput!) { reportPost(input: $input) { id } }`,
                {
                  input: {
                    campaignId: campaign.id,
                    platform: 'BLUESKY',
                    url: `https://bsky.app/profile/fan/post/${randomUUID()}`,
                  },
                },
                fans[s.member].token,
              );
              break;
            case 'cancelEvent':
              await t.gql(
                `mutation ($id: ID!) { cancelEvent(id: $id) { status } }`,
                { id: events[s.event].id },
                organizer.token,
              );
              break;
            case 'duplicateJob':
              // Two jobs outside the deduplication: the worker may run them side by side.
              await queue.addBulk(
                [1, 2].map(() => ({ name: RECOMPUTE, data: { campaignId: campaign.id } })),
              );
              break;
            case 'killedJob':
              await tallies.compute(campaign.id);
              break;
            case 'staleJob':
              stale.push(await tallies.compute(campaign.id));
              break;
            case 'wakeStaleJob': {
              const tally = stale.shift();
              if (tally) await tallies.store(tally);
              break;
            }
          }
        }
        await drained();
        const exact = await scratchTally(t, campaign.id);
        expect(await stored(campaign.id)).toEqual(exact);
        // The jobs still stalled wake up only now: what they read is older than what is stored.
        for (const tally of stale) await tallies.store(tally);
        expect(await stored(campaign.id)).toEqual(exact);
      }),
      { numRuns: 12 },
    );
  }, 180_000);

  it('never lets a late, stale recompute overwrite a newer tally', async () => {
    const tallies = t.worker!.get(TalliesRepository);
    const campaign = await createCampaign(t, organizer, communityId);
    const open = await createEvent(t, organizer, campaign.id, { capacity: null });
    const before = await tallies.compute(campaign.id);
    await t.gql(
      `mutation ($id: ID!) { joinEvent(eventId: $id) { status } }`,
      { id: open.id },
      fans[0].token,
    );
    const after = await tallies.compute(campaign.id);

    expect(await tallies.store(after)).toMatchObject({ changed: true });
    expect(await tallies.store(before)).toBeNull();
    expect(await stored(campaign.id)).toMatchObject({ going: 1, participants: 1 });
  });
});
