import type { ValidationContext } from 'graphql';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { QueryTooComplexError } from '../common/errors/format-graphql-error.js';
import type { AppConfig } from '../config/app-config.js';

/**
 * Depth, aliases and directives limits (graphql-armor), plus graphql-js's own token limit while
 * parsing. A refused document is reported as QUERY_TOO_COMPLEX.
 */
export function documentLimits({ graphql }: AppConfig) {
  const refusal = () => ({
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, error: Error) =>
        context?.reportError(new QueryTooComplexError(error.message)),
    ],
  });
  const { plugins, validationRules } = new ApolloArmor({
    maxDepth: { n: graphql.maxDepth, ignoreIntrospection: true, ...refusal() },
    maxAliases: { n: graphql.maxAliases, ...refusal() },
    maxDirectives: { n: 20, ...refusal() },
    // graphql-armor's cost rule sees literal page sizes only; operationChecksPlugin and the
    // websocket server weigh each operation with its variables instead.
    costLimit: { enabled: false },
    // graphql-armor's token plugin throws from an Apollo hook (an HTTP 500); graphql-js counts
    // tokens while parsing instead (parseOptions below).
    maxTokens: { enabled: false },
    // The error formatter drops every suggestion, over HTTP and websockets alike.
    blockFieldSuggestion: { enabled: false },
  }).protect();
  return { plugins, validationRules, parseOptions: { maxTokens: graphql.maxTokens } };
}
