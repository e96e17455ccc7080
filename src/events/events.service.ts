import { randomInt } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InvalidInputError, type FieldProblem } from '../common/errors/app-error.js';
import { isId } from '../common/graphql/ids.js';
import { assertWindow, CampaignsService, type Viewer } from '../campaigns/campaigns.service.js';
import type { CampaignEntity } from '../campaigns/campaign.entity.js';
import { eventCancelledJob, eventChangedJob } from '../notifications/notification-jobs.js';
import { enqueue } from '../outbox/outbox-job.js';
import { scheduleEvent } from '../lifecycle/schedule.js';
import type { CreateEventInput } from './dto/create-event.input.js';
import type { UpdateEventInput } from './dto/update-event.input.js';
import type { VenueInput } from './dto/venue.input.js';
import type { EventEntity } from './event.entity.js';
import { EventStatus } from './event.enums.js';
import { EventClosedError, EventNotFoundError } from './events.errors.js';
import { EventsRepository, type EventChanges } from './events.repository.js';
import { TallyRequests } from '../tallies/tally-requests.service.js';

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A door code that is easy to read aloud: no 0/O or 1/I. */
export function newCheckInCode(): string {
  return Array.from({ length: 6 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
}

type Place = Required<
  Pick<
    EventChanges,
    'venueName' | 'venueAddress' | 'venueCity' | 'venueCountry' | 'latitude' | 'longitude'
  >
>;

function placeOf(venue: VenueInput | null): Place {
  return {
    venueName: venue?.name ?? null,
    venueAddress: venue?.address || null,
    venueCity: venue?.city ?? null,
    venueCountry: venue?.country ?? null,
    latitude: venue?.latitude ?? null,
    longitude: venue?.longitude ?? null,
  };
}

/** The rules an event's time and place must keep, whichever mutation sets them. */
function assertEvent(
  campaign: CampaignEntity,
  event: { startsAt: Date; endsAt: Date; venueName: string | null; onlineUrl: string | null },
  venue: VenueInput | null | undefined,
): void {
  assertWindow(event.startsAt, event.endsAt);
  const problems: FieldProblem[] = [];
  if (event.startsAt < campaign.startsAt) {
    problems.push({ field: 'startsAt', message: "must not be before the campaign's start" });
  }
  if (event.endsAt > campaign.endsAt) {
    problems.push({ field: 'endsAt', message: "must not be after the campaign's end" });
  }
  if (!event.venueName && !event.onlineUrl) {
    problems.push(
      { field: 'venue', message: 'give a venue, an onlineUrl, or both' },
      { field: 'onlineUrl', message: 'give a venue, an onlineUrl, or both' },
    );
  }
  if (venue && (venue.latitude == null) !== (venue.longitude == null)) {
    problems.push({
      field: 'venue.longitude',
      message: 'give both latitude and longitude, or neither',
    });
  }
  if (problems.length) throw new InvalidInputError(problems);
}

@Injectable()
export class EventsService {
  constructor(
    private readonly events: EventsRepository,
    private readonly campaigns: CampaignsService,
    private readonly tallies: TallyRequests,
  ) {}

  /** The event if the viewer may see its campaign; null otherwise. */
  async visible(viewer: Viewer, id: string): Promise<EventEntity | null> {
    const event = isId(id) ? await viewer.loaders.of(this.events.findByIds).load(id) : null;
    return event && (await this.campaigns.visible(viewer, event.campaignId)) ? event : null;
  }

  /**
   * Drops the request's copy of an event whose participations it just changed, and what the
   * replica keeps of its counts and of its campaign's pages.
   */
  forget(viewer: Viewer, event: Pick<EventEntity, 'id' | 'campaignId'>): void {
    viewer.loaders.forget(this.events.findByIds, event.id);
    this.events.forget(event);
  }

  async visibleOrFail(viewer: Viewer, id: string): Promise<EventEntity> {
    const event = await this.visible(viewer, id);
    if (!event) throw new EventNotFoundError();
    return event;
  }

  /** The event and its campaign when the viewer organizes it. */
  async organized(viewer: Viewer, id: string) {
    const event = await this.visibleOrFail(viewer, id);
    const campaign = await this.campaigns.organized(viewer, event.campaignId);
    return { event, campaign };
  }

  async create(viewer: Viewer, input: CreateEventInput): Promise<EventEntity> {
    const campaign = await this.campaigns.organized(viewer, input.campaignId);
    this.campaigns.assertChangeable(campaign);
    const event = {
      campaignId: campaign.id,
      kind: input.kind,
      title: input.title,
      description: input.description || null,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      timezone: input.timezone,
      ...placeOf(input.venue ?? null),
      onlineUrl: input.onlineUrl || null,
      capacity: input.capacity ?? null,
      checkInCode: newCheckInCode(),
    };
    assertEvent(campaign, event, input.venue);
    const saved = await this.events.insert(event, (manager, inserted) =>
      scheduleEvent(manager, inserted, campaign),
    );
    // Its city joins the campaign's tally.
    this.tallies.request(campaign.id);
    return saved;
  }

  async update(viewer: Viewer, id: string, input: UpdateEventInput): Promise<EventEntity> {
    const { event, campaign } = await this.organized(viewer, id);
    this.assertScheduled(event);
    const changes: EventChanges = {
      ...(input.title != null && { title: input.title }),
      ...(input.description !== undefined && { description: input.description || null }),
      ...(input.startsAt && { startsAt: input.startsAt }),
      ...(input.endsAt && { endsAt: input.endsAt }),
      ...(input.timezone && { timezone: input.timezone }),
      ...(input.venue !== undefined && placeOf(input.venue)),
      ...(input.onlineUrl !== undefined && { onlineUrl: input.onlineUrl || null }),
    };
    assertEvent(campaign, { ...event, ...changes }, input.venue);
    // New times leave the old jobs behind (they skip) and schedule new ones.
    const moved = !!changes.startsAt && changes.startsAt.getTime() !== event.startsAt.getTime();
    const retimed =
      moved || (!!changes.endsAt && changes.endsAt.getTime() !== event.endsAt.getTime());
    const saved = await this.events.update(
      event.id,
      changes,
      input.capacity,
      retimed
        ? async (manager, updated) => {
            await scheduleEvent(manager, updated, campaign);
            if (moved) await enqueue(manager, [eventChangedJob(updated.id, updated.startsAt)]);
          }
        : undefined,
    );
    // A larger capacity seats the waitlist; a new venue moves the counts to another city.
    this.tallies.request(campaign.id);
    return saved;
  }

  async cancel(viewer: Viewer, id: string, reason: string | null): Promise<EventEntity> {
    const { event } = await this.organized(viewer, id);
    if (event.status === EventStatus.CANCELLED) return event;
    this.assertScheduled(event);
    const cancelled = await this.events.cancel(event.id, reason, (manager) =>
      enqueue(manager, [eventCancelledJob(event.id)]),
    );
    this.tallies.request(event.campaignId);
    return cancelled;
  }

  assertScheduled(event: EventEntity): void {
    if (event.status !== EventStatus.SCHEDULED) throw new EventClosedError(event.status);
  }
}
