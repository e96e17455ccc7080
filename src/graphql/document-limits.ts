import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { GraphQLError } from 'graphql';
import { tooComplexErrors } from '../common/errors/format-graphql-error.js';
import type { AppConfig } from '../config/app-config.js';

/**
 * Depth, aliases, directives, tokens and cost limits (graphql-armor). A refused document is
 * reported as QUERY_TOO_COMPLEX by the error formatter.
 */
export function documentLimits({ graphql }: AppConfig) {
  const onReject = [(_context: unknown, error: GraphQLError) => void tooComplexErrors.add(error)];
  return new ApolloArmor({
    maxDepth: { n: graphql.maxDepth, onReject, ignoreIntrospection: true },
    maxAliases: { n: graphql.maxAliases, onReject },
    maxDirectives: { n: 20, onReject },
    maxTokens: { n: graphql.maxTokens, onReject },
    costLimit: {
      maxCost: graphql.maxCost,
      objectCost: 2,
      scalarCost: 1,
      depthCostFactor: 1.5,
      ignoreIntrospection: true,
      onReject,
    },
    blockFieldSuggestion: { enabled: true },
  }).protect();
}
