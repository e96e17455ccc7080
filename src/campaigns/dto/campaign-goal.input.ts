import { Field, InputType, Int } from '@nestjs/graphql';
import { IsEnum, IsInt, Max, Min } from 'class-validator';
import { GoalMetric } from '../campaign.enums.js';

@InputType('CampaignGoalInput')
export class CampaignGoalInput {
  @Field(() => GoalMetric)
  @IsEnum(GoalMetric)
  metric: GoalMetric;

  @Field(() => Int)
  @IsInt()
  @Min(1, { message: 'must be at least 1' })
  @Max(100_000_000)
  target: number;
}
