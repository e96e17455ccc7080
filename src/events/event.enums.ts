import { registerEnumType } from '@nestjs/graphql';

export enum EventKind {
  SCREENING = 'SCREENING',
  WATCH_PARTY = 'WATCH_PARTY',
  HASHTAG_PUSH = 'HASHTAG_PUSH',
  MEETUP = 'MEETUP',
}

export enum EventStatus {
  SCHEDULED = 'SCHEDULED',
  CANCELLED = 'CANCELLED',
  ENDED = 'ENDED',
}

registerEnumType(EventKind, { name: 'EventKind' });
registerEnumType(EventStatus, { name: 'EventStatus' });
