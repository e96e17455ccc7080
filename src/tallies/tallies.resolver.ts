import {
  Args,
  Context,
  ID,
  Int,
  Parent,
  ResolveField,
  Resolver,
  Subscription,
} from '@nestjs/graphql';
import type { CampaignEntity } from '../campaigns/campaign.entity.js';
import { CampaignStatus } from '../campaigns/campaign.enums.js';
import { Campaign } from '../campaigns/campaign.model.js';
import { CampaignNotFoundError } from '../campaigns/campaigns.errors.js';
import { CampaignsService } from '../campaigns/campaigns.service.js';
import type { GraphQLContext, NoArgs } from '../common/graphql/graphql-context.js';
import { Loaders } from '../common/graphql/loaders.js';
import { assertPageSize } from '../common/pagination/paginate.js';
import { AppConfig } from '../config/app-config.js';
import type { MemberEntity } from '../members/member.entity.js';
import { Member } from '../members/member.model.js';
import { MembersRepository } from '../members/members.repository.js';
import { RecentRows } from '../database/recent-rows.js';
import { LiveFeed } from '../redis/live-feed.service.js';
import { campaignTally, parseCampaignTally, tallyChannel } from './campaign-tally.js';
import { TalliesRepository, type Tally } from './tallies.repository.js';
import { CampaignTally, LeaderboardDimension, LeaderboardEntry } from './tally.model.js';
import { cityLeaderboard } from './leaderboard.js';
import { TallyRequests } from './tally-requests.service.js';

@Resolver(() => Campaign)
export class CampaignTallyResolver {
  constructor(
    private readonly tallies: TalliesRepository,
    private readonly requests: TallyRequests,
    config: AppConfig,
  ) {
    this.stored = new RecentRows(tallies.stored, config.database.readCacheMs);
  }

  /**
   * Stored tallies. A hashtag push has thousands of fans polling one counter that moves a few
   * times a second at most: each replica reads it once per READ_CACHE_MS.
   */
  private readonly stored: RecentRows<string, Tally>;

  /** At once from this replica's copy when it has one (the hot path: no promise to wait for). */
  @ResolveField(() => CampaignTally)
  tally(
    campaign: CampaignEntity,
    _args: NoArgs,
    { loaders }: GraphQLContext,
  ): CampaignTally | Promise<CampaignTally> {
    const recent = this.stored.peek(campaign.id);
    if (recent) return campaignTally(recent, campaign);
    return this.counts(campaign, loaders).then((counts) => campaignTally(counts, campaign));
  }

  @ResolveField(() => [LeaderboardEntry])
  async leaderboard(
    @Parent() campaign: CampaignEntity,
    @Context() { loaders }: GraphQLContext,
    @Args('by', { type: () => LeaderboardDimension }) by: LeaderboardDimension,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 10 }) first: number,
  ): Promise<LeaderboardEntry[]> {
    assertPageSize(first);
    if (by === LeaderboardDimension.CITY) {
      return cityLeaderboard((await this.counts(campaign, loaders)).byCity, first);
    }
    return this.tallies.memberScores(campaign.id, first);
  }

  /** The stored tally; a campaign never tallied is counted now, and a tally requested. */
  private async counts(campaign: CampaignEntity, loaders: Loaders): Promise<Tally> {
    const stored = await this.stored.get(loaders, campaign.id);
    if (stored) return stored;
    this.requests.request(campaign.id);
    return this.tallies.compute(campaign.id);
  }
}

@Resolver(() => LeaderboardEntry)
export class LeaderboardEntryResolver {
  constructor(private readonly members: MembersRepository) {}

  @ResolveField(() => Member, { nullable: true, description: 'Set when ranking by MEMBER.' })
  member(
    entry: LeaderboardEntry,
    _args: NoArgs,
    { loaders }: GraphQLContext,
  ): Promise<MemberEntity | null> | null {
    return entry.memberId ? loaders.of(this.members.findByIds).load(entry.memberId) : null;
  }
}

@Resolver(() => CampaignTally)
export class CampaignTallyUpdatedResolver {
  constructor(
    private readonly campaigns: CampaignsService,
    private readonly feed: LiveFeed,
    private readonly config: AppConfig,
  ) {}

  @Subscription(() => CampaignTally, {
    description:
      "Pushed whenever the campaign's tally changes (coalesced, at most a few times a second).",
    resolve: (message: unknown) => parseCampaignTally(message),
  })
  async campaignTallyUpdated(
    @Args('campaignId', { type: () => ID }) campaignId: string,
    @Context() context: GraphQLContext,
  ): Promise<AsyncIterableIterator<unknown>> {
    const campaign = await this.campaigns.visible(context, campaignId);
    if (!campaign) throw new CampaignNotFoundError();
    const updates = this.feed.listen(tallyChannel(this.config.redis.queuePrefix, campaign.id));
    return campaign.status === CampaignStatus.DRAFT
      ? this.whileOrganizer(context, campaign.id, updates)
      : updates;
  }

  /** A draft's tallies, for as long as the viewer may still see the draft. */
  private async *whileOrganizer(
    context: GraphQLContext,
    campaignId: string,
    updates: AsyncIterableIterator<unknown>,
  ): AsyncIterableIterator<unknown> {
    try {
      for await (const update of { [Symbol.asyncIterator]: () => updates }) {
        const viewer = { viewerId: context.viewerId, loaders: new Loaders() };
        if (!(await this.campaigns.visible(viewer, campaignId))) return;
        yield update;
      }
    } finally {
      await updates.return?.();
    }
  }
}
