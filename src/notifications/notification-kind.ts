import { registerEnumType } from '@nestjs/graphql';

export enum NotificationKind {
  EVENT_REMINDER = 'EVENT_REMINDER',
  EVENT_CHANGED = 'EVENT_CHANGED',
  EVENT_CANCELLED = 'EVENT_CANCELLED',
  WAITLIST_PROMOTED = 'WAITLIST_PROMOTED',
  CAMPAIGN_LIVE = 'CAMPAIGN_LIVE',
  ANNOUNCEMENT = 'ANNOUNCEMENT',
}

registerEnumType(NotificationKind, { name: 'NotificationKind' });
