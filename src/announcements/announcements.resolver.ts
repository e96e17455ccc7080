import { Args, Context, Mutation, ResolveField, Resolver } from '@nestjs/graphql';
import type { CampaignEntity } from '../campaigns/campaign.entity.js';
import { CampaignStatus } from '../campaigns/campaign.enums.js';
import { Campaign } from '../campaigns/campaign.model.js';
import { CampaignNotOpenError } from '../campaigns/campaigns.errors.js';
import { CampaignsService } from '../campaigns/campaigns.service.js';
import type { GraphQLContext, NoArgs } from '../common/graphql/graphql-context.js';
import { ViewerId } from '../common/graphql/viewer.decorator.js';
import type { MemberEntity } from '../members/member.entity.js';
import { Member } from '../members/member.model.js';
import { MembersRepository } from '../members/members.repository.js';
import type { AnnouncementEntity } from './announcement.entity.js';
import { Announcement } from './announcement.model.js';
import { AnnouncementsRepository } from './announcements.repository.js';
import { AnnounceInput } from './dto/announce.input.js';

/** A campaign speaks to its participants while it is published, and after it ended. */
const ANNOUNCEABLE = [CampaignStatus.SCHEDULED, CampaignStatus.LIVE, CampaignStatus.ENDED];

@Resolver(() => Announcement)
export class AnnouncementsResolver {
  constructor(
    private readonly announcements: AnnouncementsRepository,
    private readonly campaigns: CampaignsService,
    private readonly members: MembersRepository,
  ) {}

  @Mutation(() => Announcement, {
    description: 'Organizers only; delivered to every participant of the campaign.',
  })
  async announce(
    @ViewerId() viewerId: string,
    @Args('input') input: AnnounceInput,
    @Context() { loaders }: GraphQLContext,
  ): Promise<AnnouncementEntity> {
    const campaign = await this.campaigns.organized({ viewerId, loaders }, input.campaignId);
    if (!ANNOUNCEABLE.includes(campaign.status)) throw new CampaignNotOpenError(campaign.status);
    return this.announcements.create(campaign.id, viewerId, input.message);
  }

  @ResolveField(() => Campaign)
  campaign(
    announcement: AnnouncementEntity,
    _args: NoArgs,
    { loaders }: GraphQLContext,
  ): CampaignEntity | null | Promise<CampaignEntity | null> {
    return this.campaigns.load(loaders, announcement.campaignId);
  }

  @ResolveField(() => Member)
  author(
    announcement: AnnouncementEntity,
    _args: NoArgs,
    { loaders }: GraphQLContext,
  ): Promise<MemberEntity | null> {
    return loaders.of(this.members.findByIds).load(announcement.authorId);
  }
}
