import {
  Args,
  Context,
  ID,
  Int,
  Mutation,
  Parent,
  Query,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import { InvalidInputError } from '../common/errors/app-error.js';
import type { GraphQLContext, NoArgs } from '../common/graphql/graphql-context.js';
import { ViewerId } from '../common/graphql/viewer.decorator.js';
import type { Connection } from '../common/pagination/connection.model.js';
import { localTime } from '../common/time/local-time.js';
import { reasonOf } from '../common/validation/reason.js';
import { isValidTimeZone } from '../common/time/time-zone.js';
import { canOrganize } from '../communities/community-role.js';
import { MembersRepository } from '../members/members.repository.js';
import type { CampaignEntity } from '../campaigns/campaign.entity.js';
import { Campaign } from '../campaigns/campaign.model.js';
import { CampaignsService } from '../campaigns/campaigns.service.js';
import { CreateEventInput } from './dto/create-event.input.js';
import { EventFilter } from './dto/event-filter.input.js';
import { UpdateEventInput } from './dto/update-event.input.js';
import type { EventEntity } from './event.entity.js';
import { Event, EventConnection, Venue } from './event.model.js';
import { EventsRepository, type ParticipationCounts } from './events.repository.js';
import { EventsService } from './events.service.js';
import { discoveryOf } from './discovery.js';

const goingOf = (counts: ParticipationCounts | null): number => counts?.going ?? 0;

@Resolver(() => Event)
export class EventsResolver {
  constructor(
    private readonly service: EventsService,
    private readonly repository: EventsRepository,
    private readonly campaigns: CampaignsService,
    private readonly members: MembersRepository,
  ) {}

  @Query(() => Event, { nullable: true })
  event(
    @Args('id', { type: () => ID }) id: string,
    @Context() context: GraphQLContext,
  ): Promise<EventEntity | null> {
    return this.service.visible(context, id);
  }

  @Query(() => EventConnection, { description: 'Discovery: upcoming events, soonest first.' })
  events(
    // Declared without `| null` so the validation pipe sees the class (a union emits Object).
    @Args('filter', { type: () => EventFilter, nullable: true }) filter: EventFilter,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<Connection<EventEntity>> {
    return this.repository.discover(discoveryOf(filter ?? {}), { first, after });
  }

  @Mutation(() => Event)
  createEvent(
    @ViewerId() viewerId: string,
    @Args('input') input: CreateEventInput,
    @Context() { loaders }: GraphQLContext,
  ): Promise<EventEntity> {
    return this.service.create({ viewerId, loaders }, input);
  }

  @Mutation(() => Event, {
    description:
      'A change of time moves its reminders and notifies its participants (EVENT_CHANGED).',
  })
  updateEvent(
    @ViewerId() viewerId: string,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: UpdateEventInput,
    @Context() { loaders }: GraphQLContext,
  ): Promise<EventEntity> {
    return this.service.update({ viewerId, loaders }, id, input);
  }

  @Mutation(() => Event, {
    description: 'Notifies its participants (EVENT_CANCELLED) and drops their pending reminders.',
  })
  cancelEvent(
    @ViewerId() viewerId: string,
    @Args('id', { type: () => ID }) id: string,
    @Args('reason', { type: () => String, nullable: true }) reason: string | null,
    @Context() { loaders }: GraphQLContext,
  ): Promise<EventEntity> {
    return this.service.cancel({ viewerId, loaders }, id, reasonOf(reason));
  }

  @ResolveField(() => Campaign)
  campaign(
    event: EventEntity,
    _args: NoArgs,
    { loaders }: GraphQLContext,
  ): CampaignEntity | null | Promise<CampaignEntity | null> {
    return this.campaigns.load(loaders, event.campaignId);
  }

  @ResolveField(() => String, {
    description:
      "Wall-clock start in the given IANA zone, default the viewer's zone, else the event's, e.g. 2027-02-14T11:30:00-08:00.",
  })
  async startsAtLocal(
    @Parent() event: EventEntity,
    @Args('timezone', { type: () => String, nullable: true }) timezone: string | null,
    @Context() { viewerId, loaders }: GraphQLContext,
  ): Promise<string> {
    if (timezone != null && !isValidTimeZone(timezone)) {
      throw InvalidInputError.of('timezone', 'must be an IANA time zone such as Europe/Paris');
    }
    const viewer =
      !timezone && viewerId ? await loaders.of(this.members.findByIds).load(viewerId) : null;
    return localTime(event.startsAt, timezone ?? viewer?.timezone ?? event.timezone);
  }

  @ResolveField(() => Venue, { nullable: true })
  venue(event: EventEntity): Venue | null {
    if (!event.venueName || !event.venueCity || !event.venueCountry) return null;
    return {
      name: event.venueName,
      address: event.venueAddress,
      city: event.venueCity,
      country: event.venueCountry,
      latitude: event.latitude,
      longitude: event.longitude,
    };
  }

  @ResolveField(() => Int)
  goingCount(
    event: EventEntity,
    _args: NoArgs,
    { loaders }: GraphQLContext,
  ): number | Promise<number> {
    if (event.capacity !== null) return event.goingCount;
    const counts = this.repository.countsOf(loaders, event.id);
    return counts instanceof Promise ? counts.then(goingOf) : goingOf(counts);
  }

  @ResolveField(() => Int)
  waitlistCount(event: EventEntity): number {
    // An unlimited event has no waitlist: lifting a capacity promotes everyone waiting.
    return event.capacity === null ? 0 : event.waitlistCount;
  }

  @ResolveField(() => Int, { nullable: true, description: 'Null means unlimited.' })
  spotsLeft(event: EventEntity): number | null {
    return event.capacity === null ? null : Math.max(0, event.capacity - event.goingCount);
  }

  @ResolveField(() => String, {
    nullable: true,
    description:
      'Only organizers and the owner may read it; members send it to checkIn at the door.',
  })
  async checkInCode(
    event: EventEntity,
    _args: NoArgs,
    context: GraphQLContext,
  ): Promise<string | null> {
    const campaign = await this.campaigns.load(context.loaders, event.campaignId);
    return campaign && canOrganize(await this.campaigns.roleIn(context, campaign))
      ? event.checkInCode
      : null;
  }
}

@Resolver(() => Campaign)
export class CampaignEventsResolver {
  constructor(private readonly repository: EventsRepository) {}

  @ResolveField(() => EventConnection)
  events(
    @Parent() campaign: CampaignEntity,
    @Args('upcomingOnly', { type: () => Boolean, nullable: true, defaultValue: false })
    upcomingOnly: boolean,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 50 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Connection<EventEntity> | Promise<Connection<EventEntity>> {
    return this.repository.ofCampaign(campaign.id, upcomingOnly ?? false, { first, after });
  }
}
