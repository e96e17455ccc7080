// The baselines: the smallest Nest + Apollo (code-first) apps, with no guards, pipes, filters,
// loggers or database. Plain JavaScript has no decorator syntax, so the decorators are applied
// the way TypeScript's compiled output applies them (Reflect.decorate).
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { ApolloDriver } from '@nestjs/apollo';
import {
  Args,
  Field,
  GraphQLModule,
  ID,
  Int,
  ObjectType,
  Parent,
  Query,
  registerEnumType,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';

/** Applies TypeScript-style class, property and method decorators to a class. */
function decorate(target, { type = [], fields = {}, methods = {} }) {
  for (const [name, decorators] of Object.entries(fields)) {
    Reflect.decorate(decorators, target.prototype, name, undefined);
  }
  for (const [name, { decorators = [], params = [] }] of Object.entries(methods)) {
    const descriptor = Object.getOwnPropertyDescriptor(target.prototype, name);
    // What TypeScript's emitDecoratorMetadata would record for untyped parameters.
    Reflect.defineMetadata(
      'design:paramtypes',
      params.map(() => Object),
      target.prototype,
      name,
    );
    const all = [
      ...decorators,
      ...params.map((decorator, index) => (proto, key) => decorator(proto, key, index)),
    ];
    Object.defineProperty(
      target.prototype,
      name,
      Reflect.decorate(all, target.prototype, name, descriptor) ?? descriptor,
    );
  }
  return Reflect.decorate(type, target);
}

const graphql = () =>
  GraphQLModule.forRoot({
    driver: ApolloDriver,
    path: '/graphql',
    autoSchemaFile: true,
    playground: false,
    graphiql: false,
  });

// --- 1. One Query field, for `{ __typename }` --------------------------------------------------

class HelloResolver {
  hello() {
    return 'hello';
  }
}
const HelloResolverDecorated = decorate(HelloResolver, {
  type: [Resolver()],
  methods: { hello: { decorators: [Query(() => String)] } },
});

class MinimalModule {}
export const MinimalAppModule = decorate(MinimalModule, {
  type: [Module({ imports: [graphql()], providers: [HelloResolverDecorated] })],
});

// --- 2. The campaign page, answered from memory ------------------------------------------------

const ParticipationStatus = { GOING: 'GOING', WAITLISTED: 'WAITLISTED' };
registerEnumType(ParticipationStatus, { name: 'ParticipationStatus' });

class Community {}
const CommunityType = decorate(Community, {
  type: [ObjectType('Community')],
  fields: { name: [Field(() => String)] },
});

class Participation {}
const ParticipationType = decorate(Participation, {
  type: [ObjectType('Participation')],
  fields: { status: [Field(() => ParticipationStatus)] },
});

class Campaign {}
class Event {}
const CampaignType = decorate(Campaign, {
  type: [ObjectType('Campaign')],
  fields: {
    id: [Field(() => ID)],
    title: [Field(() => String)],
    community: [Field(() => CommunityType)],
  },
});
const EventType = decorate(Event, {
  type: [ObjectType('Event')],
  fields: {
    id: [Field(() => ID)],
    title: [Field(() => String)],
    startsAt: [Field(() => Date)],
    goingCount: [Field(() => Int)],
    waitlistCount: [Field(() => Int)],
    spotsLeft: [Field(() => Int, { nullable: true })],
    viewerParticipation: [Field(() => ParticipationType, { nullable: true })],
    campaign: [Field(() => CampaignType)],
  },
});
class EventEdge {}
const EventEdgeType = decorate(EventEdge, {
  type: [ObjectType('EventEdge')],
  fields: { node: [Field(() => EventType)] },
});
class EventConnection {}
const EventConnectionType = decorate(EventConnection, {
  type: [ObjectType('EventConnection')],
  fields: { edges: [Field(() => [EventEdgeType])] },
});

let page = null;

class CampaignResolver {
  campaign() {
    return page;
  }

  events(campaign, first) {
    return { edges: campaign.events.edges.slice(0, first) };
  }
}
const CampaignResolverDecorated = decorate(CampaignResolver, {
  type: [Resolver(() => CampaignType)],
  methods: {
    campaign: {
      decorators: [Query(() => CampaignType, { nullable: true })],
      params: [Args('id', { type: () => ID })],
    },
    events: {
      decorators: [ResolveField(() => EventConnectionType)],
      params: [Parent(), Args('first', { type: () => Int, nullable: true, defaultValue: 50 })],
    },
  },
});

class MemoryCampaign {}
export const MemoryCampaignAppModule = decorate(MemoryCampaign, {
  type: [Module({ imports: [graphql()], providers: [CampaignResolverDecorated] })],
});

/**
 * Serves this campaign (the `data.campaign` of the real app's answer to the same query, so both
 * answers carry the same data) for any id.
 */
export function primeCampaign(campaign) {
  page = {
    ...campaign,
    events: {
      edges: campaign.events.edges.map(({ node }) => ({
        node: { ...node, startsAt: new Date(node.startsAt) },
      })),
    },
  };
}
