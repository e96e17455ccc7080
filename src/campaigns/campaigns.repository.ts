import { Injectable } from '@nestjs/common';
import { findByIds } from '../database/find-by-ids.js';
import { RecentRows } from '../database/recent-rows.js';
import type { Loaders } from '../common/graphql/loaders.js';
import { AppConfig } from '../config/app-config.js';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository, type EntityManager } from 'typeorm';
import type { Connection } from '../common/pagination/connection.model.js';
import { Cursors } from '../common/pagination/cursor.js';
import { paginate, type PageArgs } from '../common/pagination/paginate.js';
import { CampaignEntity } from './campaign.entity.js';
import { CampaignEventPages } from './campaign-event-pages.js';
import { CampaignStatus } from './campaign.enums.js';

export type NewCampaign = Omit<
  CampaignEntity,
  'id' | 'status' | 'cancelReason' | 'createdAt' | 'updatedAt'
>;

/** Work that must commit with a write, given the row as written (e.g. outbox jobs). */
export type AfterWrite<T> = (manager: EntityManager, row: T) => Promise<void>;

export type CampaignChanges = Partial<
  Pick<
    CampaignEntity,
    | 'title'
    | 'description'
    | 'hashtags'
    | 'startsAt'
    | 'endsAt'
    | 'goalMetric'
    | 'goalTarget'
    | 'reminderOffsetsMinutes'
    | 'status'
  >
>;

@Injectable()
export class CampaignsRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(CampaignEntity) private readonly campaigns: Repository<CampaignEntity>,
    private readonly eventPages: CampaignEventPages,
    private readonly cursors: Cursors,
    config: AppConfig,
  ) {
    this.recent = new RecentRows(findByIds(campaigns), config.database.readCacheMs);
  }

  insert(campaign: NewCampaign): Promise<CampaignEntity> {
    return this.campaigns.save(
      this.campaigns.create({ ...campaign, status: CampaignStatus.DRAFT, cancelReason: null }),
    );
  }

  /**
   * Campaigns by id. A campaign page is read by every fan of a hashtag push at once: each
   * replica reads a campaign at most once per READ_CACHE_MS, and forgets it when it changes it
   * itself.
   */
  private readonly recent: RecentRows<string, CampaignEntity>;

  /** The campaign, null where none; at once if this replica read it in the last READ_CACHE_MS. */
  load(loaders: Loaders, id: string): CampaignEntity | null | Promise<CampaignEntity | null> {
    return this.recent.get(loaders, id);
  }

  /** Applies the changes; `then` runs in the same transaction (to schedule what they imply). */
  async update(id: string, changes: CampaignChanges, then?: AfterWrite<CampaignEntity>) {
    const updated = await this.dataSource.transaction(async (manager) => {
      if (Object.keys(changes).length) await manager.update(CampaignEntity, { id }, changes);
      const campaign = await manager.findOneByOrFail(CampaignEntity, { id });
      await then?.(manager, campaign);
      return campaign;
    });
    this.recent.forget(id);
    return updated;
  }

  ofCommunity(
    communityId: string,
    statuses: CampaignStatus[] | null | undefined,
    includeDrafts: boolean,
    page: PageArgs,
  ): Promise<Connection<CampaignEntity>> {
    const query = this.campaigns
      .createQueryBuilder('c')
      .where('c.community_id = :communityId', { communityId });
    if (statuses?.length) query.andWhere('c.status IN (:...statuses)', { statuses });
    if (!includeDrafts) query.andWhere('c.status <> :draft', { draft: CampaignStatus.DRAFT });
    return paginate(this.cursors, query, page, [
      { expression: 'c.starts_at', direction: 'ASC', value: (c) => c.startsAt },
      { expression: 'c.id', direction: 'ASC', value: (c) => c.id },
    ]);
  }

  /** The earliest start and latest end of the campaign's events that are not cancelled. */
  async eventSpan(campaignId: string): Promise<{ first: Date | null; last: Date | null }> {
    const [span] = await this.dataSource.query<{ first: Date | null; last: Date | null }[]>(
      `SELECT min(starts_at) AS first, max(ends_at) AS last FROM events
        WHERE campaign_id = $1 AND status <> 'CANCELLED'`,
      [campaignId],
    );
    return span;
  }

  /**
   * Cancels the campaign and its scheduled events in one transaction; `then` gets the ids of
   * the events it cancelled.
   */
  async cancel(
    id: string,
    reason: string | null,
    then: AfterWrite<string[]>,
  ): Promise<CampaignEntity> {
    const campaign = await this.dataSource.transaction(async (manager) => {
      await manager.update(
        CampaignEntity,
        { id },
        { status: CampaignStatus.CANCELLED, cancelReason: reason },
      );
      const cancelled = await manager.query<{ id: string }[]>(
        `WITH cancelled AS (
           UPDATE events SET status = 'CANCELLED', cancel_reason = $2, updated_at = now()
            WHERE campaign_id = $1 AND status = 'SCHEDULED' RETURNING id)
         SELECT id FROM cancelled`,
        [id, reason],
      );
      await then(
        manager,
        cancelled.map((event) => event.id),
      );
      return manager.findOneByOrFail(CampaignEntity, { id });
    });
    this.recent.forget(id);
    this.eventPages.forget(id);
    return campaign;
  }
}
