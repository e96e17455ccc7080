import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsEnum } from 'class-validator';
import { campaignRules, Rules } from '../../campaigns/dto/campaign-fields.js';
import { EventKind } from '../event.enums.js';
import { eventRules } from './event-fields.js';
import { VenueInput } from './venue.input.js';

@InputType('CreateEventInput')
export class CreateEventInput {
  @Field(() => ID)
  campaignId: string;

  @Field(() => EventKind)
  @IsEnum(EventKind)
  kind: EventKind;

  @Field()
  @Rules(campaignRules.title)
  title: string;

  @Field(() => String, { nullable: true })
  @Rules(campaignRules.description)
  description?: string | null;

  @Field()
  @Rules(campaignRules.date)
  startsAt: Date;

  @Field()
  @Rules(campaignRules.date)
  endsAt: Date;

  @Field()
  @Rules(eventRules.timezone)
  timezone: string;

  @Field(() => VenueInput, { nullable: true, description: 'A venue, an onlineUrl, or both.' })
  @Rules(eventRules.venue)
  venue?: VenueInput | null;

  @Field(() => String, { nullable: true })
  @Rules(eventRules.onlineUrl)
  onlineUrl?: string | null;

  @Field(() => Int, { nullable: true })
  @Rules(eventRules.capacity)
  capacity?: number | null;
}
