import type { Request } from 'express';
import type { Loaders } from './loaders.js';

/** What every resolver receives: who asks, from where, and the request's DataLoaders. */
export interface GraphQLContext {
  req?: Request;
  /** The client the rate limits count: HTTP's `req.ip`, or a websocket's upgrade request's. */
  client: string;
  viewerId: string | null;
  loaders: Loaders;
}

/**
 * The arguments of a field that takes none. Field resolvers without @Args take
 * (parent, args, context) as graphql-js passes them, with no parameter decorators: @nestjs/graphql
 * then calls them directly instead of building an execution context and running pipes for every
 * call, and a list of 50 events resolves some 300 such fields.
 */
export type NoArgs = Record<string, never>;
