import * as argon2 from 'argon2';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options.js';
import {
  DEMO_COMMUNITY_SLUG,
  DEMO_MEMBER_EMAIL,
  DEMO_ORGANIZER_EMAIL,
  DEMO_PASSWORD,
  seedDemoData,
  type DemoDataResult,
} from '../src/demo/demo-data.js';
import { createTestDatabase } from './helpers/databases.js';

const TABLES = ['members', 'communities', 'memberships', 'campaigns', 'events', 'participations'];

/** Rows per table, to prove a second run writes nothing. */
async function rowCounts(dataSource: DataSource): Promise<Record<string, number>> {
  const [row] = await dataSource.query<Record<string, number>[]>(
    `SELECT ${TABLES.map((table) => `(SELECT count(*)::int FROM ${table}) AS ${table}`).join(', ')}`,
  );
  return row;
}

async function connect(url: string): Promise<DataSource> {
  return new DataSource(dataSourceOptions(url, 2)).initialize();
}

describe('demo data', () => {
  const now = new Date();
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataSource: DataSource;
  let first: DemoDataResult;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await connect(database.url);
    first = await seedDemoData(dataSource, now);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  const sql = <R>(text: string, values?: unknown[]) => dataSource.query<R[]>(text, values);

  it('loads the #AlitaArmy community', async () => {
    expect(first).toMatchObject({ outcome: 'seeded' });
    const [community] = await sql<{ hashtag: string; members: number; zones: number }>(
      `SELECT c.hashtag, count(*)::int AS members, count(DISTINCT m.timezone)::int AS zones
         FROM communities c JOIN memberships ms ON ms.community_id = c.id
         JOIN members m ON m.id = ms.member_id
        WHERE c.slug = $1 GROUP BY c.hashtag`,
      [DEMO_COMMUNITY_SLUG],
    );
    expect(community.hashtag).toBe('AlitaArmy');
    expect(community.members).toBeGreaterThanOrEqual(300);
    expect(community.zones).toBeGreaterThanOrEqual(20);
    const roles = await sql<{ role: string; count: number }>(
      `SELECT role, count(*)::int AS count FROM memberships GROUP BY role ORDER BY role`,
    );
    expect(roles).toEqual([
      { role: 'MEMBER', count: community.members - 3 },
      { role: 'ORGANIZER', count: 2 },
      { role: 'OWNER', count: 1 },
    ]);
  });

  it('has the three campaign kinds, published and upcoming', async () => {
    const campaigns = await sql<{ kind: string; status: string; starts_at: Date; events: number }>(
      `SELECT c.kind, c.status, c.starts_at, count(e.id)::int AS events
         FROM campaigns c LEFT JOIN events e ON e.campaign_id = c.id
        GROUP BY c.id ORDER BY c.kind`,
    );
    expect(campaigns.map((c) => [c.kind, c.status])).toEqual([
      ['HASHTAG_PUSH', 'SCHEDULED'],
      ['SCREENING_TOUR', 'SCHEDULED'],
      ['WATCH_PARTY', 'SCHEDULED'],
    ]);
    for (const campaign of campaigns) expect(campaign.starts_at > now).toBe(true);

    const online = await sql<{ kind: string; online_url: string | null; capacity: number | null }>(
      `SELECT e.kind, e.online_url, e.capacity FROM events e
        JOIN campaigns c ON c.id = e.campaign_id
        WHERE c.kind IN ('HASHTAG_PUSH', 'WATCH_PARTY') ORDER BY e.kind`,
    );
    expect(online).toEqual([
      { kind: 'HASHTAG_PUSH', online_url: expect.stringMatching(/^https:\/\//), capacity: null },
      { kind: 'WATCH_PARTY', online_url: expect.stringMatching(/^https:\/\//), capacity: null },
    ]);
    const [{ past }] = await sql<{ past: number }>(
      `SELECT count(*)::int AS past FROM events WHERE starts_at <= $1`,
      [now],
    );
    expect(past).toBe(0);
  });

  it('screens in 10+ real cities on 4+ continents, the same local evening', async () => {
    const screenings = await sql<{
      venue_city: string;
      venue_country: string;
      timezone: string;
      starts_at: Date;
      latitude: number;
      longitude: number;
    }>(
      `SELECT venue_city, venue_country, timezone, starts_at, latitude, longitude
         FROM events WHERE kind = 'SCREENING'`,
    );
    expect(new Set(screenings.map((s) => s.venue_city)).size).toBeGreaterThanOrEqual(10);
    expect(new Set(screenings.map((s) => s.timezone.split('/')[0])).size).toBeGreaterThanOrEqual(4);
    const localDates = new Set<string>();
    for (const screening of screenings) {
      const local = DateTime.fromJSDate(screening.starts_at, { zone: screening.timezone });
      expect(local.isValid).toBe(true);
      expect(local.hour).toBeGreaterThanOrEqual(18);
      expect(local.hour).toBeLessThanOrEqual(21);
      expect(screening.venue_country).toMatch(/^[A-Z]{2}$/);
      expect(screening.latitude).not.toBeNull();
      expect(screening.longitude).not.toBeNull();
      localDates.add(local.toISODate()!);
    }
    expect(localDates.size).toBe(1);
  });

  it('has a full screening with a waitlist in join order', async () => {
    const full = await sql<{ id: string; capacity: number; waitlist_count: number }>(
      `SELECT id, capacity, waitlist_count FROM events
        WHERE capacity IS NOT NULL AND going_count = capacity AND waitlist_count > 0`,
    );
    expect(full.length).toBeGreaterThanOrEqual(1);
    const [{ last_seated, first_waiting, ordered }] = await sql<{
      last_seated: string;
      first_waiting: string;
      ordered: boolean;
    }>(
      `SELECT max(join_seq) FILTER (WHERE status IN ('GOING', 'CHECKED_IN')) AS last_seated,
              min(join_seq) FILTER (WHERE status = 'WAITLISTED') AS first_waiting,
              bool_and(in_order) AS ordered
         FROM (SELECT status, join_seq,
                      joined_at >= coalesce(lag(joined_at) OVER (ORDER BY join_seq), joined_at)
                        AS in_order
                 FROM participations WHERE event_id = $1) p`,
      [full[0].id],
    );
    expect(BigInt(last_seated)).toBeLessThan(BigInt(first_waiting));
    expect(ordered).toBe(true);
  });

  it("keeps every limited event's counters equal to its rows", async () => {
    const events = await sql<{
      going_count: number;
      going: number;
      waitlist_count: number;
      waiting: number;
    }>(
      `SELECT e.going_count, e.waitlist_count,
              count(p.id) FILTER (WHERE p.status IN ('GOING', 'CHECKED_IN'))::int AS going,
              count(p.id) FILTER (WHERE p.status = 'WAITLISTED')::int AS waiting
         FROM events e LEFT JOIN participations p ON p.event_id = e.id
        WHERE e.capacity IS NOT NULL GROUP BY e.id`,
    );
    expect(events.length).toBeGreaterThanOrEqual(10);
    for (const event of events) {
      expect([event.going_count, event.waitlist_count]).toEqual([event.going, event.waiting]);
    }
    const [{ participations, going }] = await sql<{ participations: number; going: number }>(
      `SELECT count(*)::int AS participations,
              count(*) FILTER (WHERE status = 'GOING')::int AS going FROM participations`,
    );
    expect(going).toBeGreaterThanOrEqual(300);
    expect(participations).toBeGreaterThan(going);
  });

  it('makes every participant a member of the community', async () => {
    const [{ outsiders }] = await sql<{ outsiders: number }>(
      `SELECT count(*)::int AS outsiders FROM participations p
         JOIN events e ON e.id = p.event_id JOIN campaigns c ON c.id = e.campaign_id
         LEFT JOIN memberships m ON m.community_id = c.community_id AND m.member_id = p.member_id
        WHERE m.member_id IS NULL`,
    );
    expect(outsiders).toBe(0);
  });

  it('lets the demo organizer and member log in with the demo password', async () => {
    const accounts = await sql<{ email: string; role: string; password_hash: string }>(
      `SELECT m.email, ms.role, m.password_hash FROM members m
         JOIN memberships ms ON ms.member_id = m.id
        WHERE m.email = ANY($1) ORDER BY m.email`,
      [[DEMO_MEMBER_EMAIL, DEMO_ORGANIZER_EMAIL]],
    );
    expect(accounts.map((a) => [a.email, a.role])).toEqual([
      [DEMO_MEMBER_EMAIL, 'MEMBER'],
      [DEMO_ORGANIZER_EMAIL, 'ORGANIZER'],
    ]);
    for (const { password_hash } of accounts) {
      expect(password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
      expect(await argon2.verify(password_hash, DEMO_PASSWORD)).toBe(true);
      expect(await argon2.verify(password_hash, 'not-the-password')).toBe(false);
    }
    const [{ hashes }] = await sql<{ hashes: number }>(
      `SELECT count(DISTINCT password_hash)::int AS hashes FROM members`,
    );
    expect(hashes).toBe(1);
  });

  it('changes nothing when run again', async () => {
    const before = await rowCounts(dataSource);
    await expect(seedDemoData(dataSource)).resolves.toEqual({ outcome: 'present' });
    expect(await rowCounts(dataSource)).toEqual(before);
  });

  describe('on another database', () => {
    let other: Awaited<ReturnType<typeof createTestDatabase>>;
    let otherSource: DataSource;

    beforeAll(async () => {
      other = await createTestDatabase();
      otherSource = await connect(other.url);
    });
    afterAll(async () => {
      await otherSource?.destroy();
      await other?.drop();
    });

    it('leaves a community of the same slug alone', async () => {
      await otherSource.query(
        `WITH m AS (INSERT INTO members (email, handle, display_name, password_hash)
                    VALUES ('hugo@example.com', 'hugo', 'Hugo', 'x') RETURNING id)
         INSERT INTO communities (slug, name, hashtag, created_by)
         SELECT 'alita-army', 'Alita Army', 'AlitaArmy', id FROM m`,
      );
      await expect(seedDemoData(otherSource)).resolves.toMatchObject({ outcome: 'skipped' });
      expect(await rowCounts(otherSource)).toMatchObject({ members: 1, events: 0 });
      await otherSource.query(`DELETE FROM communities`);
      await otherSource.query(`DELETE FROM members`);
    });

    it('seeds once when two start-ups race', async () => {
      const outcomes = await Promise.all([seedDemoData(otherSource), seedDemoData(otherSource)]);
      expect(outcomes.map((o) => o.outcome).sort()).toEqual(['present', 'seeded']);
      expect(await rowCounts(otherSource)).toEqual(await rowCounts(dataSource));
    });
  });
});
