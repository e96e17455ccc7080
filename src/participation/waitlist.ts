import type { EntityManager } from 'typeorm';
import { promotedJob } from '../notifications/notification-jobs.js';
import { enqueue } from '../outbox/outbox-job.js';

export interface PromotedRow {
  id: string;
  member_id: string;
  join_seq: string;
}

/**
 * Moves the head of an event's waitlist to GOING, in join order: `count` members, or all of
 * them when count is null, and tells each (WAITLIST_PROMOTED, through the outbox). Runs inside
 * the caller's transaction, which holds the event's lock.
 * (UPDATE … RETURNING sits in a CTE because TypeORM's query() answers a bare UPDATE with
 * [rows, count] rather than rows.)
 */
export async function promoteWaitlisted(
  manager: EntityManager,
  eventId: string,
  count: number | null,
): Promise<PromotedRow[]> {
  if (count !== null && count <= 0) return [];
  const promoted = await manager.query<PromotedRow[]>(
    `WITH promoted AS (
       UPDATE participations SET status = 'GOING', updated_at = now()
        WHERE id IN (
          SELECT id FROM participations
           WHERE event_id = $1 AND status = 'WAITLISTED'
           ORDER BY join_seq
           LIMIT $2)
        RETURNING id, member_id, join_seq)
     SELECT * FROM promoted`,
    [eventId, count],
  );
  await enqueue(
    manager,
    promoted.map((row) => promotedJob(eventId, row.member_id, row.join_seq)),
  );
  return promoted;
}

/** Sets a limited event's counters from its rows (after a change of capacity). */
export async function recountEvent(manager: EntityManager, eventId: string): Promise<void> {
  await manager.query(
    `UPDATE events SET
       going_count = (SELECT count(*) FROM participations
                       WHERE event_id = $1 AND status IN ('GOING', 'CHECKED_IN')),
       waitlist_count = (SELECT count(*) FROM participations
                          WHERE event_id = $1 AND status = 'WAITLISTED')
     WHERE id = $1`,
    [eventId],
  );
}
