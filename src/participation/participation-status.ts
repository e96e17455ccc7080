import { registerEnumType } from '@nestjs/graphql';

export enum ParticipationStatus {
  GOING = 'GOING',
  WAITLISTED = 'WAITLISTED',
  CHECKED_IN = 'CHECKED_IN',
  CANCELLED = 'CANCELLED',
}

registerEnumType(ParticipationStatus, { name: 'ParticipationStatus' });

/** Who holds a seat: they count toward capacity and the going tallies. */
export const ATTENDING = [ParticipationStatus.GOING, ParticipationStatus.CHECKED_IN];
