import { Injectable } from '@nestjs/common';
import { InvalidInputError } from '../common/errors/app-error.js';
import { isId } from '../common/graphql/ids.js';
import type { Loaders } from '../common/graphql/loaders.js';
import { CommunityNotFoundError } from '../communities/communities.errors.js';
import { CommunitiesRepository } from '../communities/communities.repository.js';
import { CommunityAccess } from '../communities/community-access.js';
import { canOrganize, type CommunityRole } from '../communities/community-role.js';
import { eventCancelledJob } from '../notifications/notification-jobs.js';
import { enqueue } from '../outbox/outbox-job.js';
import { scheduleCampaign } from '../lifecycle/schedule.js';
import type { CampaignEntity } from './campaign.entity.js';
import { CampaignStatus } from './campaign.enums.js';
import {
  CampaignClosedError,
  CampaignNotFoundError,
  CampaignPastError,
  EventsOutsideWindowError,
  NotOrganizerError,
} from './campaigns.errors.js';
import { CampaignsRepository, type CampaignChanges } from './campaigns.repository.js';
import type { CreateCampaignInput } from './dto/create-campaign.input.js';
import type { UpdateCampaignInput } from './dto/update-campaign.input.js';
import { TallyRequests } from '../tallies/tally-requests.service.js';

export const DEFAULT_REMINDER_OFFSETS = [1440, 60];

/** Who asks, with the request's loaders: what every access decision needs. */
export interface Viewer {
  viewerId: string | null;
  loaders: Loaders;
}

export function assertWindow(startsAt: Date, endsAt: Date): void {
  if (startsAt >= endsAt) throw InvalidInputError.of('endsAt', 'must be after startsAt');
}

@Injectable()
export class CampaignsService {
  constructor(
    private readonly campaigns: CampaignsRepository,
    private readonly communities: CommunitiesRepository,
    private readonly access: CommunityAccess,
    private readonly tallies: TallyRequests,
  ) {}

  /**
   * The campaign, null where there is none. One this replica read in the last READ_CACHE_MS comes
   * back at once rather than as a promise: as a field resolver's answer (Event.campaign, once
   * per event of a page) graphql-js then completes it without waiting.
   */
  load(loaders: Loaders, id: string): CampaignEntity | null | Promise<CampaignEntity | null> {
    if (!isId(id)) return null;
    return this.campaigns.load(loaders, id);
  }

  roleIn(viewer: Viewer, campaign: CampaignEntity): Promise<CommunityRole | null> {
    return this.access.roleOf(viewer.loaders, campaign.communityId, viewer.viewerId);
  }

  /** The campaign if the viewer may see it: drafts exist only for organizers and owners. */
  async visible(viewer: Viewer, id: string): Promise<CampaignEntity | null> {
    const campaign = await this.load(viewer.loaders, id);
    if (!campaign || campaign.status !== CampaignStatus.DRAFT) return campaign;
    return canOrganize(await this.roleIn(viewer, campaign)) ? campaign : null;
  }

  /** The campaign if the viewer organizes it; NOT_FOUND where they may not see it. */
  async organized(viewer: Viewer, id: string): Promise<CampaignEntity> {
    const campaign = await this.visible(viewer, id);
    if (!campaign) throw new CampaignNotFoundError();
    if (!canOrganize(await this.roleIn(viewer, campaign))) throw new NotOrganizerError();
    return campaign;
  }

  async create(viewer: Viewer & { viewerId: string }, input: CreateCampaignInput) {
    if (!isId(input.communityId) || !(await this.communities.findById(input.communityId))) {
      throw new CommunityNotFoundError();
    }
    const role = await this.access.roleOf(viewer.loaders, input.communityId, viewer.viewerId);
    if (!canOrganize(role)) throw new NotOrganizerError();
    assertWindow(input.startsAt, input.endsAt);
    return this.campaigns.insert({
      communityId: input.communityId,
      kind: input.kind,
      title: input.title,
      description: input.description || null,
      hashtags: input.hashtags ?? [],
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      goalMetric: input.goal?.metric ?? null,
      goalTarget: input.goal?.target ?? null,
      reminderOffsetsMinutes: input.reminderOffsetsMinutes ?? DEFAULT_REMINDER_OFFSETS,
      createdById: viewer.viewerId,
    });
  }

  async update(viewer: Viewer, id: string, input: UpdateCampaignInput): Promise<CampaignEntity> {
    const campaign = await this.organized(viewer, id);
    this.assertChangeable(campaign);
    const startsAt = input.startsAt ?? campaign.startsAt;
    const endsAt = input.endsAt ?? campaign.endsAt;
    assertWindow(startsAt, endsAt);
    if (input.startsAt || input.endsAt) {
      const span = await this.campaigns.eventSpan(campaign.id);
      const outside = [
        ...(span.first && span.first < startsAt ? ['startsAt'] : []),
        ...(span.last && span.last > endsAt ? ['endsAt'] : []),
      ];
      if (outside.length) throw new EventsOutsideWindowError(outside);
    }
    const changes: CampaignChanges = {
      ...(input.title != null && { title: input.title }),
      ...(input.description !== undefined && { description: input.description || null }),
      ...(input.hashtags != null && { hashtags: input.hashtags }),
      ...(input.startsAt && { startsAt }),
      ...(input.endsAt && { endsAt }),
      ...(input.goal !== undefined && {
        goalMetric: input.goal?.metric ?? null,
        goalTarget: input.goal?.target ?? null,
      }),
      ...(input.reminderOffsetsMinutes != null && {
        reminderOffsetsMinutes: input.reminderOffsetsMinutes,
      }),
    };
    // New offsets or dates get new jobs; those left behind skip when they fire.
    const rescheduled = !!(changes.reminderOffsetsMinutes || changes.startsAt || changes.endsAt);
    return this.campaigns.update(
      campaign.id,
      changes,
      rescheduled ? (manager, updated) => scheduleCampaign(manager, updated) : undefined,
    );
  }

  /** DRAFT -> SCHEDULED; publishing again changes nothing. */
  async publish(viewer: Viewer, id: string): Promise<CampaignEntity> {
    const campaign = await this.organized(viewer, id);
    if (campaign.status !== CampaignStatus.DRAFT) {
      this.assertChangeable(campaign);
      return campaign;
    }
    if (campaign.endsAt <= new Date()) throw new CampaignPastError();
    return this.campaigns.update(
      campaign.id,
      { status: CampaignStatus.SCHEDULED },
      (manager, published) => scheduleCampaign(manager, published),
    );
  }

  /** Cancels the campaign and its events; cancelling again changes nothing. */
  async cancel(viewer: Viewer, id: string, reason: string | null): Promise<CampaignEntity> {
    const campaign = await this.organized(viewer, id);
    if (campaign.status === CampaignStatus.CANCELLED) return campaign;
    if (campaign.status === CampaignStatus.ENDED) throw new CampaignClosedError(campaign.status);
    const cancelled = await this.campaigns.cancel(campaign.id, reason, (manager, eventIds) =>
      enqueue(manager, eventIds.map(eventCancelledJob)),
    );
    this.tallies.request(campaign.id);
    return cancelled;
  }

  assertChangeable(campaign: CampaignEntity): void {
    if (campaign.status === CampaignStatus.ENDED || campaign.status === CampaignStatus.CANCELLED) {
      throw new CampaignClosedError(campaign.status);
    }
  }
}
