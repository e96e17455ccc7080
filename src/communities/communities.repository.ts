import { Injectable } from '@nestjs/common';
import { findByIds } from '../database/find-by-ids.js';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository, type EntityManager } from 'typeorm';
import { byKeys, type Loaders } from '../common/graphql/loaders.js';
import { AppConfig } from '../config/app-config.js';
import { RecentRows } from '../database/recent-rows.js';
import type { Connection } from '../common/pagination/connection.model.js';
import { Cursors } from '../common/pagination/cursor.js';
import { paginate, type PageArgs } from '../common/pagination/paginate.js';
import { uniqueViolation } from '../database/unique-violation.js';
import { SlugTakenError } from './communities.errors.js';
import { CommunityRole } from './community-role.js';
import { CommunityEntity } from './community.entity.js';
import { MembershipEntity } from './membership.entity.js';

export interface NewCommunity {
  slug: string;
  name: string;
  description: string | null;
  hashtag: string;
}

export interface MembershipKey {
  communityId: string;
  memberId: string;
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

@Injectable()
export class CommunitiesRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(CommunityEntity) private readonly communities: Repository<CommunityEntity>,
    @InjectRepository(MembershipEntity) private readonly memberships: Repository<MembershipEntity>,
    private readonly cursors: Cursors,
    config: AppConfig,
  ) {
    this.recent = new RecentRows(findByIds(communities), config.database.readCacheMs);
  }

  /** Inserts the community and its creator's OWNER membership in one transaction. */
  async insertWithOwner(community: NewCommunity, ownerId: string): Promise<CommunityEntity> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const created = await manager.save(
          manager.create(CommunityEntity, { ...community, createdById: ownerId }),
        );
        await manager.insert(MembershipEntity, {
          communityId: created.id,
          memberId: ownerId,
          role: CommunityRole.OWNER,
        });
        return manager.findOneByOrFail(CommunityEntity, { id: created.id });
      });
    } catch (error) {
      if (uniqueViolation(error) === 'communities_slug_key') throw new SlugTakenError();
      throw error;
    }
  }

  findBySlug(slug: string): Promise<CommunityEntity | null> {
    return this.communities.findOneBy({ slug });
  }

  findById(id: string): Promise<CommunityEntity | null> {
    return this.communities.findOneBy({ id });
  }

  /**
   * Communities by id. A community never changes once created: each replica reads one at most
   * once per READ_CACHE_MS (every event of a page names it).
   */
  private readonly recent: RecentRows<string, CommunityEntity>;

  /** The community, null where none; at once if this replica read it in the last READ_CACHE_MS. */
  load(loaders: Loaders, id: string): CommunityEntity | null | Promise<CommunityEntity | null> {
    return this.recent.get(loaders, id);
  }

  search(search: string | null | undefined, page: PageArgs): Promise<Connection<CommunityEntity>> {
    const query = this.communities.createQueryBuilder('community');
    if (search) {
      query.where(
        "(community.name || ' ' || community.slug || ' ' || community.hashtag) ILIKE :pattern",
        { pattern: `%${escapeLike(search)}%` },
      );
    }
    return paginate(this.cursors, query, page, [
      { expression: 'community.name', direction: 'ASC', value: (c) => c.name },
      { expression: 'community.id', direction: 'ASC', value: (c) => c.id },
    ]);
  }

  /** Member counts for DataLoader, in the order asked. */
  readonly countMembers = async (communityIds: readonly string[]): Promise<number[]> => {
    const rows = await this.memberships
      .createQueryBuilder('m')
      .select('m.community_id', 'communityId')
      .addSelect('count(*)::int', 'count')
      .where('m.community_id IN (:...ids)', { ids: [...communityIds] })
      .groupBy('m.community_id')
      .getRawMany<{ communityId: string; count: number }>();
    return byKeys(
      communityIds,
      rows,
      (row) => row.communityId,
      (row) => row?.count ?? 0,
    );
  };

  /** Memberships by (community, member) for DataLoader; null where there is none. */
  readonly findMemberships = async (
    keys: readonly MembershipKey[],
  ): Promise<(MembershipEntity | null)[]> => {
    const rows = await this.memberships
      .createQueryBuilder('m')
      .where(
        '(m.community_id, m.member_id) IN (SELECT * FROM unnest(:communityIds::uuid[], :memberIds::uuid[]))',
        {
          communityIds: keys.map((k) => k.communityId),
          memberIds: keys.map((k) => k.memberId),
        },
      )
      .getMany();
    return byKeys(
      keys.map(membershipKey),
      rows,
      (row) => membershipKey(row),
      (row) => row ?? null,
    );
  };

  findMembership(key: MembershipKey): Promise<MembershipEntity | null> {
    return this.memberships.findOneBy({ ...key });
  }

  /** Adds a MEMBER unless already in; returns the membership either way. */
  async join(key: MembershipKey): Promise<MembershipEntity> {
    await this.memberships
      .createQueryBuilder()
      .insert()
      .values({ ...key, role: CommunityRole.MEMBER })
      .orIgnore()
      .execute();
    return this.memberships.findOneByOrFail({ ...key });
  }

  membersOf(
    communityId: string,
    role: CommunityRole | null | undefined,
    page: PageArgs,
  ): Promise<Connection<MembershipEntity>> {
    const query = this.memberships
      .createQueryBuilder('m')
      .where('m.community_id = :communityId', { communityId });
    if (role) query.andWhere('m.role = :role', { role });
    return paginate(this.cursors, query, page, [
      { expression: 'm.joined_at', direction: 'ASC', value: (m) => m.joinedAt },
      { expression: 'm.member_id', direction: 'ASC', value: (m) => m.memberId },
    ]);
  }

  membershipsOfMember(memberId: string): Promise<MembershipEntity[]> {
    return this.memberships.find({ where: { memberId }, order: { joinedAt: 'ASC' } });
  }

  /**
   * Runs a change of the community's owners with its row locked, so two concurrent changes
   * cannot both see another owner and leave the community with none.
   */
  withCommunityLocked<T>(
    communityId: string,
    work: (owners: OwnerChanges) => Promise<T>,
  ): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      await manager
        .createQueryBuilder(CommunityEntity, 'c')
        .setLock('pessimistic_write')
        .where('c.id = :communityId', { communityId })
        .getOne();
      return work(new OwnerChanges(manager, communityId));
    });
  }
}

/** A DataLoader cache key for a (community, member) pair. */
export function membershipKey(key: MembershipKey): string {
  return `${key.communityId}/${key.memberId}`;
}

/** Membership changes inside a transaction that holds the community's lock. */
export class OwnerChanges {
  constructor(
    private readonly manager: EntityManager,
    private readonly communityId: string,
  ) {}

  membership(memberId: string): Promise<MembershipEntity | null> {
    return this.manager.findOneBy(MembershipEntity, { communityId: this.communityId, memberId });
  }

  countOwners(): Promise<number> {
    return this.manager.countBy(MembershipEntity, {
      communityId: this.communityId,
      role: CommunityRole.OWNER,
    });
  }

  async remove(memberId: string): Promise<void> {
    await this.manager.delete(MembershipEntity, { communityId: this.communityId, memberId });
  }

  async setRole(memberId: string, role: CommunityRole): Promise<MembershipEntity> {
    await this.manager.update(
      MembershipEntity,
      { communityId: this.communityId, memberId },
      { role },
    );
    return this.manager.findOneByOrFail(MembershipEntity, {
      communityId: this.communityId,
      memberId,
    });
  }
}
