import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

@ObjectType('CityTally')
export class CityTally {
  @Field()
  city: string;

  @Field()
  country: string;

  @Field(() => Int)
  going: number;

  @Field(() => Int)
  checkedIn: number;
}

@ObjectType('CampaignTally', {
  description: 'Exact counts, kept by the tally worker; updatedAt says how fresh.',
})
export class CampaignTally {
  @Field(() => ID)
  campaignId: string;

  @Field(() => Int, {
    description: "Distinct members GOING or CHECKED_IN at any of the campaign's events.",
  })
  participants: number;

  @Field(() => Int, {
    description:
      "GOING participations summed over the campaign's events (a member at two events counts twice).",
  })
  going: number;

  @Field(() => Int, { description: "WAITLISTED participations summed over the campaign's events." })
  waitlisted: number;

  @Field(() => Int, { description: "CHECKED_IN participations summed over the campaign's events." })
  checkedIn: number;

  @Field(() => Int, { description: 'Post reports for the campaign.' })
  posts: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Progress toward the goal, 0..1 or more; null without a goal.',
  })
  goalProgress: number | null;

  @Field(() => [CityTally])
  byCity: CityTally[];

  @Field()
  updatedAt: Date;
}

export enum LeaderboardDimension {
  CITY = 'CITY',
  MEMBER = 'MEMBER',
}

registerEnumType(LeaderboardDimension, {
  name: 'LeaderboardDimension',
  valuesMap: {
    CITY: { description: 'Cities by participants: members going or checked in at their events.' },
    MEMBER: {
      description: 'Members by check-ins plus post reports; a tie goes to who got there first.',
    },
  },
});

@ObjectType('LeaderboardEntry')
export class LeaderboardEntry {
  @Field(() => Int, { description: 'Dense: equal scores share a rank, and no rank is skipped.' })
  rank: number;

  @Field()
  label: string;

  @Field(() => Int)
  score: number;

  /** Resolved to the `member` field; set when ranking by MEMBER. */
  memberId: string | null;
}
