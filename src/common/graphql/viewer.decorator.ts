import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { UnauthenticatedError } from '../errors/app-error.js';
import type { GraphQLContext } from './graphql-context.js';

function viewerIdOf(context: ExecutionContext): string | null {
  return GqlExecutionContext.create(context).getContext<GraphQLContext>().viewerId;
}

/** The signed-in member's id; refuses with UNAUTHENTICATED when signed out. */
export const ViewerId = createParamDecorator((_: unknown, context: ExecutionContext): string => {
  const viewerId = viewerIdOf(context);
  if (!viewerId) throw new UnauthenticatedError();
  return viewerId;
});

/** The signed-in member's id, or null when signed out. */
export const OptionalViewerId = createParamDecorator(
  (_: unknown, context: ExecutionContext): string | null => viewerIdOf(context),
);
