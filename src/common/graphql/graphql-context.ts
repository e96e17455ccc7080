import type { Request } from 'express';
import type { Loaders } from './loaders.js';

/** What every resolver receives: who asks, and the request's DataLoaders. */
export interface GraphQLContext {
  req?: Request;
  viewerId: string | null;
  loaders: Loaders;
}
