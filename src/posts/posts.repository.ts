import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import type { Connection } from '../common/pagination/connection.model.js';
import { Cursors } from '../common/pagination/cursor.js';
import { paginate, type PageArgs } from '../common/pagination/paginate.js';
import { uniqueViolation } from '../database/unique-violation.js';
import { PostReportEntity } from './post-report.entity.js';
import { PostAlreadyReportedError } from './posts.errors.js';

@Injectable()
export class PostsRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(PostReportEntity) private readonly posts: Repository<PostReportEntity>,
    private readonly cursors: Cursors,
  ) {}

  async insert(post: Omit<PostReportEntity, 'id' | 'createdAt'>): Promise<PostReportEntity> {
    try {
      return await this.posts.save(this.posts.create(post));
    } catch (error) {
      if (uniqueViolation(error) === 'post_reports_url_key') throw new PostAlreadyReportedError();
      throw error;
    }
  }

  /** True when the member is GOING or CHECKED_IN at one of the campaign's events. */
  async isParticipant(campaignId: string, memberId: string): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(
      `SELECT 1 FROM participations p JOIN events e ON e.id = p.event_id
        WHERE e.campaign_id = $1 AND p.member_id = $2 AND p.status IN ('GOING', 'CHECKED_IN')
        LIMIT 1`,
      [campaignId, memberId],
    );
    return rows.length > 0;
  }

  /** A campaign's post reports, newest first. */
  ofCampaign(campaignId: string, page: PageArgs): Promise<Connection<PostReportEntity>> {
    const query = this.posts
      .createQueryBuilder('r')
      .where('r.campaign_id = :campaignId', { campaignId });
    return paginate(this.cursors, query, page, [
      { expression: 'r.created_at', direction: 'DESC', value: (r) => r.createdAt },
      { expression: 'r.id', direction: 'DESC', value: (r) => r.id },
    ]);
  }
}
