import { Injectable } from '@nestjs/common';
import { CampaignsService, type Viewer } from '../campaigns/campaigns.service.js';
import { isId } from '../common/graphql/ids.js';
import type { Connection } from '../common/pagination/connection.model.js';
import type { PageArgs } from '../common/pagination/paginate.js';
import { canOrganize } from '../communities/community-role.js';
import type { EventEntity } from '../events/event.entity.js';
import { EventStatus } from '../events/event.enums.js';
import { EventClosedError, EventNotFoundError } from '../events/events.errors.js';
import { EventsService } from '../events/events.service.js';
import { ForbiddenError } from '../common/errors/app-error.js';
import { consumeOrRefuse } from '../common/rate-limit/minute-limiter.js';
import { RateLimits } from '../common/rate-limit/rate-limit.module.js';
import { CampaignNotOpenError } from '../campaigns/campaigns.errors.js';
import {
  assertMayCheckIn,
  CheckInClosedError,
  NotParticipatingError,
  WrongCheckInCodeError,
} from './participation.errors.js';
import type { ParticipationRecord } from './participation.model.js';
import { ATTENDING, ParticipationStatus } from './participation-status.js';
import {
  ParticipationsRepository,
  type JoinRefusal,
  type ListedParticipation,
} from './participations.repository.js';
import { TallyRequests } from '../tallies/tally-requests.service.js';

function refusalError(refusal: JoinRefusal, detail: string | null): Error {
  switch (refusal) {
    case 'NOT_FOUND':
      return new EventNotFoundError();
    // The lifecycle worker marks events ENDED; until it has, the end time decides.
    case 'ENDED':
      return new EventClosedError(EventStatus.ENDED);
    case 'CAMPAIGN_NOT_OPEN':
      return new CampaignNotOpenError(detail ?? 'gone');
    case 'EVENT_CLOSED':
      return new EventClosedError(detail ?? EventStatus.CANCELLED);
  }
}

/** Self check-in opens this long before an event starts. */
export const CHECK_IN_OPENS_MS = 2 * 60 * 60 * 1000;

@Injectable()
export class ParticipationService {
  constructor(
    private readonly participations: ParticipationsRepository,
    private readonly events: EventsService,
    private readonly campaigns: CampaignsService,
    private readonly tallies: TallyRequests,
    private readonly limits: RateLimits,
  ) {}

  async join(
    viewer: Viewer & { viewerId: string },
    eventId: string,
    now = new Date(),
  ): Promise<ParticipationRecord> {
    if (!isId(eventId)) throw new EventNotFoundError();
    const outcome = await this.participations.join(eventId, viewer.viewerId, now);
    if ('refusal' in outcome) {
      // Nothing was written. An event the viewer may not see does not exist for them.
      await this.events.visibleOrFail(viewer, eventId);
      throw refusalError(outcome.refusal, outcome.detail);
    }
    this.events.forget(viewer, { id: eventId, campaignId: outcome.campaignId });
    this.tallies.request(outcome.campaignId);
    return outcome.participation;
  }

  async leave(
    viewer: Viewer & { viewerId: string },
    eventId: string,
  ): Promise<ParticipationRecord> {
    const event = await this.events.visibleOrFail(viewer, eventId);
    const participation = await this.participations.leave(event, viewer.viewerId);
    this.events.forget(viewer, event);
    this.tallies.request(event.campaignId);
    return participation;
  }

  async checkIn(
    viewer: Viewer & { viewerId: string },
    eventId: string,
    code: string,
    now = new Date(),
  ): Promise<ParticipationRecord> {
    const event = await this.events.visibleOrFail(viewer, eventId);
    this.events.assertScheduled(event);
    if (now.getTime() < event.startsAt.getTime() - CHECK_IN_OPENS_MS || now > event.endsAt) {
      throw new CheckInClosedError();
    }
    // Who may not check in learns nothing of the code, and who may tries a few codes a minute.
    assertMayCheckIn(await this.participations.findOne(event.id, viewer.viewerId));
    await consumeOrRefuse(this.limits.codeTries, `${viewer.viewerId}-${event.id}`);
    if (code.trim().toUpperCase() !== event.checkInCode) throw new WrongCheckInCodeError();
    const participation = await this.participations.checkIn(event.id, viewer.viewerId);
    this.tallies.request(event.campaignId);
    return participation;
  }

  async checkInMember(
    viewer: Viewer,
    eventId: string,
    memberId: string,
  ): Promise<ParticipationRecord> {
    const { event } = await this.events.organized(viewer, eventId);
    this.events.assertScheduled(event);
    if (!isId(memberId)) throw new NotParticipatingError(['memberId']);
    const participation = await this.participations.checkIn(event.id, memberId, 'memberId');
    this.tallies.request(event.campaignId);
    return participation;
  }

  /** Organizers see every participant; everyone else sees those GOING or CHECKED_IN. */
  async participants(
    viewer: Viewer,
    event: EventEntity,
    status: ParticipationStatus | null,
    page: PageArgs,
  ): Promise<Connection<ListedParticipation>> {
    const campaign = await this.campaigns.load(viewer.loaders, event.campaignId);
    const organizer = !!campaign && canOrganize(await this.campaigns.roleIn(viewer, campaign));
    const visible = organizer ? Object.values(ParticipationStatus) : ATTENDING;
    if (status && !visible.includes(status)) {
      throw new ForbiddenError('Only organizers see waitlisted and cancelled participants.');
    }
    return this.participations.ofEvent(event.id, status ? [status] : visible, page);
  }
}
