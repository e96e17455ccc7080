import type { TestApp } from './test-app.js';

/** The counts of a tally, as stored and as counted from scratch. */
export interface TallyFields {
  participants: number;
  going: number;
  waitlisted: number;
  checkedIn: number;
  posts: number;
  byCity: { city: string; country: string; going: number; checkedIn: number }[];
}

/**
 * A campaign's tally counted from scratch, written independently of the worker's query: joins
 * through events, count(DISTINCT), one statement per figure.
 */
export async function scratchTally(t: TestApp, campaignId: string): Promise<TallyFields> {
  const counted = `FROM participations p JOIN events e ON e.id = p.event_id
    WHERE e.campaign_id = $1 AND e.status <> 'CANCELLED'`;
  const [row] = await t.sql<Omit<TallyFields, 'byCity'>>(
    `SELECT
       (SELECT count(DISTINCT p.member_id) ${counted} AND p.status IN ('GOING', 'CHECKED_IN'))::int
         AS participants,
       (SELECT count(*) ${counted} AND p.status = 'GOING')::int AS going,
       (SELECT count(*) ${counted} AND p.status = 'WAITLISTED')::int AS waitlisted,
       (SELECT count(*) ${counted} AND p.status = 'CHECKED_IN')::int AS "checkedIn",
       (SELECT count(*) FROM post_reports WHERE campaign_id = $1)::int AS posts`,
    [campaignId],
  );
  const byCity = await t.sql<TallyFields['byCity'][number]>(
    `SELECT * FROM (
       SELECT min(e.venue_city) AS city, e.venue_country AS country,
              count(p.id) FILTER (WHERE p.status = 'GOING')::int AS going,
              count(p.id) FILTER (WHERE p.status = 'CHECKED_IN')::int AS "checkedIn"
         FROM events e LEFT JOIN participations p ON p.event_id = e.id
        WHERE e.campaign_id = $1 AND e.status <> 'CANCELLED' AND e.venue_city IS NOT NULL
        GROUP BY lower(e.venue_city), e.venue_country) cities
      ORDER BY going + "checkedIn" DESC, city, country`,
    [campaignId],
  );
  return { ...row, byCity };
}
