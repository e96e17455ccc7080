import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsEnum } from 'class-validator';
import { CampaignKind } from '../campaign.enums.js';
import { CampaignGoalInput } from './campaign-goal.input.js';
import { campaignRules, Rules } from './campaign-fields.js';

@InputType('CreateCampaignInput')
export class CreateCampaignInput {
  @Field(() => ID)
  communityId: string;

  @Field(() => CampaignKind)
  @IsEnum(CampaignKind)
  kind: CampaignKind;

  @Field()
  @Rules(campaignRules.title)
  title: string;

  @Field(() => String, { nullable: true })
  @Rules(campaignRules.description)
  description?: string | null;

  @Field(() => [String], { nullable: true })
  @Rules(campaignRules.hashtags)
  hashtags?: string[] | null;

  @Field()
  @Rules(campaignRules.date)
  startsAt: Date;

  @Field()
  @Rules(campaignRules.date)
  endsAt: Date;

  @Field(() => CampaignGoalInput, { nullable: true })
  @Rules(campaignRules.goal)
  goal?: CampaignGoalInput | null;

  @Field(() => [Int], {
    nullable: true,
    description: '0..43200, at most 5 values; default [1440, 60].',
  })
  @Rules(campaignRules.reminderOffsetsMinutes)
  reminderOffsetsMinutes?: number[] | null;
}
