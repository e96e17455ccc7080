import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { InvalidInputError } from '../common/errors/app-error.js';
import { isId } from '../common/graphql/ids.js';
import type { Connection } from '../common/pagination/connection.model.js';
import { Cursors } from '../common/pagination/cursor.js';
import { paginate, type PageArgs } from '../common/pagination/paginate.js';
import { NotificationEntity } from './notification.entity.js';

/** The most ids one markNotificationsRead may name. */
export const MAX_MARK_READ_IDS = 500;

@Injectable()
export class NotificationsRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(NotificationEntity)
    private readonly notifications: Repository<NotificationEntity>,
    private readonly cursors: Cursors,
  ) {}

  /** A member's notifications, newest first; only the unread ones when unreadOnly. */
  ofMember(
    memberId: string,
    unreadOnly: boolean,
    page: PageArgs,
  ): Promise<Connection<NotificationEntity>> {
    const query = this.notifications
      .createQueryBuilder('n')
      .where('n.member_id = :memberId', { memberId });
    if (unreadOnly) query.andWhere('n.read_at IS NULL');
    return paginate(this.cursors, query, page, [
      { expression: 'n.created_at', direction: 'DESC', value: (n) => n.createdAt },
      { expression: 'n.id', direction: 'DESC', value: (n) => n.id },
    ]);
  }

  /** How many of a member's notifications are unread (from notifications_unread_idx). */
  async unreadCount(memberId: string): Promise<number> {
    const [{ count }] = await this.dataSource.query<{ count: number }[]>(
      'SELECT count(*)::int AS count FROM notifications WHERE member_id = $1 AND read_at IS NULL',
      [memberId],
    );
    return count;
  }

  /**
   * Marks the member's own unread notifications among `ids` as read and returns how many it
   * newly marked. Ids that are not UUIDs name nothing; other members' ids are left alone.
   * (UPDATE … RETURNING sits in a CTE because TypeORM's query() answers a bare UPDATE with
   * [rows, count] rather than rows.)
   */
  async markRead(memberId: string, ids: readonly string[]): Promise<number> {
    if (ids.length > MAX_MARK_READ_IDS) {
      throw InvalidInputError.of('ids', `must name at most ${MAX_MARK_READ_IDS} notifications`);
    }
    const valid = [...new Set(ids.filter(isId))];
    if (!valid.length) return 0;
    const [{ count }] = await this.dataSource.query<{ count: number }[]>(
      `WITH marked AS (
         UPDATE notifications SET read_at = now()
          WHERE member_id = $1 AND id = ANY($2::uuid[]) AND read_at IS NULL
          RETURNING 1)
       SELECT count(*)::int AS count FROM marked`,
      [memberId, valid],
    );
    return count;
  }
}
