import { randomBytes } from 'node:crypto';
import argon2 from 'argon2';
import pg from 'pg';
import { Redis } from 'ioredis';
import { migrateDatabase } from '../../dist/src/database/prepare-database.js';

/** The PostgreSQL server the bench creates its database on (local only). */
export const POSTGRES_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';
export const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

function withDatabase(url, name) {
  const next = new URL(url);
  next.pathname = `/${name}`;
  return next.toString();
}

async function admin(work) {
  const client = new pg.Client({ connectionString: withDatabase(POSTGRES_URL, 'postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Runs `work(client)` in a transaction on one of the pool's clients: committed, or rolled back. */
export async function inTransaction(pool, work) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** A new database of the bench's own, with every migration applied; drop() removes it. */
export async function createBenchDatabase() {
  const name = `fanrally_bench_${randomBytes(4).toString('hex')}`;
  const url = withDatabase(POSTGRES_URL, name);
  let dropped = false;
  const drop = async () => {
    if (dropped) return;
    dropped = true;
    await admin((client) =>
      client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`),
    );
  };
  try {
    await migrateDatabase(url);
  } catch (error) {
    await drop();
    throw error;
  }
  return { name, url, drop };
}

/** Removes the Redis keys (queues, rate limits) of the bench's queue prefix. */
export async function deleteRedisKeys(prefix) {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      if (keys.length) deleted += await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}

/** The PostgreSQL and Redis server versions. */
export async function serverVersions(pool) {
  const [{ server_version: postgres }] = (await pool.query('SHOW server_version')).rows;
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    const info = await redis.info('server');
    return { postgres, redis: /redis_version:(\S+)/.exec(info)?.[1] ?? '?' };
  } finally {
    redis.disconnect();
  }
}

const rows = async (client, text, values) => (await client.query(text, values)).rows;

/** `count` events of a campaign, one hour apart; `capacity(i)` null for unlimited ones. */
async function insertEvents(client, campaignId, firstStart, count, capacity, title) {
  const capacities = Array.from({ length: count }, (_, i) => capacity(i));
  const found = await rows(
    client,
    `INSERT INTO events (campaign_id, kind, title, starts_at, ends_at, timezone,
                         venue_name, venue_city, venue_country, online_url, capacity, check_in_code)
     SELECT $1, CASE WHEN c.capacity IS NULL THEN 'HASHTAG_PUSH' ELSE 'SCREENING' END,
            $4 || ' ' || c.n, $2::timestamptz + c.n * interval '1 hour',
            $2::timestamptz + c.n * interval '1 hour' + interval '2 hours', 'Europe/Paris',
            CASE WHEN c.capacity IS NULL THEN NULL ELSE 'Cinema ' || c.n END,
            CASE WHEN c.capacity IS NULL THEN NULL ELSE 'Paris' END,
            CASE WHEN c.capacity IS NULL THEN NULL ELSE 'FR' END,
            CASE WHEN c.capacity IS NULL THEN 'https://example.invalid/push/' || c.n END,
            c.capacity, 'BENCH2'
       FROM unnest($3::int[]) WITH ORDINALITY AS c (capacity, n)
     RETURNING id, capacity`,
    [campaignId, firstStart, capacities, title],
  );
  return found;
}

async function insertCampaign(client, community, owner, title, kind) {
  const [campaign] = await rows(
    client,
    `INSERT INTO campaigns (community_id, kind, status, title, hashtags, starts_at, ends_at, created_by)
     VALUES ($1, $2, 'SCHEDULED', $3, '{benchfans}', now() + interval '1 day',
             now() + interval '90 days', $4)
     RETURNING id, starts_at`,
    [community, kind, title, owner],
  );
  return campaign;
}

/**
 * The bench's data, written with SQL: a community of `memberCount` members (plus an owner and
 * two organizers, all with one dummy password hash), a published campaign with `spreadEvents`
 * events of large capacity, one capacity-limited and one unlimited event for the one-event
 * rushes, and two campaign pages (10 and 50 events, half unlimited) that a viewer and a few
 * others have joined.
 */
export async function createFixtures(pool, { memberCount, spreadEvents }) {
  const fixtures = await inTransaction(pool, async (client) => {
    const hash = await argon2.hash('bench-password-not-used');
    const memberIds = (
      await rows(
        client,
        `INSERT INTO members (email, handle, display_name, password_hash)
         SELECT 'bench' || g || '@example.invalid', 'bench_' || g, 'Bench member ' || g, $1
           FROM generate_series(0, $2 - 1) g
         RETURNING id`,
        [hash, memberCount + 3],
      )
    ).map((row) => row.id);
    const [owner, ...organizers] = memberIds.splice(0, 3);
    const [{ id: communityId }] = await rows(
      client,
      `INSERT INTO communities (slug, name, hashtag, created_by)
       VALUES ('bench-community', 'Bench community', 'benchfans', $1) RETURNING id`,
      [owner],
    );
    await client.query(
      `INSERT INTO memberships (community_id, member_id, role)
       SELECT $1, m.id, CASE WHEN m.id = $2 THEN 'OWNER'
                             WHEN m.id = ANY($3::uuid[]) THEN 'ORGANIZER' ELSE 'MEMBER' END
         FROM members m`,
      [communityId, owner, organizers],
    );

    const joinCampaign = await insertCampaign(
      client,
      communityId,
      owner,
      'Bench screening tour',
      'SCREENING_TOUR',
    );
    const spread = await insertEvents(
      client,
      joinCampaign.id,
      joinCampaign.starts_at,
      spreadEvents,
      () => 100_000,
      'Bench screening',
    );
    const [oneLimited, oneUnlimited] = await insertEvents(
      client,
      joinCampaign.id,
      joinCampaign.starts_at,
      2,
      (i) => (i === 0 ? 1_000_000 : null),
      'Bench rush',
    );

    // Campaign pages, each in a community of its own (so that the first read of each reads all
    // it shows): the viewer goes to every third event, 20 others to every event.
    const viewer = memberIds[memberIds.length - 1];
    const others = memberIds.slice(memberIds.length - 21, memberIds.length - 1);
    const pages = {};
    for (const size of [10, 50]) {
      const [{ id: pageCommunityId }] = await rows(
        client,
        `INSERT INTO communities (slug, name, hashtag, created_by)
         VALUES ($1, $2, $3, $4) RETURNING id`,
        [`bench-page-${size}`, `Bench page community ${size}`, `benchpage${size}`, owner],
      );
      const campaign = await insertCampaign(
        client,
        pageCommunityId,
        owner,
        `Bench page of ${size}`,
        'WATCH_PARTY',
      );
      const events = await insertEvents(
        client,
        campaign.id,
        campaign.starts_at,
        size,
        (i) => (i % 2 === 0 ? 200 : null),
        'Bench party',
      );
      const eventIds = events.map((event) => event.id);
      await client.query(
        `INSERT INTO participations (event_id, member_id, status, campaign_id)
         SELECT e.id, m.id, 'GOING', $3 FROM unnest($1::uuid[]) e (id), unnest($2::uuid[]) m (id)`,
        [eventIds, others, campaign.id],
      );
      await client.query(
        `INSERT INTO participations (event_id, member_id, status, campaign_id)
         SELECT id, $2, 'GOING', $3 FROM unnest($1::uuid[]) WITH ORDINALITY e (id, n) WHERE n % 3 = 1`,
        [eventIds, viewer, campaign.id],
      );
      await client.query(
        `UPDATE events e SET going_count = (SELECT count(*) FROM participations p
                                             WHERE p.event_id = e.id AND p.status = 'GOING')
          WHERE e.campaign_id = $1 AND e.capacity IS NOT NULL`,
        [campaign.id],
      );
      pages[size] = campaign.id;
    }
    // The rushes use every member but the campaign pages' 21.
    const joiners = memberIds.slice(0, memberIds.length - 21);
    return {
      communityId,
      joiners,
      viewer,
      spreadEventIds: spread.map((event) => event.id),
      oneLimitedEventId: oneLimited.id,
      oneUnlimitedEventId: oneUnlimited.id,
      pages,
    };
  });
  await pool.query('ANALYZE');
  return fixtures;
}
