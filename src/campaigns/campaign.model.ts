import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '../common/pagination/connection.model.js';
import { CampaignKind, CampaignStatus, GoalMetric } from './campaign.enums.js';

@ObjectType('CampaignGoal')
export class CampaignGoal {
  @Field(() => GoalMetric)
  metric: GoalMetric;

  @Field(() => Int)
  target: number;
}

@ObjectType('Campaign')
export class Campaign {
  @Field(() => ID)
  id: string;

  @Field(() => CampaignKind)
  kind: CampaignKind;

  @Field(() => CampaignStatus, {
    description: "DRAFT campaigns are visible to the community's organizers and owner only.",
  })
  status: CampaignStatus;

  @Field()
  title: string;

  @Field(() => String, { nullable: true })
  description: string | null;

  @Field(() => [String], { description: "Without '#'." })
  hashtags: string[];

  @Field()
  startsAt: Date;

  @Field()
  endsAt: Date;

  @Field(() => [Int], {
    description:
      "Minutes before each event's start at which its participants are reminded; 0 means at the start.",
  })
  reminderOffsetsMinutes: number[];

  @Field()
  createdAt: Date;
}

export const CampaignConnection = ConnectionType(Campaign, 'Campaign');
