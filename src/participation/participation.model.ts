import { Field, ID, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '../common/pagination/connection.model.js';
import { ParticipationStatus } from './participation-status.js';

/** A participation as resolvers pass it around: the row, plus its place in line if waiting. */
export interface ParticipationRecord {
  id: string;
  eventId: string;
  memberId: string;
  status: ParticipationStatus;
  joinSeq: string;
  joinedAt: Date;
  checkedInAt: Date | null;
  waitlistPosition?: number | null;
}

@ObjectType('Participation')
export class Participation {
  @Field(() => ID)
  id: string;

  @Field(() => ParticipationStatus)
  status: ParticipationStatus;

  @Field()
  joinedAt: Date;

  @Field(() => Date, { nullable: true })
  checkedInAt: Date | null;
}

export const ParticipationConnection = ConnectionType(Participation, 'Participation');
