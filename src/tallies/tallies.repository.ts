import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { CampaignEntity } from '../campaigns/campaign.entity.js';
import { byKeys } from '../common/graphql/loaders.js';
import type { CityTally } from './tally.model.js';

/** A campaign's counts as the tally worker stores them (the contract's tally, less its goal). */
export interface Tally {
  campaignId: string;
  participants: number;
  going: number;
  waitlisted: number;
  checkedIn: number;
  posts: number;
  byCity: CityTally[];
  /** The instant the counts were read at. */
  updatedAt: Date;
}

/** What storing a tally did: whether a count moved, and the goal its progress is toward. */
export interface StoredTally extends Pick<CampaignEntity, 'goalMetric' | 'goalTarget'> {
  changed: boolean;
}

/** A member's place on a campaign's leaderboard. */
export interface MemberScore {
  memberId: string;
  label: string;
  score: number;
  rank: number;
}

const TALLY_COLUMNS = `campaign_id AS "campaignId", participants, going, waitlisted,
  checked_in AS "checkedIn", posts, by_city AS "byCity", updated_at AS "updatedAt"`;

/** The campaign's cancelled events: nothing at them counts. */
const CANCELLED_EVENTS = `ARRAY(SELECT id FROM events WHERE campaign_id = $1 AND status = 'CANCELLED')`;

/**
 * Every count of one campaign, exactly, from the rows, in one statement (one snapshot). Each
 * part is an index-only scan of this campaign's entries: counts per event and status over
 * (campaign_id, event_id, status); distinct participants in member order over the partial
 * (campaign_id, member_id) index of attending rows, so no hashing of members.
 */
export const COMPUTE_TALLY = `
  WITH per_status AS (
    SELECT event_id, status, count(*)::int AS n FROM participations
     WHERE campaign_id = $1 GROUP BY event_id, status),
  per_event AS (
    SELECT e.venue_city, e.venue_country,
           coalesce(sum(s.n) FILTER (WHERE s.status = 'GOING'), 0)::int AS going,
           coalesce(sum(s.n) FILTER (WHERE s.status = 'WAITLISTED'), 0)::int AS waitlisted,
           coalesce(sum(s.n) FILTER (WHERE s.status = 'CHECKED_IN'), 0)::int AS checked_in
      FROM events e LEFT JOIN per_status s ON s.event_id = e.id
     WHERE e.campaign_id = $1 AND e.status <> 'CANCELLED'
     GROUP BY e.id),
  cities AS (
    SELECT mode() WITHIN GROUP (ORDER BY venue_city) AS city, venue_country AS country,
           sum(going)::int AS going, sum(checked_in)::int AS checked_in
      FROM per_event WHERE venue_city IS NOT NULL
     GROUP BY lower(venue_city), venue_country)
  SELECT $1::uuid AS "campaignId",
    (SELECT count(*) FROM (
       SELECT DISTINCT member_id FROM participations
        WHERE campaign_id = $1 AND status IN ('GOING', 'CHECKED_IN')
          AND event_id <> ALL (${CANCELLED_EVENTS})) attending)::int AS participants,
    (SELECT coalesce(sum(going), 0) FROM per_event)::int AS going,
    (SELECT coalesce(sum(waitlisted), 0) FROM per_event)::int AS waitlisted,
    (SELECT coalesce(sum(checked_in), 0) FROM per_event)::int AS "checkedIn",
    (SELECT count(*) FROM post_reports WHERE campaign_id = $1)::int AS posts,
    (SELECT coalesce(json_agg(json_build_object(
              'city', city, 'country', country, 'going', going, 'checkedIn', checked_in)
            ORDER BY going + checked_in DESC, city, country), '[]')
       FROM cities) AS "byCity",
    statement_timestamp() AS "updatedAt"`;

@Injectable()
export class TalliesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The guard of store(): a tally read earlier never replaces one read later (a stalled or
   * retried job waking up). A field so that a test can take it away and see its property fail.
   */
  protected readonly newerOnly: string = 'WHERE t.updated_at <= EXCLUDED.updated_at';

  /** The campaign's counts as they are now, read from the rows. */
  async compute(campaignId: string): Promise<Tally> {
    const [tally] = await this.dataSource.query<Tally[]>(COMPUTE_TALLY, [campaignId]);
    return tally;
  }

  /**
   * Stores a computed tally unless a later one is stored already (or the campaign is gone).
   * Says whether any count differs from what was stored before (a first tally always does),
   * with the campaign's goal, for the tally's subscribers.
   */
  async store(tally: Tally): Promise<StoredTally | null> {
    const [row] = await this.dataSource.query<StoredTally[]>(
      `WITH before AS (
         SELECT participants, going, waitlisted, checked_in, posts, by_city
           FROM campaign_tallies WHERE campaign_id = $1),
       stored AS (
         INSERT INTO campaign_tallies AS t
           (campaign_id, participants, going, waitlisted, checked_in, posts, by_city, updated_at)
         SELECT $1, $2, $3, $4, $5, $6, $7, $8 WHERE EXISTS (SELECT FROM campaigns WHERE id = $1)
         ON CONFLICT (campaign_id) DO UPDATE SET
           participants = EXCLUDED.participants, going = EXCLUDED.going,
           waitlisted = EXCLUDED.waitlisted, checked_in = EXCLUDED.checked_in,
           posts = EXCLUDED.posts, by_city = EXCLUDED.by_city, updated_at = EXCLUDED.updated_at
         ${this.newerOnly}
         RETURNING participants, going, waitlisted, checked_in, posts, by_city)
       SELECT (SELECT row(b.*) FROM before b) IS DISTINCT FROM row(s.*) AS changed,
              c.goal_metric AS "goalMetric", c.goal_target AS "goalTarget"
         FROM stored s JOIN campaigns c ON c.id = $1`,
      [
        tally.campaignId,
        tally.participants,
        tally.going,
        tally.waitlisted,
        tally.checkedIn,
        tally.posts,
        JSON.stringify(tally.byCity),
        tally.updatedAt,
      ],
    );
    return row ?? null;
  }

  /** Stored tallies, for DataLoader; null for a campaign never tallied. */
  readonly stored = async (campaignIds: readonly string[]): Promise<(Tally | null)[]> => {
    const rows = await this.dataSource.query<Tally[]>(
      `SELECT ${TALLY_COLUMNS} FROM campaign_tallies WHERE campaign_id = ANY($1::uuid[])`,
      [campaignIds],
    );
    return byKeys(
      campaignIds,
      rows,
      (row) => row.campaignId,
      (row) => row ?? null,
    );
  };

  /**
   * Members by check-ins plus post reports in the campaign, best first: equal scores share a
   * (dense) rank, listed by who reached the score first. Members without any are not listed.
   */
  async memberScores(campaignId: string, first: number): Promise<MemberScore[]> {
    return this.dataSource.query<MemberScore[]>(
      `WITH activity AS (
         SELECT member_id, checked_in_at AS at FROM participations
          WHERE campaign_id = $1 AND status = 'CHECKED_IN'
            AND event_id <> ALL (${CANCELLED_EVENTS})
         UNION ALL
         SELECT member_id, created_at FROM post_reports WHERE campaign_id = $1),
       scores AS (
         SELECT member_id, count(*)::int AS score, max(at) AS reached_at
           FROM activity GROUP BY member_id)
       SELECT s.member_id AS "memberId", m.display_name AS label, s.score,
              dense_rank() OVER (ORDER BY s.score DESC)::int AS rank
         FROM scores s JOIN members m ON m.id = s.member_id
        ORDER BY s.score DESC, s.reached_at, s.member_id
        LIMIT $2`,
      [campaignId, first],
    );
  }

  /** Campaigns whose counts can still move: the reconciler recomputes these. */
  async runningCampaignIds(): Promise<string[]> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT id FROM campaigns WHERE status IN ('SCHEDULED', 'LIVE')`,
    );
    return rows.map((row) => row.id);
  }
}
