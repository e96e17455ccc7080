import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '../common/pagination/connection.model.js';
import { EventKind, EventStatus } from './event.enums.js';

@ObjectType('Venue')
export class Venue {
  @Field()
  name: string;

  @Field(() => String, { nullable: true })
  address: string | null;

  @Field()
  city: string;

  @Field({ description: 'ISO 3166-1 alpha-2, e.g. US.' })
  country: string;

  @Field(() => Float, { nullable: true })
  latitude: number | null;

  @Field(() => Float, { nullable: true })
  longitude: number | null;
}

@ObjectType('Event')
export class Event {
  @Field(() => ID)
  id: string;

  @Field(() => EventKind)
  kind: EventKind;

  @Field(() => EventStatus)
  status: EventStatus;

  @Field()
  title: string;

  @Field(() => String, { nullable: true })
  description: string | null;

  @Field()
  startsAt: Date;

  @Field()
  endsAt: Date;

  @Field({
    description:
      'IANA zone of the venue (or of the organizer for online events), e.g. America/Los_Angeles.',
  })
  timezone: string;

  @Field(() => String, { nullable: true })
  onlineUrl: string | null;

  @Field(() => Int, { nullable: true, description: 'Null means unlimited.' })
  capacity: number | null;

  @Field()
  createdAt: Date;
}

export const EventConnection = ConnectionType(Event, 'Event');
