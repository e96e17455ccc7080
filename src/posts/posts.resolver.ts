import { Args, Context, Int, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { CampaignEntity } from '../campaigns/campaign.entity.js';
import { Campaign } from '../campaigns/campaign.model.js';
import { CampaignsService } from '../campaigns/campaigns.service.js';
import { CampaignNotFoundError, CampaignNotOpenError } from '../campaigns/campaigns.errors.js';
import { CampaignStatus } from '../campaigns/campaign.enums.js';
import type { GraphQLContext, NoArgs } from '../common/graphql/graphql-context.js';
import { ViewerId } from '../common/graphql/viewer.decorator.js';
import type { Connection } from '../common/pagination/connection.model.js';
import type { MemberEntity } from '../members/member.entity.js';
import { Member } from '../members/member.model.js';
import { MembersRepository } from '../members/members.repository.js';
import { ReportPostInput } from './dto/report-post.input.js';
import type { PostReportEntity } from './post-report.entity.js';
import { PostReport, PostReportConnection } from './post-report.model.js';
import { NotCampaignParticipantError } from './posts.errors.js';
import { PostsRepository } from './posts.repository.js';
import { TallyRequests } from '../tallies/tally-requests.service.js';

/** Posts go out while a campaign runs, and are still reported once it is over. */
const REPORTABLE = [CampaignStatus.SCHEDULED, CampaignStatus.LIVE, CampaignStatus.ENDED];

@Resolver(() => PostReport)
export class PostsResolver {
  constructor(
    private readonly posts: PostsRepository,
    private readonly campaigns: CampaignsService,
    private readonly members: MembersRepository,
    private readonly tallies: TallyRequests,
  ) {}

  @Mutation(() => PostReport, { description: 'Participants of the campaign only.' })
  async reportPost(
    @ViewerId() viewerId: string,
    @Args('input') input: ReportPostInput,
    @Context() { loaders }: GraphQLContext,
  ): Promise<PostReportEntity> {
    const campaign = await this.campaigns.visible({ viewerId, loaders }, input.campaignId);
    if (!campaign) throw new CampaignNotFoundError();
    if (!REPORTABLE.includes(campaign.status)) throw new CampaignNotOpenError(campaign.status);
    if (!(await this.posts.isParticipant(campaign.id, viewerId))) {
      throw new NotCampaignParticipantError();
    }
    const post = await this.posts.insert({
      campaignId: campaign.id,
      memberId: viewerId,
      platform: input.platform,
      url: input.url,
    });
    this.tallies.request(campaign.id);
    return post;
  }

  @ResolveField(() => Campaign)
  campaign(
    post: PostReportEntity,
    _args: NoArgs,
    { loaders }: GraphQLContext,
  ): CampaignEntity | null | Promise<CampaignEntity | null> {
    return this.campaigns.load(loaders, post.campaignId);
  }

  @ResolveField(() => Member)
  member(
    post: PostReportEntity,
    _args: NoArgs,
    { loaders }: GraphQLContext,
  ): Promise<MemberEntity | null> {
    return loaders.of(this.members.findByIds).load(post.memberId);
  }
}

@Resolver(() => Campaign)
export class CampaignPostsResolver {
  constructor(private readonly repository: PostsRepository) {}

  @ResolveField(() => PostReportConnection)
  posts(
    @Parent() campaign: CampaignEntity,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<Connection<PostReportEntity>> {
    return this.repository.ofCampaign(campaign.id, { first, after });
  }
}
