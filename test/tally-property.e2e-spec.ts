import { randomUUID } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { QueueName } from '../src/queues/queue-name.js';
import { TalliesRepository, type Tally } from '../src/tallies/tallies.repository.js';
import { RECOMPUTE } from '../src/tallies/tally-jobs.js';
import { TallyRequests } from '../src/tallies/tally-requests.service.js';
import { insertMembers, type BulkMember } from './helpers/bulk-members.js';
import { eventually } from './helpers/eventually.js';
import type { GraphQLResponse } from './helpers/test-app.js';
import {
  createCampaign,
  createCommunityWithRoles,
  createEvent,
  inHours,
  type TestMember,
} from './helpers/factories.js';
import { scratchTally } from './helpers/tallies.js';
import { startTestApp, type TestApp } from './helpers/test-app.js';

const MEMBERS = 4;
const EVENTS = 3;

/** What a member, an organizer, or a misbehaving tally job does, in one step. */
type Step =
  | { kind: 'join' | 'leave' | 'checkIn'; member: number; event: number }
  | { kind: 'post'; member: number }
  | { kind: 'cancelEvent'; event: number }
  /** A recompute job that runs twice at once (a retry racing the original). */
  | { kind: 'duplicateJob' }
  /** A worker's job that dies after reading the rows and before storing: nothing stored. */
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

/** A run's steps. */
const sequence = fc.array(step, { minLength: 5, maxLength: 30 });

/** The tallies repository with store()'s guard taken away: a stale tally overwrites a newer one. */
class UnguardedTallies extends TalliesRepository {
  protected override readonly newerOnly = '';
}

/** What a business step may be refused with (leaving twice, checking in a waitlisted member...). */
const REFUSALS = ['CONFLICT', 'NOT_FOUND', 'FORBIDDEN'];

/** The status a successful step answers with. */
const ANSWERED: Record<'join' | 'leave' | 'checkIn' | 'cancelEvent', string[]> = {
  // Joining again answers the participation as it stands.
  join: ['GOING', 'WAITLISTED', 'CHECKED_IN'],
  leave: ['CANCELLED'],
  checkIn: ['CHECKED_IN'],
  cancelEvent: ['CANCELLED'],
};

/** A run that leaves a stale read waiting until after the queue drained, counts having moved. */
const STALE_LAST: Step[] = [
  { kind: 'staleJob' },
  { kind: 'join', member: 0, event: 1 },
  { kind: 'post', member: 0 },
];

/** A run in which every kind of count moves, with jobs misbehaving in between. */
const EVERY_COUNT: Step[] = [
  { kind: 'join', member: 0, event: 0 },
  { kind: 'join', member: 1, event: 2 },
  { kind: 'join', member: 2, event: 2 },
  { kind: 'staleJob' },
  { kind: 'checkIn', member: 0, event: 0 },
  { kind: 'killedJob' },
  { kind: 'post', member: 1 },
  { kind: 'duplicateJob' },
  { kind: 'leave', member: 1, event: 2 },
  { kind: 'wakeStaleJob' },
];

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

  /** 'OK' or the refusal's code, after checking that it is one a step may meet. */
  function outcomeOf(response: GraphQLResponse, answered?: string[]): string {
    if (response.errors) {
      const code = response.errors[0].extensions?.code ?? 'NO CODE';
      expect(REFUSALS).toContain(code);
      return code;
    }
    const [result] = Object.values(response.data!) as { status?: string; id?: string }[];
    if (answered) expect(answered).toContain(result.status);
    else expect(result.id).toEqual(expect.any(String));
    return 'OK';
  }

  /**
   * Runs the steps on a new campaign, lets the queue drain, and checks that the stored tally is
   * the from-scratch count, before and after the jobs still stalled wake up. `stalled` is the
   * repository the stalled jobs store through. Returns the count and each step's outcome.
   */
  async function runSteps(steps: Step[], stalled: TalliesRepository) {
    const worker = t.worker!.get(TalliesRepository);
    // Starting within the hour, so that check-in is open.
    const campaign = await createCampaign(t, organizer, communityId, { startsAt: inHours(0.25) });
    const events = await Promise.all(
      [2, null, 1].map((capacity) =>
        createEvent(t, organizer, campaign.id, {
          capacity,
          startsAt: inHours(0.5),
          endsAt: inHours(2.5),
        }),
      ),
    );
    const stale: Tally[] = [];
    const outcomes: { kind: Step['kind']; outcome: string }[] = [];

    for (const s of steps) {
      let outcome = 'OK';
      switch (s.kind) {
        case 'join':
        case 'leave':
          outcome = outcomeOf(
            await t.gql(
              `mutation ($id: ID!) { ${s.kind}Event(eventId: $id) { status } }`,
              { id: events[s.event].id },
              fans[s.member].token,
            ),
            ANSWERED[s.kind],
          );
          break;
        case 'checkIn':
          outcome = outcomeOf(
            await t.gql(
              `mutation ($e: ID!, $m: ID!) { checkInMember(eventId: $e, memberId: $m) { status } }`,
              { e: events[s.event].id, m: fans[s.member].id },
              organizer.token,
            ),
            ANSWERED.checkIn,
          );
          break;
        case 'post':
          outcome = outcomeOf(
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
            ),
          );
          break;
        case 'cancelEvent':
          outcome = outcomeOf(
            await t.gql(
              `mutation ($id: ID!) { cancelEvent(id: $id) { status } }`,
              { id: events[s.event].id },
              organizer.token,
            ),
            ANSWERED.cancelEvent,
          );
          break;
        case 'duplicateJob':
          // Two jobs outside the deduplication: the worker may run them side by side.
          await queue.addBulk(
            [1, 2].map(() => ({ name: RECOMPUTE, data: { campaignId: campaign.id } })),
          );
          break;
        case 'killedJob': {
          // The worker's next store throws: a job that read the rows dies before it stores
          // (BullMQ retries it later, and the retry reads again).
          let died = false;
          const store = worker.store;
          worker.store = () => {
            worker.store = store;
            died = true;
            return Promise.reject(new Error('killed between read and store'));
          };
          await queue.add(
            RECOMPUTE,
            { campaignId: campaign.id },
            { jobId: `killed-${randomUUID()}` },
          );
          await eventually(() => Promise.resolve(died || undefined), {
            what: 'a recompute job to die between read and store',
          });
          break;
        }
        case 'staleJob':
          stale.push(await stalled.compute(campaign.id));
          break;
        case 'wakeStaleJob': {
          const tally = stale.shift();
          if (tally) await stalled.store(tally);
          break;
        }
      }
      outcomes.push({ kind: s.kind, outcome });
    }
    await drained();
    const exact = await scratchTally(t, campaign.id);
    expect(await stored(campaign.id)).toEqual(exact);
    // The jobs still stalled wake up only now: what they read is older than what is stored.
    for (const tally of stale) await stalled.store(tally);
    expect(await stored(campaign.id)).toEqual(exact);
    return { exact, outcomes };
  }

  it('stores, once the queue drains, exactly the from-scratch count', async () => {
    const guarded = t.worker!.get(TalliesRepository);
    const runs: Awaited<ReturnType<typeof runSteps>>[] = [];
    await fc.assert(
      fc.asyncProperty(sequence, async (steps) => {
        runs.push(await runSteps(steps, guarded));
      }),
      { numRuns: 12, examples: [[STALE_LAST], [EVERY_COUNT]] },
    );

    // The runs did something: business steps of each kind went through (refused ones met only
    // the refusals a step may meet, checked per step), and tallies ended above zero.
    const succeeded = (kind: Step['kind']) =>
      runs.flatMap((run) => run.outcomes).filter((o) => o.kind === kind && o.outcome === 'OK');
    for (const kind of ['join', 'leave', 'checkIn', 'post'] as const) {
      expect({ kind, succeeded: succeeded(kind).length > 0 }).toEqual({ kind, succeeded: true });
    }
    const counted = runs.filter((run) => run.exact.participants > 0 && run.exact.going > 0);
    expect(counted.length).toBeGreaterThanOrEqual(runs.length / 2);
    expect(runs.some((run) => run.exact.posts > 0 && run.exact.checkedIn > 0)).toBe(true);
  }, 240_000);

  it('fails, with the stale-store guard taken away, so the property can see that bug', async () => {
    const unguarded = new UnguardedTallies(t.worker!.get(DataSource));
    const failure = await fc
      .assert(
        fc.asyncProperty(sequence, async (steps) => {
          await runSteps(steps, unguarded);
        }),
        { numRuns: 12, examples: [[STALE_LAST]], endOnFailure: true },
      )
      .then(
        () => null,
        (error: Error) => error,
      );
    // Failed on the stored tally, not on a crash along the way.
    expect(failure?.message).toMatch(/^Property failed/);
    expect((failure?.cause as Error | undefined)?.message).toMatch(/toEqual/);
  }, 120_000);

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
