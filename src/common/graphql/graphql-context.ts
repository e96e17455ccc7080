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
