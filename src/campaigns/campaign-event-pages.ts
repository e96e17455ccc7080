import { Injectable } from '@nestjs/common';
import type { Connection } from '../common/pagination/connection.model.js';
import { AppConfig } from '../config/app-config.js';
import { RecentPages } from '../database/recent-pages.js';
import type { EventEntity } from '../events/event.entity.js';

/**
 * The pages of a campaign's events this replica read in the last READ_CACHE_MS, by campaign: a
 * campaign page is read by every fan of a hashtag push at once. Whatever this replica changes in
 * a campaign or its events (a join, a leave, an event created, changed or cancelled, the campaign
 * cancelled) forgets the campaign's pages.
 */
@Injectable()
export class CampaignEventPages extends RecentPages<Connection<EventEntity>> {
  constructor(config: AppConfig) {
    super(config.database.readCacheMs);
  }
}
