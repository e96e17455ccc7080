import pg from 'pg';
import { insertMembers, type BulkMember } from './helpers/bulk-members.js';
import { expectData } from './helpers/expectations.js';
import { eventually } from './helpers/eventually.js';
import { createEventWithRoles } from './helpers/factories.js';
import { startTestApp, type TestApp } from './helpers/test-app.js';

const JOIN = `mutation ($id: ID!) { joinEvent(eventId: $id) { status } }`;
const LEAVE = `mutation ($id: ID!) { leaveEvent(eventId: $id) { status } }`;

interface Rsvp {
  join(member: BulkMember, eventId: string): Promise<void>;
  leave(member: BulkMember, eventId: string): Promise<void>;
}

interface Tally {
  going: number;
  waitlisted: number;
  rows: number;
  members: number;
  goingCounter: number;
  waitlistCounter: number;
  /** Highest join_seq among those GOING and lowest among those WAITLISTED. */
  lastSeated: number | null;
  firstWaiting: number | null;
}

/** Random integer in [min, max]. */
const between = (min: number, max: number) => min + Math.floor(Math.random() * (max - min + 1));

describe('RSVPs under concurrency', () => {
  let t: TestApp;
  let pool: pg.Pool;

  beforeAll(async () => {
    t = await startTestApp({ DATABASE_POOL_SIZE: '20' });
    pool = new pg.Pool({ connectionString: t.config.database.url, max: 20 });
  });
  afterAll(async () => {
    await pool.end();
    await t.close();
  });

  /** The API, as members use it. */
  const api: Rsvp = {
    async join(member, eventId) {
      expectData(await t.gql(JOIN, { id: eventId }, member.token));
    },
    async leave(member, eventId) {
      expectData(await t.gql(LEAVE, { id: eventId }, member.token));
    },
  };

  /** A deliberately naive check-then-insert, to show that the harness sees a race. */
  const racy: Rsvp = {
    async join(member, eventId) {
      const { rows } = await pool.query<{ going: number; capacity: number }>(
        `SELECT (SELECT count(*)::int FROM participations
                  WHERE event_id = $1 AND status IN ('GOING', 'CHECKED_IN')) AS going,
                capacity FROM events WHERE id = $1`,
        [eventId],
      );
      const status = rows[0].going < rows[0].capacity ? 'GOING' : 'WAITLISTED';
      await pool.query(
        `INSERT INTO participations (event_id, member_id, status, campaign_id)
         SELECT $1, $2, $3, campaign_id FROM events WHERE id = $1
         ON CONFLICT DO NOTHING`,
        [eventId, member.id, status],
      );
    },
    async leave(member, eventId) {
      await pool.query(
        `UPDATE participations SET status = 'CANCELLED' WHERE event_id = $1 AND member_id = $2`,
        [eventId, member.id],
      );
    },
  };

  /**
   * Every member joins at once, a tenth of them submit twice, and a tenth leave again as soon
   * as their join returns. Returns how many left.
   */
  async function stampede(rsvp: Rsvp, eventId: string, members: BulkMember[]): Promise<number> {
    const duplicates = members.filter(() => Math.random() < 0.1);
    // A leaver submits once: a repeated join landing after the leave would rightly rejoin.
    const leavers = new Set(
      members.filter((member) => !duplicates.includes(member) && Math.random() < 0.1),
    );
    const left = leavers.size;
    await Promise.all(
      [...members, ...duplicates].map(async (member) => {
        await rsvp.join(member, eventId);
        if (leavers.delete(member)) await rsvp.leave(member, eventId);
      }),
    );
    return left;
  }

  async function tally(eventId: string): Promise<Tally> {
    const [row] = await t.sql<Tally>(
      `SELECT count(*) FILTER (WHERE p.status IN ('GOING', 'CHECKED_IN'))::int AS going,
              count(*) FILTER (WHERE p.status = 'WAITLISTED')::int AS waitlisted,
              count(*)::int AS rows,
              count(DISTINCT p.member_id)::int AS members,
              max(e.going_count)::int AS "goingCounter",
              max(e.waitlist_count)::int AS "waitlistCounter",
              max(p.join_seq) FILTER (WHERE p.status = 'GOING')::int AS "lastSeated",
              min(p.join_seq) FILTER (WHERE p.status = 'WAITLISTED')::int AS "firstWaiting"
         FROM events e JOIN participations p ON p.event_id = e.id
        WHERE e.id = $1`,
      [eventId],
    );
    return row;
  }

  /** What must hold after any mix of joins and leaves on an event of this capacity. */
  function violations(state: Tally, capacity: number): string[] {
    const found: string[] = [];
    if (state.going > capacity) found.push(`${state.going} going over capacity ${capacity}`);
    if (state.rows !== state.members) found.push('two rows for one member');
    if (state.waitlisted > 0 && state.going < capacity) found.push('a free seat while others wait');
    if (
      state.lastSeated !== null &&
      state.firstWaiting !== null &&
      state.firstWaiting < state.lastSeated
    ) {
      found.push('someone was seated ahead of an earlier member still waiting');
    }
    return found;
  }

  it('seats exactly 50 of 200 simultaneous joins and lines the other 150 up as 1..150', async () => {
    const { event, organizer } = await createEventWithRoles(t, { capacity: 50 });
    const members = await insertMembers(t, 200);
    await Promise.all(members.map((member) => api.join(member, event.id)));

    const state = await tally(event.id);
    expect(state).toMatchObject({ going: 50, waitlisted: 150, rows: 200, members: 200 });
    expect([state.goingCounter, state.waitlistCounter]).toEqual([50, 150]);
    const positions: number[] = [];
    let after: string | null = null;
    do {
      const { event: seen }: any = expectData(
        await t.gql(
          `query ($id: ID!, $after: String) {
            event(id: $id) {
              participants(status: WAITLISTED, first: 100, after: $after) {
                pageInfo { hasNextPage endCursor }
                edges { node { waitlistPosition } }
              }
            }
          }`,
          { id: event.id, after },
          organizer.token,
        ),
      );
      positions.push(...seen.participants.edges.map((e: any) => e.node.waitlistPosition));
      after = seen.participants.pageInfo.hasNextPage ? seen.participants.pageInfo.endCursor : null;
    } while (after);
    expect(positions).toEqual(Array.from({ length: 150 }, (_, i) => i + 1));
  });

  it('keeps capacity, counters and join order through 10 rounds of joins, repeats and leaves', async () => {
    for (let round = 0; round < 10; round++) {
      const capacity = between(1, 120);
      const { event } = await createEventWithRoles(t, { capacity });
      const members = await insertMembers(t, 200);
      const left = await stampede(api, event.id, members);
      const state = await tally(event.id);
      expect(state.going + state.waitlisted).toBe(200 - left);
      expect({ round, capacity, problems: violations(state, capacity) }).toEqual({
        round,
        capacity,
        problems: [],
      });
      expect([state.goingCounter, state.waitlistCounter]).toEqual([state.going, state.waitlisted]);
    }
  });

  it('sees a naive check-then-insert seat more than capacity, so the harness can catch one', async () => {
    const seen: string[] = [];
    const overbooked = () => seen.some((problem) => problem.includes('over capacity'));
    for (let attempt = 0; attempt < 5 && !overbooked(); attempt++) {
      const capacity = 50;
      const { event } = await createEventWithRoles(t, { capacity });
      const members = await insertMembers(t, 200);
      await stampede(racy, event.id, members);
      seen.push(...violations(await tally(event.id), capacity));
    }
    expect(seen).toContainEqual(expect.stringMatching(/over capacity/));
  });

  it('lets an unlimited event take every concurrent join', async () => {
    const { event } = await createEventWithRoles(t, { capacity: null });
    const members = await insertMembers(t, 300);
    const left = await stampede(api, event.id, members);
    expect(await tally(event.id)).toMatchObject({ going: 300 - left, waitlisted: 0, rows: 300 });
  });

  it('takes the exclusive lock when capacity is set while a join waits for the event', async () => {
    const { event } = await createEventWithRoles(t, { capacity: null });
    const [member] = await insertMembers(t, 1);
    const organizerSession = await pool.connect();
    try {
      // An unlimited event as the join first reads it, limited once it holds the lock.
      await organizerSession.query('BEGIN');
      await organizerSession.query('UPDATE events SET capacity = 5 WHERE id = $1', [event.id]);
      const joined = t.gql(JOIN, { id: event.id }, member.token);
      await eventually(
        async () => {
          const { rows } = await pool.query(
            `SELECT 1 FROM pg_stat_activity
              WHERE datname = current_database() AND wait_event_type = 'Lock'
                AND query LIKE '%join_event%'`,
          );
          return rows.length ? true : undefined;
        },
        { what: 'the join to wait for the event row' },
      );
      await organizerSession.query('COMMIT');
      expect(expectData(await joined)).toEqual({ joinEvent: { status: 'GOING' } });
    } finally {
      organizerSession.release();
    }
    expect(await tally(event.id)).toMatchObject({ going: 1, goingCounter: 1, rows: 1 });
  });
});
