import { DateTime, Duration } from 'luxon';
import { NotificationKind } from './notification-kind.js';

export interface EventFacts {
  title: string;
  startsAt: Date;
  venueName: string | null;
  venueCity: string | null;
  onlineUrl: string | null;
  cancelReason?: string | null;
}

export interface CampaignFacts {
  title: string;
  hashtags: string[];
  endsAt: Date;
}

export interface RenderedNotification {
  title: string;
  body: string;
}

/** "Sat 14 Feb, 11:30 PST": a start as a member reads it, in their own zone. */
export function wallClock(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toFormat('ccc d LLL, HH:mm ZZZZ', {
    locale: 'en-US',
  });
}

/** "1 day", "1 hour", "90 minutes". */
export function lead(minutes: number): string {
  if (minutes === 0) return 'now';
  const unit = minutes % 1440 === 0 ? 'days' : minutes % 60 === 0 ? 'hours' : 'minutes';
  const amount = Duration.fromObject({ minutes }).as(unit);
  return `${amount} ${amount === 1 ? unit.slice(0, -1) : unit}`;
}

function place(event: EventFacts): string {
  if (event.venueName) return `${event.venueName}, ${event.venueCity ?? ''}`.replace(/, $/, '');
  return event.onlineUrl ? `online: ${event.onlineUrl}` : 'online';
}

/** The title and body of an event notification for a member in `zone`. */
export function renderEventNotification(
  kind: NotificationKind,
  event: EventFacts,
  zone: string,
  offsetMinutes = 0,
): RenderedNotification {
  const when = wallClock(event.startsAt, zone);
  switch (kind) {
    case NotificationKind.EVENT_REMINDER:
      return {
        title:
          offsetMinutes === 0
            ? `Starting now: ${event.title}`
            : `In ${lead(offsetMinutes)}: ${event.title}`,
        body: `${event.title} starts ${when} at ${place(event)}.`,
      };
    case NotificationKind.WAITLIST_PROMOTED:
      return {
        title: `You're in: ${event.title}`,
        body: `A spot opened up and you are now going to ${event.title}, ${when} at ${place(event)}.`,
      };
    case NotificationKind.EVENT_CHANGED:
      return {
        title: `New time: ${event.title}`,
        body: `${event.title} now starts ${when} at ${place(event)}.`,
      };
    case NotificationKind.EVENT_CANCELLED:
      return {
        title: `Cancelled: ${event.title}`,
        body: `${event.title}, ${when}, is cancelled.${event.cancelReason ? ` ${event.cancelReason}` : ''}`,
      };
    default:
      throw new Error(`No event text for ${kind}`);
  }
}

/** CAMPAIGN_LIVE: the campaign has started. */
export function renderCampaignLive(campaign: CampaignFacts, zone: string): RenderedNotification {
  const tags = campaign.hashtags.map((tag) => `#${tag}`).join(' ');
  return {
    title: `Live now: ${campaign.title}`,
    body: `${campaign.title} is live until ${wallClock(campaign.endsAt, zone)}.${tags ? ` Post with ${tags}.` : ''}`,
  };
}

/** ANNOUNCEMENT: an organizer's message to the campaign's participants. */
export function renderAnnouncement(campaign: CampaignFacts, message: string): RenderedNotification {
  return { title: `${campaign.title}: a message from the organizers`, body: message };
}
