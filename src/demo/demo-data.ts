import { performance } from 'node:perf_hooks';
import type { DataSource, EntityManager } from 'typeorm';
import { PasswordHasher } from '../auth/password-hasher.js';
import { CampaignStatus, type CampaignKind } from '../campaigns/campaign.enums.js';
import { newCheckInCode } from '../events/events.service.js';
import { ParticipationStatus } from '../participation/participation-status.js';
import {
  DEMO_COMMUNITY_SLUG,
  DEMO_MEMBER_EMAIL,
  DEMO_ORGANIZER_EMAIL,
  DEMO_OWNER_EMAIL,
  DEMO_PASSWORD,
  planDemoData,
  type DemoPlan,
} from './demo-plan.js';

export {
  DEMO_COMMUNITY_SLUG,
  DEMO_HASHTAG,
  DEMO_MEMBER_EMAIL,
  DEMO_ORGANIZER_EMAIL,
  DEMO_OWNER_EMAIL,
  DEMO_PASSWORD,
} from './demo-plan.js';

/** The accounts a newcomer logs in with; every demo account shares the password. */
export const DEMO_LOGINS = [
  { who: 'organizer', email: DEMO_ORGANIZER_EMAIL, password: DEMO_PASSWORD },
  { who: 'member', email: DEMO_MEMBER_EMAIL, password: DEMO_PASSWORD },
] as const;

export interface DemoDataCounts {
  members: number;
  campaigns: number;
  events: number;
  screeningCities: number;
  participations: number;
  waitlisted: number;
}

export type DemoDataResult =
  /** Loaded now. */
  | { outcome: 'seeded'; counts: DemoDataCounts; screeningDate: string; elapsedMs: number }
  /** Loaded by an earlier run; nothing changed. */
  | { outcome: 'present' }
  /** Not loaded, and never will be on this database: something else holds its names. */
  | { outcome: 'skipped'; reason: string };

/** Serializes seeders across processes (two API replicas starting at once). */
const LOCK = `SELECT pg_advisory_xact_lock(hashtextextended('fanrally:demo-data', 0))`;

/**
 * Loads the #AlitaArmy demo community: members, a screening tour, a hashtag push and a watch
 * party, with RSVPs (one screening full, with a waitlist). Idempotent: one transaction under
 * an advisory lock, which does nothing when the community is already there.
 */
export async function seedDemoData(
  dataSource: DataSource,
  now = new Date(),
): Promise<DemoDataResult> {
  const started = performance.now();
  const plan = planDemoData(now);
  return dataSource.transaction(async (manager) => {
    await manager.query(LOCK);
    const [existing] = await manager.query<{ demo: boolean }[]>(
      `SELECT lower(m.email) = $2 AS demo FROM communities c JOIN members m ON m.id = c.created_by
        WHERE c.slug = $1`,
      [DEMO_COMMUNITY_SLUG, DEMO_OWNER_EMAIL],
    );
    if (existing) {
      return existing.demo
        ? { outcome: 'present' }
        : {
            outcome: 'skipped',
            reason: `a community "${DEMO_COMMUNITY_SLUG}" exists that the demo did not create`,
          };
    }
    const taken = await manager.query<{ email: string }[]>(
      `SELECT email FROM members WHERE lower(email) = ANY($1::text[]) OR lower(handle) = ANY($2::text[])
        ORDER BY email LIMIT 3`,
      [plan.members.map((m) => m.email), plan.members.map((m) => m.handle.toLowerCase())],
    );
    if (taken.length) {
      return {
        outcome: 'skipped',
        reason: `demo accounts already exist (${taken.map((row) => row.email).join(', ')}…)`,
      };
    }
    const counts = await insertPlan(manager, plan, await new PasswordHasher().hash(DEMO_PASSWORD));
    return {
      outcome: 'seeded',
      counts,
      screeningDate: plan.screeningDate,
      elapsedMs: Math.round(performance.now() - started),
    };
  });
}

async function insertPlan(
  manager: EntityManager,
  plan: DemoPlan,
  passwordHash: string,
): Promise<DemoDataCounts> {
  const iso = (date: Date) => date.toISOString();
  const { members, community, campaigns, events, participations } = plan;

  const memberRows = await manager.query<{ id: string; handle: string }[]>(
    `INSERT INTO members (email, handle, display_name, timezone, password_hash, created_at, updated_at)
     SELECT m.email, m.handle, m.display_name, m.timezone, $6, m.created_at, m.created_at
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[])
         AS m (email, handle, display_name, timezone, created_at)
     RETURNING id, handle`,
    [
      members.map((m) => m.email),
      members.map((m) => m.handle),
      members.map((m) => m.displayName),
      members.map((m) => m.timezone),
      // Signed up a few minutes before joining the community.
      members.map((m) => iso(new Date(m.joinedAt.getTime() - 5 * 60_000))),
      passwordHash,
    ],
  );
  const memberId = new Map(memberRows.map((row) => [row.handle, row.id]));
  const idOf = (email: string) => memberId.get(members.find((m) => m.email === email)!.handle)!;
  const owner = idOf(DEMO_OWNER_EMAIL);
  const organizer = idOf(DEMO_ORGANIZER_EMAIL);

  const [{ id: communityId }] = await manager.query<{ id: string }[]>(
    `INSERT INTO communities (slug, name, description, hashtag, created_by, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id`,
    [
      community.slug,
      community.name,
      community.description,
      community.hashtag,
      owner,
      iso(community.createdAt),
    ],
  );

  await manager.query(
    `INSERT INTO memberships (community_id, member_id, role, joined_at)
     SELECT $1, * FROM unnest($2::uuid[], $3::text[], $4::timestamptz[])`,
    [
      communityId,
      members.map((m) => memberId.get(m.handle)),
      members.map((m) => m.role),
      members.map((m) => iso(m.joinedAt)),
    ],
  );

  const campaignRows = await manager.query<{ id: string; kind: CampaignKind }[]>(
    `INSERT INTO campaigns (community_id, kind, status, title, description, hashtags, starts_at,
                            ends_at, goal_metric, goal_target, created_by, created_at, updated_at)
     SELECT $1, c.kind, $2, c.title, c.description, string_to_array(c.hashtags, ' '), c.starts_at,
            c.ends_at, c.goal_metric, c.goal_target, $3, c.created_at, c.created_at
       FROM unnest($4::text[], $5::text[], $6::text[], $7::text[], $8::timestamptz[],
                   $9::timestamptz[], $10::text[], $11::int[], $12::timestamptz[])
         AS c (kind, title, description, hashtags, starts_at, ends_at, goal_metric, goal_target,
               created_at)
     RETURNING id, kind`,
    [
      communityId,
      CampaignStatus.SCHEDULED,
      organizer,
      campaigns.map((c) => c.kind),
      campaigns.map((c) => c.title),
      campaigns.map((c) => c.description),
      campaigns.map((c) => c.hashtags.join(' ')),
      campaigns.map((c) => iso(c.startsAt)),
      campaigns.map((c) => iso(c.endsAt)),
      campaigns.map((c) => c.goalMetric),
      campaigns.map((c) => c.goalTarget),
      campaigns.map((c) => iso(c.createdAt)),
    ],
  );
  const campaignId = new Map(
    campaignRows.map((row) => [campaigns.find((c) => c.kind === row.kind)!.key, row.id]),
  );

  const eventRows = await manager.query<{ id: string; title: string }[]>(
    `INSERT INTO events (campaign_id, kind, title, description, starts_at, ends_at, timezone,
                         venue_name, venue_address, venue_city, venue_country, latitude, longitude,
                         online_url, capacity, check_in_code, created_at, updated_at)
     SELECT e.*, e.created_at
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::timestamptz[],
                   $6::timestamptz[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[],
                   $12::float8[], $13::float8[], $14::text[], $15::int[], $16::text[],
                   $17::timestamptz[])
         AS e (campaign_id, kind, title, description, starts_at, ends_at, timezone, venue_name,
               venue_address, venue_city, venue_country, latitude, longitude, online_url,
               capacity, check_in_code, created_at)
     RETURNING id, title`,
    [
      events.map((e) => campaignId.get(e.campaign)),
      events.map((e) => e.kind),
      events.map((e) => e.title),
      events.map((e) => e.description),
      events.map((e) => iso(e.startsAt)),
      events.map((e) => iso(e.endsAt)),
      events.map((e) => e.timezone),
      events.map((e) => e.venue?.name ?? null),
      events.map((e) => e.venue?.address ?? null),
      events.map((e) => e.venue?.city ?? null),
      events.map((e) => e.venue?.country ?? null),
      events.map((e) => e.venue?.latitude ?? null),
      events.map((e) => e.venue?.longitude ?? null),
      events.map((e) => e.onlineUrl),
      events.map((e) => e.capacity),
      events.map(() => newCheckInCode()),
      events.map((e) => iso(e.createdAt)),
    ],
  );
  const eventId = new Map(eventRows.map((row) => [row.title, row.id]));

  // join_seq is the waitlist's order: take the sequence's next values and hand them out in
  // the plan's join order, rather than trust the order a multi-row INSERT evaluates defaults.
  const seqRows = await manager.query<{ seq: string }[]>(
    `SELECT nextval('participations_join_seq')::text AS seq FROM generate_series(1, $1)`,
    [participations.length],
  );
  const seqs = seqRows
    .map((row) => BigInt(row.seq))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map(String);
  await manager.query(
    `INSERT INTO participations (event_id, member_id, status, join_seq, joined_at, updated_at,
                                 campaign_id)
     SELECT p.*, e.campaign_id
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::bigint[], $5::timestamptz[],
                   $6::timestamptz[]) AS p (event_id, member_id, status, join_seq, joined_at, updated_at)
       JOIN events e ON e.id = p.event_id`,
    [
      participations.map((p) => eventId.get(p.event)),
      participations.map((p) => memberId.get(p.member)),
      participations.map((p) => p.status),
      seqs,
      participations.map((p) => iso(p.joinedAt)),
      participations.map((p) => iso(p.updatedAt)),
    ],
  );

  // Capacity-limited events keep exact counters; set them from the rows just written.
  await manager.query(
    `UPDATE events e SET going_count = c.going, waitlist_count = c.waitlisted
       FROM (SELECT event_id,
                    count(*) FILTER (WHERE status IN ('GOING', 'CHECKED_IN'))::int AS going,
                    count(*) FILTER (WHERE status = 'WAITLISTED')::int AS waitlisted
               FROM participations WHERE event_id = ANY($1::uuid[]) GROUP BY event_id) c
      WHERE e.id = c.event_id AND e.capacity IS NOT NULL`,
    [eventRows.map((row) => row.id)],
  );

  return {
    members: members.length,
    campaigns: campaigns.length,
    events: events.length,
    screeningCities: new Set(events.flatMap((e) => (e.venue ? [e.venue.city] : []))).size,
    participations: participations.length,
    waitlisted: participations.filter((p) => p.status === ParticipationStatus.WAITLISTED).length,
  };
}
