import type { DataSourceOptions } from 'typeorm';
import { migrations } from '../../migrations/index.js';
import { AnnouncementEntity } from '../announcements/announcement.entity.js';
import { CampaignEntity } from '../campaigns/campaign.entity.js';
import { CommunityEntity } from '../communities/community.entity.js';
import { EventEntity } from '../events/event.entity.js';
import { NotificationEntity } from '../notifications/notification.entity.js';
import { PostReportEntity } from '../posts/post-report.entity.js';
import { MembershipEntity } from '../communities/membership.entity.js';
import { MemberEntity } from '../members/member.entity.js';

export const entities = [
  MemberEntity,
  CommunityEntity,
  MembershipEntity,
  CampaignEntity,
  EventEntity,
  PostReportEntity,
  NotificationEntity,
  AnnouncementEntity,
];

/** The one definition of the database connection, shared by the app, the scripts and the tests. */
export function dataSourceOptions(url: string, poolSize: number): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities,
    migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    extra: { max: poolSize, application_name: 'fanrally' },
  };
}
