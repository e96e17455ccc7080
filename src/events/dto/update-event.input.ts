import { Field, InputType, Int } from '@nestjs/graphql';
import { IsOptional } from 'class-validator';
import { campaignRules, Rules } from '../../campaigns/dto/campaign-fields.js';
import { eventRules } from './event-fields.js';
import { VenueInput } from './venue.input.js';

/** Absent fields stay as they are; an explicit null clears venue, onlineUrl or capacity. */
@InputType('UpdateEventInput')
export class UpdateEventInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Rules(campaignRules.title)
  title?: string | null;

  @Field(() => String, { nullable: true })
  @Rules(campaignRules.description)
  description?: string | null;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  @Rules(campaignRules.date)
  startsAt?: Date | null;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  @Rules(campaignRules.date)
  endsAt?: Date | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Rules(eventRules.timezone)
  timezone?: string | null;

  @Field(() => VenueInput, { nullable: true })
  @Rules(eventRules.venue)
  venue?: VenueInput | null;

  @Field(() => String, { nullable: true })
  @Rules(eventRules.onlineUrl)
  onlineUrl?: string | null;

  @Field(() => Int, { nullable: true })
  @Rules(eventRules.capacity)
  capacity?: number | null;
}
