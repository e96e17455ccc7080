import { performance } from 'node:perf_hooks';
import { COMPUTE_TALLY, TalliesRepository } from '../../dist/src/tallies/tallies.repository.js';
import { inTransaction } from './database.js';
import { median } from './stats.js';

const STATUS_MIX = `CASE WHEN n % 20 < 14 THEN 'GOING' WHEN n % 20 < 17 THEN 'CHECKED_IN'
                        WHEN n % 20 < 19 THEN 'WAITLISTED' ELSE 'CANCELLED' END`;

/**
 * A campaign of `events` events in 20 cities with `perEvent` participations each (70% GOING,
 * 15% CHECKED_IN, 10% WAITLISTED, 5% CANCELLED), members drawn from `memberIds` so that each
 * takes part in several events, and one post report per 100 participations. Returns its id.
 */
export async function insertTallyCampaign(pool, { communityId, memberIds, events, perEvent }) {
  const campaignId = await inTransaction(pool, async (client) => {
    const {
      rows: [campaign],
    } = await client.query(
      `INSERT INTO campaigns (community_id, kind, status, title, starts_at, ends_at, created_by,
                              goal_metric, goal_target)
       SELECT $1, 'SCREENING_TOUR', 'LIVE', 'Bench tally tour', now() - interval '1 day',
              now() + interval '60 days', $2, 'PARTICIPANTS', 500000
       RETURNING id`,
      [communityId, memberIds[0]],
    );
    const { rows: eventRows } = await client.query(
      `INSERT INTO events (campaign_id, kind, title, starts_at, ends_at, timezone, venue_name,
                           venue_city, venue_country, check_in_code)
       SELECT $1, 'SCREENING', 'Bench screening ' || i, now() + i * interval '1 hour',
              now() + i * interval '1 hour' + interval '3 hours', 'UTC', 'Bench cinema',
              'City ' || (i % 20), CASE WHEN i % 3 = 0 THEN 'US' ELSE 'GB' END, 'BENCH1'
         FROM generate_series(1, $2::int) i
       RETURNING id`,
      [campaign.id, events],
    );
    await client.query(
      `INSERT INTO participations (event_id, member_id, status, checked_in_at, campaign_id)
       SELECT e.id, m.id, s.status, CASE WHEN s.status = 'CHECKED_IN' THEN now() END, $3
         FROM unnest($1::uuid[]) WITH ORDINALITY e (id, i)
         CROSS JOIN generate_series(1, $4::int) n
         CROSS JOIN LATERAL (SELECT ${STATUS_MIX} AS status) s
         JOIN unnest($2::uuid[]) WITH ORDINALITY m (id, j)
           ON m.j = ((e.i * 7919 + n) % cardinality($2::uuid[])) + 1`,
      [eventRows.map((row) => row.id), memberIds, campaign.id, perEvent],
    );
    await client.query(
      `INSERT INTO post_reports (campaign_id, member_id, platform, url)
       SELECT $1, m.id, 'X', 'https://x.com/bench/status/' || m.j
         FROM unnest($2::uuid[]) WITH ORDINALITY m (id, j)
        WHERE m.j <= $3`,
      [campaign.id, memberIds, Math.floor((events * perEvent) / 100)],
    );
    return campaign.id;
  });
  await pool.query('VACUUM (ANALYZE) participations, events, post_reports');
  return campaignId;
}

/** The tally worker's repository from dist/, on a bare pool. */
const repositoryOn = (pool) =>
  new TalliesRepository({ query: async (text, values) => (await pool.query(text, values)).rows });

/**
 * Times the tally worker's exact recompute (`TalliesRepository.compute` + `store`, the app's own
 * SQL through a bare pool) `times` times after one warm-up, and returns the timings with the
 * query plan of the count.
 */
export async function timeRecompute(pool, campaignId, times) {
  const repository = repositoryOn(pool);
  const once = async () => {
    const started = performance.now();
    const tally = await repository.compute(campaignId);
    await repository.store(tally);
    return { ms: performance.now() - started, tally };
  };
  const { tally } = await once();
  const timings = [];
  for (let i = 0; i < times; i++) timings.push((await once()).ms);
  const { rows } = await pool.query(`EXPLAIN (ANALYZE, BUFFERS) ${COMPUTE_TALLY}`, [campaignId]);
  return {
    median: median(timings),
    max: Math.max(...timings),
    timings,
    tally,
    plan: rows.map((row) => row['QUERY PLAN']).join('\n'),
  };
}

/** Stores a campaign's tally as the worker would (the bench's API runs no workers). */
export async function storeTally(pool, campaignId) {
  const repository = repositoryOn(pool);
  await repository.store(await repository.compute(campaignId));
}

/** The same figures counted from scratch, another way (joins, count(DISTINCT)). */
export async function scratchCounts(pool, campaignId) {
  const {
    rows: [row],
  } = await pool.query(
    `SELECT count(DISTINCT p.member_id) FILTER (WHERE p.status IN ('GOING', 'CHECKED_IN'))::int
              AS participants,
            count(*) FILTER (WHERE p.status = 'GOING')::int AS going,
            count(*) FILTER (WHERE p.status = 'WAITLISTED')::int AS waitlisted,
            count(*) FILTER (WHERE p.status = 'CHECKED_IN')::int AS "checkedIn"
       FROM participations p JOIN events e ON e.id = p.event_id
      WHERE e.campaign_id = $1 AND e.status <> 'CANCELLED'`,
    [campaignId],
  );
  return row;
}
