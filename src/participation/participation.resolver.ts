import { Args, Context, ID, Int, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import type { GraphQLContext, NoArgs } from '../common/graphql/graphql-context.js';
import { ViewerId } from '../common/graphql/viewer.decorator.js';
import type { Connection, Edge } from '../common/pagination/connection.model.js';
import { selects } from '../common/graphql/selection.js';
import { RateLimit } from '../common/rate-limit/rate-limit.decorator.js';
import type { EventEntity } from '../events/event.entity.js';
import { Event, EventConnection } from '../events/event.model.js';
import { EventsRepository } from '../events/events.repository.js';
import type { MemberEntity } from '../members/member.entity.js';
import { Member } from '../members/member.model.js';
import { MembersRepository } from '../members/members.repository.js';
import { Viewer } from '../members/viewer.model.js';
import {
  Participation,
  ParticipationConnection,
  type ParticipationRecord,
} from './participation.model.js';
import { ParticipationService } from './participation.service.js';
import { ParticipationStatus } from './participation-status.js';
import {
  participationKey,
  ParticipationsRepository,
  type ListedParticipation,
} from './participations.repository.js';

@Resolver(() => Participation)
export class ParticipationResolver {
  constructor(
    private readonly service: ParticipationService,
    private readonly participations: ParticipationsRepository,
    private readonly events: EventsRepository,
    private readonly members: MembersRepository,
  ) {}

  @Mutation(() => Participation, {
    description:
      "Joins the event's community first when the member is not in it. Idempotent: GOING while spots are left, else WAITLISTED. Never over capacity, whatever the concurrency.",
  })
  @RateLimit('join')
  joinEvent(
    @ViewerId() viewerId: string,
    @Args('eventId', { type: () => ID }) eventId: string,
    @Context() { loaders }: GraphQLContext,
  ): Promise<ParticipationRecord> {
    return this.service.join({ viewerId, loaders }, eventId);
  }

  @Mutation(() => Participation, {
    description:
      'Idempotent. Frees a spot: the first WAITLISTED member becomes GOING and is notified (WAITLIST_PROMOTED).',
  })
  leaveEvent(
    @ViewerId() viewerId: string,
    @Args('eventId', { type: () => ID }) eventId: string,
    @Context() { loaders }: GraphQLContext,
  ): Promise<ParticipationRecord> {
    return this.service.leave({ viewerId, loaders }, eventId);
  }

  @Mutation(() => Participation, {
    description:
      "Self check-in at the door with the event's code, from 2 hours before its start until its end.",
  })
  @RateLimit('checkIn')
  checkIn(
    @ViewerId() viewerId: string,
    @Args('eventId', { type: () => ID }) eventId: string,
    @Args('code') code: string,
    @Context() { loaders }: GraphQLContext,
  ): Promise<ParticipationRecord> {
    return this.service.checkIn({ viewerId, loaders }, eventId, code);
  }

  @Mutation(() => Participation, { description: 'Organizer check-in of a member.' })
  checkInMember(
    @ViewerId() viewerId: string,
    @Args('eventId', { type: () => ID }) eventId: string,
    @Args('memberId', { type: () => ID }) memberId: string,
    @Context() { loaders }: GraphQLContext,
  ): Promise<ParticipationRecord> {
    return this.service.checkInMember({ viewerId, loaders }, eventId, memberId);
  }

  @ResolveField(() => Event)
  event(
    participation: ParticipationRecord,
    _args: NoArgs,
    { loaders }: GraphQLContext,
  ): Promise<EventEntity | null> {
    return loaders.of(this.events.findByIds).load(participation.eventId);
  }

  @ResolveField(() => Member)
  member(
    participation: ParticipationRecord,
    _args: NoArgs,
    { loaders }: GraphQLContext,
  ): Promise<MemberEntity | null> {
    return loaders.of(this.members.findByIds).load(participation.memberId);
  }

  @ResolveField(() => Int, {
    nullable: true,
    description: '1-based place in line while WAITLISTED, else null.',
  })
  waitlistPosition(
    participation: ParticipationRecord,
    _args: NoArgs,
    { loaders }: GraphQLContext,
  ): Promise<number | null> | number | null {
    if (participation.status !== ParticipationStatus.WAITLISTED) return null;
    return participation.waitlistPosition !== undefined
      ? participation.waitlistPosition
      : loaders.of(this.participations.waitlistPositions).load(participation.id);
  }
}

@Resolver(() => Event)
export class EventParticipationResolver {
  constructor(
    private readonly service: ParticipationService,
    private readonly participations: ParticipationsRepository,
  ) {}

  @ResolveField(() => Participation, {
    nullable: true,
    description: "The viewer's own participation, if any.",
  })
  viewerParticipation(
    event: EventEntity,
    _args: NoArgs,
    { viewerId, loaders }: GraphQLContext,
  ): ParticipationRecord | null | Promise<ParticipationRecord | null> {
    if (!viewerId) return null;
    const key = { eventId: event.id, memberId: viewerId };
    const batch = this.participations.viewerParticipations;
    const preloaded = loaders.preloaded(batch, key);
    return preloaded !== undefined ? preloaded : loaders.of(batch, participationKey).load(key);
  }

  @ResolveField(() => ParticipationConnection, {
    description:
      'Organizers and the owner see every participant; members see GOING and CHECKED_IN ones.',
  })
  participants(
    @Parent() event: EventEntity,
    @Context() context: GraphQLContext,
    @Args('status', { type: () => ParticipationStatus, nullable: true })
    status: ParticipationStatus | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 50 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<Connection<ListedParticipation>> {
    return this.service.participants(context, event, status, { first, after });
  }
}

@Resolver(() => Viewer)
export class ViewerParticipationsResolver {
  constructor(private readonly repository: ParticipationsRepository) {}

  @ResolveField(() => ParticipationConnection)
  participations(
    @Parent() viewer: Viewer,
    @Args('upcomingOnly', { type: () => Boolean, nullable: true, defaultValue: true })
    upcomingOnly: boolean,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<Connection<ListedParticipation>> {
    return this.repository.ofMember(viewer.member.id, upcomingOnly ?? true, { first, after });
  }
}

@Resolver(() => EventConnection)
export class EventConnectionParticipationsResolver {
  constructor(private readonly participations: ParticipationsRepository) {}

  /**
   * A page of events that shows the viewer's participation in each reads them all first, in one
   * statement: every node's viewerParticipation then completes at once, where each would
   * otherwise wait on a promise of its own (about a fifth of the CPU of a page of 50 events).
   */
  @ResolveField()
  edges(
    connection: Connection<EventEntity>,
    _args: NoArgs,
    { viewerId, loaders }: GraphQLContext,
    info: GraphQLResolveInfo,
  ): Edge<EventEntity>[] | Promise<Edge<EventEntity>[]> {
    const { edges } = connection;
    if (!viewerId || !edges.length || !selects(info, ['node', 'viewerParticipation'])) {
      return edges;
    }
    const keys = edges.map(({ node }) => ({ eventId: node.id, memberId: viewerId }));
    return loaders
      .preload(this.participations.viewerParticipations, keys, participationKey)
      .then(() => edges);
  }
}
