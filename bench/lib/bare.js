import { performance } from 'node:perf_hooks';
import { percentile } from './stats.js';

// The statements ParticipationsRepository.join sends for a capacity-limited event, copied here:
// the baseline is what the same transaction costs through a bare pg Pool.
const COLUMNS = 'p.id, p.event_id, p.member_id, p.status, p.join_seq, p.joined_at, p.checked_in_at';
const WAITLIST_POSITION = `CASE WHEN p.status = 'WAITLISTED' THEN (
    SELECT count(*) FROM participations w
     WHERE w.event_id = p.event_id AND w.status = 'WAITLISTED' AND w.join_seq <= p.join_seq)::int
  END AS waitlist_position`;
const LOCK_EVENT = `SELECT campaign_id, capacity, status, going_count, waitlist_count FROM events WHERE id = $1
             FOR UPDATE`;
const JOIN_COMMUNITY_AND_FIND = `WITH joined AS (
           INSERT INTO memberships (community_id, member_id, role) VALUES ($3, $2, 'MEMBER')
           ON CONFLICT DO NOTHING)
         SELECT ${COLUMNS}, ${WAITLIST_POSITION} FROM participations p
          WHERE p.event_id = $1 AND p.member_id = $2 FOR UPDATE`;
const INSERT_AND_COUNT = `WITH p AS (
           INSERT INTO participations AS p (event_id, member_id, status, campaign_id)
           VALUES ($1, $2, $3, $4)
           ON CONFLICT (event_id, member_id) DO UPDATE
             SET status = EXCLUDED.status, join_seq = nextval('participations_join_seq'),
                 joined_at = now(), checked_in_at = NULL, updated_at = now()
             WHERE p.status = 'CANCELLED'
           RETURNING ${COLUMNS}),
         counted AS (
           UPDATE events SET
             going_count = going_count + (SELECT count(*) FROM p WHERE status = 'GOING'),
             waitlist_count = waitlist_count + (SELECT count(*) FROM p WHERE status = 'WAITLISTED')
           WHERE id = $1 AND capacity IS NOT NULL)
         SELECT * FROM p`;

/** The statements, to check that they still are the app's. */
export const JOIN_STATEMENTS = [LOCK_EVENT, JOIN_COMMUNITY_AND_FIND, INSERT_AND_COUNT];

/** One capacity-checked join, as the app's transaction does it; returns the new row's status. */
async function join(pool, { eventId, memberId }, communityId) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const {
      rows: [event],
    } = await client.query(LOCK_EVENT, [eventId]);
    if (event.status !== 'SCHEDULED') throw new Error(`event ${eventId} is ${event.status}`);
    const {
      rows: [existing],
    } = await client.query(JOIN_COMMUNITY_AND_FIND, [eventId, memberId, communityId]);
    if (existing && existing.status !== 'CANCELLED') {
      throw new Error(`bench bug: ${memberId} already joined ${eventId}`);
    }
    const seated = event.capacity === null || event.going_count < event.capacity;
    const {
      rows: [inserted],
    } = await client.query(INSERT_AND_COUNT, [
      eventId,
      memberId,
      seated ? 'GOING' : 'WAITLISTED',
      event.campaign_id,
    ]);
    await client.query('COMMIT');
    client.release();
    return inserted.status;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    client.release(error);
    throw error;
  }
}

/**
 * `workers` concurrent loops of joins through the pool for `seconds`: the same figures
 * autocannon gives (successful joins per second, p50/p99 latency in ms, pool wait included).
 */
export async function bareJoins(pool, pairs, communityId, { workers, seconds }) {
  const latencies = [];
  let errors = 0;
  let firstError = null;
  const start = performance.now();
  const deadline = start + seconds * 1000;
  async function loop() {
    while (performance.now() < deadline) {
      const pair = pairs.next();
      const begun = performance.now();
      try {
        const status = await join(pool, pair, communityId);
        if (status !== 'GOING') throw new Error(`joined as ${status}`);
        latencies.push(performance.now() - begun);
      } catch (error) {
        errors++;
        firstError ??= error;
        if (errors > 100) throw error;
      }
    }
  }
  await Promise.all(Array.from({ length: workers }, loop));
  const elapsed = (performance.now() - start) / 1000;
  return {
    rps: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    ok: latencies.length,
    bad: errors,
    firstError: firstError?.message ?? null,
  };
}
