import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { byKeys } from '../common/graphql/loaders.js';
import { poolOf } from '../database/pool.js';
import { Cursors } from '../common/pagination/cursor.js';
import type { Connection } from '../common/pagination/connection.model.js';
import { assertPageSize, type PageArgs } from '../common/pagination/paginate.js';
import { EventNotFoundError } from '../events/events.errors.js';
import {
  AlreadyCheckedInError,
  assertMayCheckIn,
  NotGoingError,
  NotParticipatingError,
} from './participation.errors.js';
import type { ParticipationRecord } from './participation.model.js';
import { ParticipationStatus } from './participation-status.js';
import { promoteWaitlisted } from './waitlist.js';

interface Row {
  id: string;
  event_id: string;
  member_id: string;
  status: ParticipationStatus;
  join_seq: string;
  joined_at: Date;
  checked_in_at: Date | null;
  waitlist_position?: number | null;
}

interface LockedEvent {
  capacity: number | null;
}

/** `join_event`'s answer: a participation, or why there is none. */
interface JoinRow extends Row {
  outcome: 'JOINED' | 'EXISTING' | 'RETRY' | JoinRefusal;
  detail: string | null;
  campaign_id: string;
}

export type JoinRefusal = 'NOT_FOUND' | 'ENDED' | 'EVENT_CLOSED' | 'CAMPAIGN_NOT_OPEN';

/** What joining did: a participation in the event's campaign, or a refusal that wrote nothing. */
export type JoinOutcome =
  | { participation: ParticipationRecord; campaignId: string }
  | { refusal: JoinRefusal; detail: string | null; campaignId: string | null };

const JOIN_EVENT = { name: 'join-event', text: 'SELECT * FROM join_event($1, $2, $3)' };

/** A participation in a list, with its event's start (the order of a member's list). */
export type ListedParticipation = ParticipationRecord & { startsAt: Date };

/** An event as the caller last read it: its capacity picks the lock to try first. */
export interface EventRef {
  id: string;
  capacity: number | null;
}

const COLUMNS = 'p.id, p.event_id, p.member_id, p.status, p.join_seq, p.joined_at, p.checked_in_at';
/** 1-based place in line of a WAITLISTED row, counted from the waitlist index. */
const WAITLIST_POSITION = `CASE WHEN p.status = 'WAITLISTED' THEN (
    SELECT count(*) FROM participations w
     WHERE w.event_id = p.event_id AND w.status = 'WAITLISTED' AND w.join_seq <= p.join_seq)::int
  END AS waitlist_position`;

/**
 * Participations of some members in some events, as a prepared statement: every page a
 * signed-in member reads asks it, for that one member.
 */
const PARTICIPATIONS_OF_MEMBERS_IN_EVENTS = {
  name: 'participations-of-members-in-events',
  text: `SELECT ${COLUMNS}, ${WAITLIST_POSITION} FROM participations p
          WHERE p.member_id = ANY($1::uuid[]) AND p.event_id = ANY($2::uuid[])`,
};

function toRecord(row: Row): ParticipationRecord {
  return {
    id: row.id,
    eventId: row.event_id,
    memberId: row.member_id,
    status: row.status,
    joinSeq: row.join_seq,
    joinedAt: row.joined_at,
    checkedInAt: row.checked_in_at,
    ...(row.waitlist_position !== undefined && { waitlistPosition: row.waitlist_position }),
  };
}

@Injectable()
export class ParticipationsRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cursors: Cursors,
  ) {}

  /**
   * Joins a member to an event (and to its community) in one statement, `join_event` (see its
   * migration): the event's row lock is held inside PostgreSQL only, so GOING + CHECKED_IN never
   * exceeds capacity whatever the concurrency, and joins of one popular event queue for the
   * function's own work, never for a round trip. Unlimited events take only a shared lock: their
   * joins never wait for each other. A refusal writes nothing.
   */
  async join(eventId: string, memberId: string, now: Date): Promise<JoinOutcome> {
    const pool = poolOf(this.dataSource);
    for (;;) {
      const {
        rows: [row],
      } = await pool.query<JoinRow>({ ...JOIN_EVENT, values: [eventId, memberId, now] });
      if (row.outcome === 'JOINED' || row.outcome === 'EXISTING') {
        return { participation: toRecord(row), campaignId: row.campaign_id };
      }
      // Capacity was set or lifted between the function's first read and its lock: again.
      if (row.outcome !== 'RETRY') {
        return { refusal: row.outcome, detail: row.detail, campaignId: row.campaign_id };
      }
    }
  }

  /** Cancels a participation; a freed seat goes to the head of the waitlist at once. */
  leave(target: EventRef, memberId: string): Promise<ParticipationRecord> {
    const eventId = target.id;
    return this.withEventLocked(target, async (manager, event) => {
      const [current] = await manager.query<Row[]>(
        `SELECT ${COLUMNS} FROM participations p
          WHERE p.event_id = $1 AND p.member_id = $2 FOR UPDATE`,
        [eventId, memberId],
      );
      if (!current) throw new NotParticipatingError();
      if (current.status === ParticipationStatus.CANCELLED) {
        return toRecord({ ...current, waitlist_position: null });
      }
      if (current.status === ParticipationStatus.CHECKED_IN) throw new AlreadyCheckedInError();
      const [left] = await manager.query<Row[]>(
        `WITH p AS (
           UPDATE participations SET status = 'CANCELLED', updated_at = now()
            WHERE id = $1 RETURNING *)
         SELECT ${COLUMNS} FROM p`,
        [current.id],
      );
      if (event.capacity !== null) {
        const freed = current.status === ParticipationStatus.GOING;
        const [head] = freed ? await promoteWaitlisted(manager, eventId, 1) : [];
        await manager.query(
          `UPDATE events SET going_count = going_count + $2, waitlist_count = waitlist_count + $3
            WHERE id = $1`,
          [eventId, freed && !head ? -1 : 0, freed ? (head ? -1 : 0) : -1],
        );
      }
      return toRecord({ ...left, waitlist_position: null });
    });
  }

  /** GOING -> CHECKED_IN; checking in again changes nothing. */
  async checkIn(
    eventId: string,
    memberId: string,
    memberField?: string,
  ): Promise<ParticipationRecord> {
    const [checkedIn] = await this.dataSource.query<Row[]>(
      `WITH p AS (
         UPDATE participations SET status = 'CHECKED_IN', checked_in_at = now(), updated_at = now()
          WHERE event_id = $1 AND member_id = $2 AND status = 'GOING' RETURNING *)
       SELECT ${COLUMNS}, NULL::int AS waitlist_position FROM p`,
      [eventId, memberId],
    );
    if (checkedIn) return toRecord(checkedIn);
    const current = await this.findOne(eventId, memberId);
    assertMayCheckIn(current, memberField);
    if (current.status !== ParticipationStatus.CHECKED_IN) throw new NotGoingError(current.status);
    return current;
  }

  findOne(eventId: string, memberId: string): Promise<ParticipationRecord | null> {
    return this.findOneIn(this.dataSource.manager, eventId, memberId).catch((error: unknown) => {
      if (error instanceof NotParticipatingError) return null;
      throw error;
    });
  }

  /** The viewer's participations in a batch of events, for DataLoader; null where none. */
  readonly viewerParticipations = async (
    keys: readonly { memberId: string; eventId: string }[],
  ): Promise<(ParticipationRecord | null)[]> => {
    // One viewer asks for their own: the pairs asked are all the pairs of these members and
    // events, and any other pair found is left out below.
    const { rows } = await poolOf(this.dataSource).query<Row>({
      ...PARTICIPATIONS_OF_MEMBERS_IN_EVENTS,
      values: [[...new Set(keys.map((k) => k.memberId))], [...new Set(keys.map((k) => k.eventId))]],
    });
    return byKeys(
      keys.map(participationKey),
      rows,
      (row) => participationKey({ eventId: row.event_id, memberId: row.member_id }),
      (row) => (row ? toRecord(row) : null),
    );
  };

  /** Places in line of WAITLISTED participations, for DataLoader. */
  readonly waitlistPositions = async (ids: readonly string[]): Promise<(number | null)[]> => {
    const rows = await this.dataSource.query<{ id: string; waitlist_position: number | null }[]>(
      `SELECT p.id, ${WAITLIST_POSITION} FROM participations p WHERE p.id = ANY($1::uuid[])`,
      [ids],
    );
    return byKeys(
      ids,
      rows,
      (row) => row.id,
      (row) => row?.waitlist_position ?? null,
    );
  };

  /** An event's participants in join order, optionally of some statuses. */
  async ofEvent(
    eventId: string,
    statuses: ParticipationStatus[],
    page: PageArgs,
  ): Promise<Connection<ListedParticipation>> {
    return this.page(
      `p.event_id = $1 AND p.status = ANY($2::text[])`,
      [eventId, statuses],
      'p.join_seq',
      (row) => [row.joinSeq],
      page,
    );
  }

  /** A member's participations that are not cancelled, soonest event first. */
  async ofMember(
    memberId: string,
    upcomingOnly: boolean,
    page: PageArgs,
  ): Promise<Connection<ListedParticipation>> {
    return this.page(
      `p.member_id = $1 AND p.status <> 'CANCELLED'
       ${upcomingOnly ? "AND e.ends_at > now() AND e.status = 'SCHEDULED'" : ''}`,
      [memberId],
      'e.starts_at, p.id',
      (row) => [row.startsAt.toISOString(), row.id],
      page,
    );
  }

  /** Keyset pagination over participations joined to their events. */
  private async page(
    where: string,
    params: unknown[],
    order: string,
    cursorOf: (row: ListedParticipation) => (string | number)[],
    { first, after }: PageArgs,
  ): Promise<Connection<ListedParticipation>> {
    assertPageSize(first);
    const keys = order.split(', ');
    const values = params.slice();
    let keyset = '';
    if (after) {
      const cursor = this.cursors.decode(order, after);
      const placeholders = cursor.map((value) => `$${values.push(value)}`);
      keyset = `AND (${keys.join(', ')}) > (${placeholders.join(', ')})`;
    }
    const rows = await this.dataSource.query<(Row & { starts_at: Date })[]>(
      `SELECT ${COLUMNS}, ${WAITLIST_POSITION}, e.starts_at FROM participations p
         JOIN events e ON e.id = p.event_id
        WHERE ${where} ${keyset}
        ORDER BY ${order} LIMIT ${first + 1}`,
      values,
    );
    const nodes = rows
      .slice(0, first)
      .map((row) => ({ ...toRecord(row), startsAt: row.starts_at }));
    const edges = nodes.map((node) => ({
      node,
      cursor: this.cursors.encode(order, cursorOf(node)),
    }));
    let total: Promise<number> | undefined;
    const countTotal = async () => {
      const [{ count }] = await this.dataSource.query<{ count: number }[]>(
        `SELECT count(*)::int AS count FROM participations p JOIN events e ON e.id = p.event_id
          WHERE ${where}`,
        params,
      );
      return count;
    };
    return {
      edges,
      pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
      get totalCount() {
        total ??= countTotal();
        return total;
      },
    };
  }

  private async findOneIn(
    manager: EntityManager,
    eventId: string,
    memberId: string,
  ): Promise<ParticipationRecord> {
    const [row] = await manager.query<Row[]>(
      `SELECT ${COLUMNS}, ${WAITLIST_POSITION} FROM participations p
        WHERE p.event_id = $1 AND p.member_id = $2`,
      [eventId, memberId],
    );
    if (!row) throw new NotParticipatingError();
    return toRecord(row);
  }

  /**
   * Runs work in a transaction holding the event's row: exclusively for a capacity-limited
   * event, shared for an unlimited one (so a change of capacity waits for joins in flight).
   * The caller's capacity picks the lock without a round trip; the locked row confirms it.
   */
  private async withEventLocked<T>(
    { id: eventId, capacity }: EventRef,
    work: (manager: EntityManager, event: LockedEvent) => Promise<T>,
  ): Promise<T> {
    for (let expectLimited = capacity !== null; ; expectLimited = !expectLimited) {
      const outcome = await this.dataSource.transaction(async (manager) => {
        const [event] = await manager.query<LockedEvent[]>(
          `SELECT capacity FROM events WHERE id = $1
             FOR ${expectLimited ? 'UPDATE' : 'SHARE'}`,
          [eventId],
        );
        if (!event) throw new EventNotFoundError();
        // Capacity was set or lifted since the caller read it: retry with the other lock.
        if ((event.capacity !== null) !== expectLimited) return { retry: true as const };
        return { retry: false as const, value: await work(manager, event) };
      });
      if (!outcome.retry) return outcome.value;
    }
  }
}

export function participationKey(key: { eventId: string; memberId: string }): string {
  return `${key.eventId}/${key.memberId}`;
}
