import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * joinEvent as one statement: `SELECT * FROM join_event(event, member, now)` locks the event,
 * checks that it and its campaign are open, joins the community, decides GOING or WAITLISTED
 * and bumps the counters, all inside PostgreSQL. Sent in autocommit, the event's row lock is
 * held for the function's own work only, never across a client round trip, which is what
 * bounds the joins a second on one popular event.
 *
 * A capacity-limited event is locked exclusively (its joins queue, one seat decision at a time);
 * an unlimited one is locked shared (its joins never wait for each other, and a change of
 * capacity waits for them). Which one comes from a read before the lock; when the locked row
 * says otherwise (capacity set or lifted in between) the function answers RETRY, releasing the
 * lock, and the caller calls again. Every statement of a PL/pgSQL function takes a fresh
 * snapshot, so everything read after the lock is current.
 *
 * outcome is one of:
 * - JOINED: a new participation (or a cancelled one rejoined), its columns below;
 * - EXISTING: the member already takes part (GOING, WAITLISTED or CHECKED_IN): that row;
 * - NOT_FOUND, RETRY;
 * - ENDED (the event's end has passed), EVENT_CLOSED (detail: its status),
 *   CAMPAIGN_NOT_OPEN (detail: the campaign's status, not SCHEDULED or LIVE).
 */
export class CreateJoinEventFunction1795315500000 implements MigrationInterface {
  name = 'CreateJoinEventFunction1795315500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION join_event(p_event uuid, p_member uuid, p_now timestamptz)
      RETURNS TABLE (
        outcome text, detail text, campaign_id uuid,
        id uuid, event_id uuid, member_id uuid, status text, join_seq bigint,
        joined_at timestamptz, checked_in_at timestamptz, waitlist_position integer)
      LANGUAGE plpgsql AS $$
      #variable_conflict use_column
      DECLARE
        limited boolean;
        ev record;
        campaign record;
        seated boolean;
      BEGIN
        SELECT e.capacity IS NOT NULL INTO limited FROM events e WHERE e.id = p_event;
        IF NOT FOUND THEN
          outcome := 'NOT_FOUND';
          RETURN NEXT;
          RETURN;
        END IF;
        IF limited THEN
          SELECT e.campaign_id, e.capacity, e.status, e.ends_at, e.going_count, e.waitlist_count
            INTO ev FROM events e WHERE e.id = p_event FOR UPDATE;
        ELSE
          SELECT e.campaign_id, e.capacity, e.status, e.ends_at, e.going_count, e.waitlist_count
            INTO ev FROM events e WHERE e.id = p_event FOR SHARE;
        END IF;
        IF NOT FOUND THEN
          outcome := 'NOT_FOUND';
          RETURN NEXT;
          RETURN;
        END IF;
        SELECT c.status, c.community_id INTO campaign FROM campaigns c WHERE c.id = ev.campaign_id;
        campaign_id := ev.campaign_id;
        outcome := CASE
          WHEN (ev.capacity IS NOT NULL) <> limited THEN 'RETRY'
          WHEN ev.ends_at <= p_now THEN 'ENDED'
          WHEN campaign.status NOT IN ('SCHEDULED', 'LIVE') THEN 'CAMPAIGN_NOT_OPEN'
          WHEN ev.status <> 'SCHEDULED' THEN 'EVENT_CLOSED'
        END;
        IF outcome IS NOT NULL THEN
          detail := CASE outcome WHEN 'EVENT_CLOSED' THEN ev.status ELSE campaign.status END;
          RETURN NEXT;
          RETURN;
        END IF;

        INSERT INTO memberships (community_id, member_id, role)
        VALUES (campaign.community_id, p_member, 'MEMBER')
        ON CONFLICT DO NOTHING;

        RETURN QUERY SELECT 'EXISTING', NULL, ev.campaign_id, p.id, p.event_id, p.member_id,
            p.status, p.join_seq, p.joined_at, p.checked_in_at,
            CASE WHEN p.status = 'WAITLISTED' THEN (
              SELECT count(*) FROM participations w
               WHERE w.event_id = p.event_id AND w.status = 'WAITLISTED'
                 AND w.join_seq <= p.join_seq)::integer
            END
          FROM participations p
         WHERE p.event_id = p_event AND p.member_id = p_member AND p.status <> 'CANCELLED'
           FOR UPDATE;
        IF FOUND THEN
          RETURN;
        END IF;

        seated := ev.capacity IS NULL OR ev.going_count < ev.capacity;
        RETURN QUERY
          WITH p AS (
            INSERT INTO participations AS p (event_id, member_id, status, campaign_id)
            VALUES (p_event, p_member, CASE WHEN seated THEN 'GOING' ELSE 'WAITLISTED' END,
                    ev.campaign_id)
            ON CONFLICT (event_id, member_id) DO UPDATE
              SET status = EXCLUDED.status, join_seq = nextval('participations_join_seq'),
                  joined_at = now(), checked_in_at = NULL, updated_at = now()
              WHERE p.status = 'CANCELLED'
            RETURNING p.*),
          counted AS (
            UPDATE events SET
              going_count = going_count + (SELECT count(*) FROM p WHERE status = 'GOING'),
              waitlist_count = waitlist_count + (SELECT count(*) FROM p WHERE status = 'WAITLISTED')
            WHERE id = p_event AND limited)
          SELECT 'JOINED', NULL, ev.campaign_id, p.id, p.event_id, p.member_id, p.status,
                 p.join_seq, p.joined_at, p.checked_in_at,
                 CASE WHEN seated THEN NULL ELSE ev.waitlist_count + 1 END
            FROM p;
        IF FOUND THEN
          RETURN;
        END IF;

        -- Another join of the same member to this unlimited event committed first.
        RETURN QUERY SELECT 'EXISTING', NULL, ev.campaign_id, p.id, p.event_id, p.member_id,
            p.status, p.join_seq, p.joined_at, p.checked_in_at, NULL::integer
          FROM participations p WHERE p.event_id = p_event AND p.member_id = p_member;
      END
      $$
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP FUNCTION join_event(uuid, uuid, timestamptz)');
  }
}
