import { Injectable } from '@nestjs/common';
import { findByIds } from '../database/find-by-ids.js';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { byKeys, type Loaders } from '../common/graphql/loaders.js';
import { CampaignEventPages } from '../campaigns/campaign-event-pages.js';
import { AppConfig } from '../config/app-config.js';
import { RecentRows } from '../database/recent-rows.js';
import type { Connection } from '../common/pagination/connection.model.js';
import { Cursors } from '../common/pagination/cursor.js';
import { paginate, type PageArgs } from '../common/pagination/paginate.js';
import { OPEN_CAMPAIGN_STATUSES } from '../campaigns/campaign.enums.js';
import type { AfterWrite } from '../campaigns/campaigns.repository.js';
import { promoteWaitlisted, recountEvent } from '../participation/waitlist.js';
import { EventEntity } from './event.entity.js';
import { EventKind, EventStatus } from './event.enums.js';
import { CapacityBelowGoingError } from './events.errors.js';

export type NewEvent = Omit<
  EventEntity,
  'id' | 'status' | 'goingCount' | 'waitlistCount' | 'cancelReason' | 'createdAt' | 'updatedAt'
>;

export type EventChanges = Partial<
  Pick<
    EventEntity,
    | 'title'
    | 'description'
    | 'startsAt'
    | 'endsAt'
    | 'timezone'
    | 'venueName'
    | 'venueAddress'
    | 'venueCity'
    | 'venueCountry'
    | 'latitude'
    | 'longitude'
    | 'onlineUrl'
  >
>;

export interface Discovery {
  communitySlug?: string | null;
  campaignId?: string | null;
  kinds?: EventKind[] | null;
  city?: string | null;
  country?: string | null;
  near?: { latitude: number; longitude: number; radiusKm: number } | null;
  from: Date;
  to?: Date | null;
}

export interface ParticipationCounts {
  going: number;
  waitlisted: number;
}

const EARTH_RADIUS_KM = 6371.0088;
const KM_PER_DEGREE_LATITUDE = (Math.PI * EARTH_RADIUS_KM) / 180;

const soonestFirst = [
  { expression: 'e.starts_at', direction: 'ASC' as const, value: (e: EventEntity) => e.startsAt },
  { expression: 'e.id', direction: 'ASC' as const, value: (e: EventEntity) => e.id },
];

@Injectable()
export class EventsRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(EventEntity) private readonly events: Repository<EventEntity>,
    private readonly pages: CampaignEventPages,
    private readonly cursors: Cursors,
    config: AppConfig,
  ) {
    this.counts = new RecentRows(this.countParticipations, config.database.readCacheMs);
  }

  async insert(event: NewEvent, then?: AfterWrite<EventEntity>): Promise<EventEntity> {
    const inserted = await this.dataSource.transaction(async (manager) => {
      const saved = await manager.save(
        manager.create(EventEntity, {
          ...event,
          status: EventStatus.SCHEDULED,
          goingCount: 0,
          waitlistCount: 0,
          cancelReason: null,
        }),
      );
      await then?.(manager, saved);
      return saved;
    });
    this.pages.forget(event.campaignId);
    return inserted;
  }

  /** Events by id, for DataLoader; null where none. */
  readonly findByIds = findByIds(this.events);

  /**
   * Applies the changes; a new capacity (null: unlimited) is checked against who is going and
   * promotes the waitlist into the seats it frees, all under the event's lock.
   */
  async update(
    id: string,
    changes: EventChanges,
    capacity: number | null | undefined,
    then?: AfterWrite<EventEntity>,
  ): Promise<EventEntity> {
    await this.dataSource.transaction(async (manager) => {
      const [event] = await manager.query<{ capacity: number | null; going_count: number }[]>(
        'SELECT capacity, going_count FROM events WHERE id = $1 FOR UPDATE',
        [id],
      );
      if (Object.keys(changes).length) await manager.update(EventEntity, { id }, changes);
      if (then) await then(manager, await manager.findOneByOrFail(EventEntity, { id }));
      if (capacity === undefined || capacity === event.capacity) return;
      // Unlimited events keep no counters; count them under the lock before limiting.
      if (event.capacity === null) await recountEvent(manager, id);
      const [{ going_count: going }] = await manager.query<{ going_count: number }[]>(
        'SELECT going_count FROM events WHERE id = $1',
        [id],
      );
      if (capacity !== null && capacity < going) throw new CapacityBelowGoingError(going);
      await manager.update(EventEntity, { id }, { capacity });
      await promoteWaitlisted(manager, id, capacity === null ? null : capacity - going);
      await recountEvent(manager, id);
    });
    const updated = await this.events.findOneByOrFail({ id });
    this.forget(updated);
    return updated;
  }

  async cancel(
    id: string,
    reason: string | null,
    then: AfterWrite<EventEntity>,
  ): Promise<EventEntity> {
    const cancelled = await this.dataSource.transaction(async (manager) => {
      await manager.update(
        EventEntity,
        { id },
        { status: EventStatus.CANCELLED, cancelReason: reason },
      );
      const event = await manager.findOneByOrFail(EventEntity, { id });
      await then(manager, event);
      return event;
    });
    this.forget(cancelled);
    return cancelled;
  }

  /**
   * Drops what this replica keeps of an event it changed, or whose participations it changed:
   * its counts and its campaign's pages.
   */
  forget(event: Pick<EventEntity, 'id' | 'campaignId'>): void {
    this.counts.forget(event.id);
    this.pages.forget(event.campaignId);
  }

  /**
   * A page of the campaign's events, soonest first: one this replica read in the last
   * READ_CACHE_MS comes back at once (CampaignEventPages).
   */
  ofCampaign(
    campaignId: string,
    upcomingOnly: boolean,
    page: PageArgs,
  ): Connection<EventEntity> | Promise<Connection<EventEntity>> {
    return this.pages.read(campaignId, `${upcomingOnly} ${page.first} ${page.after}`, () => {
      const query = this.events
        .createQueryBuilder('e')
        .where('e.campaign_id = :campaignId', { campaignId });
      if (upcomingOnly) {
        query.andWhere('e.ends_at > now() AND e.status = :scheduled', {
          scheduled: EventStatus.SCHEDULED,
        });
      }
      // Frozen: a page kept is shared by every request.
      return paginate(this.cursors, query, page, soonestFirst).then((connection) => {
        for (const { node } of connection.edges) Object.freeze(node);
        return connection;
      });
    });
  }

  /** Upcoming scheduled events of published campaigns, soonest first. */
  discover(filter: Discovery, page: PageArgs): Promise<Connection<EventEntity>> {
    const query = this.events
      .createQueryBuilder('e')
      .innerJoin('campaigns', 'c', 'c.id = e.campaign_id')
      .where('e.status = :scheduled', { scheduled: EventStatus.SCHEDULED })
      .andWhere('c.status IN (:...open)', { open: OPEN_CAMPAIGN_STATUSES })
      .andWhere('e.starts_at >= :from', { from: filter.from });
    if (filter.to) query.andWhere('e.starts_at < :to', { to: filter.to });
    if (filter.campaignId) query.andWhere('e.campaign_id = :campaignId', filter);
    if (filter.communitySlug) {
      query
        .innerJoin('communities', 'community', 'community.id = c.community_id')
        .andWhere('community.slug = :communitySlug', filter);
    }
    if (filter.kinds?.length) query.andWhere('e.kind IN (:...kinds)', filter);
    if (filter.city) query.andWhere('lower(e.venue_city) = lower(:city)', filter);
    if (filter.country) query.andWhere('e.venue_country = :country', filter);
    if (filter.near) {
      const { latitude, longitude, radiusKm } = filter.near;
      // A band of latitudes narrows the scan; the great-circle distance decides, and wraps
      // across the antimeridian by itself.
      const band = radiusKm / KM_PER_DEGREE_LATITUDE;
      query
        .andWhere('e.latitude BETWEEN :south AND :north', {
          south: latitude - band,
          north: latitude + band,
        })
        .andWhere(
          `${EARTH_RADIUS_KM} * 2 * asin(sqrt(
             power(sin(radians(e.latitude - :latitude) / 2), 2) +
             cos(radians(:latitude)) * cos(radians(e.latitude)) *
             power(sin(radians(e.longitude - :longitude) / 2), 2))) <= :radiusKm`,
          { latitude, longitude, radiusKm },
        );
    }
    return paginate(this.cursors, query, page, soonestFirst);
  }

  /**
   * Counts of unlimited events, which keep no counters: each replica counts one at most once per
   * READ_CACHE_MS, and forgets it when it changes its participations itself.
   */
  private readonly counts: RecentRows<string, ParticipationCounts>;

  /** The event's counts, at once if this replica counted them in the last READ_CACHE_MS. */
  countsOf(
    loaders: Loaders,
    eventId: string,
  ): ParticipationCounts | null | Promise<ParticipationCounts | null> {
    return this.counts.get(loaders, eventId);
  }

  /** Going (GOING + CHECKED_IN) and waitlisted counts of events, for DataLoader. */
  private readonly countParticipations = async (
    eventIds: readonly string[],
  ): Promise<ParticipationCounts[]> => {
    const rows = await this.dataSource.query<
      { event_id: string; going: number; waitlisted: number }[]
    >(
      `SELECT event_id,
              count(*) FILTER (WHERE status IN ('GOING', 'CHECKED_IN'))::int AS going,
              count(*) FILTER (WHERE status = 'WAITLISTED')::int AS waitlisted
         FROM participations WHERE event_id = ANY($1::uuid[]) GROUP BY event_id`,
      [eventIds],
    );
    return byKeys(
      eventIds,
      rows,
      (row) => row.event_id,
      (row) => ({ going: row?.going ?? 0, waitlisted: row?.waitlisted ?? 0 }),
    );
  };
}
