import { Field, InputType, Int } from '@nestjs/graphql';
import { IsOptional } from 'class-validator';
import { CampaignGoalInput } from './campaign-goal.input.js';
import { campaignRules, Rules } from './campaign-fields.js';

@InputType('UpdateCampaignInput')
export class UpdateCampaignInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Rules(campaignRules.title)
  title?: string | null;

  @Field(() => String, { nullable: true })
  @Rules(campaignRules.description)
  description?: string | null;

  @Field(() => [String], { nullable: true })
  @Rules(campaignRules.hashtags)
  hashtags?: string[] | null;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  @Rules(campaignRules.date)
  startsAt?: Date | null;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  @Rules(campaignRules.date)
  endsAt?: Date | null;

  @Field(() => CampaignGoalInput, { nullable: true })
  @Rules(campaignRules.goal)
  goal?: CampaignGoalInput | null;

  @Field(() => [Int], { nullable: true })
  @Rules(campaignRules.reminderOffsetsMinutes)
  reminderOffsetsMinutes?: number[] | null;
}
