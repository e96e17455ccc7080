import { ApolloServerErrorCode } from '@apollo/server/errors';
import type { Logger } from '@nestjs/common';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { uniqueViolation } from '../../database/unique-violation.js';
import { AppError } from './app-error.js';

/** A document refused by the limits on depth, aliases, directives or cost. */
export class QueryTooComplexError extends GraphQLError {
  constructor(message: string) {
    super(message.replace(/^Syntax Error: /, ''));
  }
}

/** graphql-js's parser refusing a document past `parseOptions.maxTokens`. */
const TOO_MANY_TOKENS = /^Syntax Error: Document contains more th(?:an|at) \d+ tokens/;

const inputErrorCodes = new Set<unknown>([
  ApolloServerErrorCode.GRAPHQL_PARSE_FAILED,
  ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED,
  ApolloServerErrorCode.BAD_USER_INPUT,
  ApolloServerErrorCode.OPERATION_RESOLUTION_FAILURE,
  ApolloServerErrorCode.BAD_REQUEST,
]);

/**
 * graphql-js's hints at names the schema has (`Did you mean "email"?`, `Did you mean the enum
 * value "OWNER"?`): a client that guesses should not be told what exists.
 */
const SUGGESTION = / ?Did you mean [^?]*\?/g;

/** `Variable "$input" got invalid value ...; Field "handle" of required type ...` names fields. */
function fieldsOf(message: string): string[] {
  // "at "input.venue.latitude"" names a variable's field; "Field "SignUpInput.handle"" a
  // literal's: either way the first segment (variable or type) is not the field.
  const names = [...message.matchAll(/(?:[Ff]ield|at) "(?:value\.)?([\w.[\]]+)"/g)].map((m) => {
    const path = m[1].split('.');
    return (path.length > 1 ? path.slice(1) : path).join('.');
  });
  const variable = /^Variable "\$(\w+)"/.exec(message);
  if (!names.length && variable) names.push(variable[1]);
  return [...new Set(names)];
}

/** The error a resolver, the context or a validation rule threw, under Apollo's wrappers. */
function rootCause(error: unknown): unknown {
  let cause = error;
  while (cause instanceof GraphQLError && cause.originalError) cause = cause.originalError;
  return cause;
}

/**
 * Maps every error to the contract: known errors keep their code and message, document
 * problems become BAD_USER_INPUT or QUERY_TOO_COMPLEX, and anything else is logged and
 * masked, so no stack, SQL or internal message reaches a client.
 */
export function formatGraphQLError(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const { locations, path } = formatted;
    const original = rootCause(error);
    if (original instanceof AppError) {
      return { message: original.message, locations, path, extensions: original.extensions };
    }
    if (original instanceof QueryTooComplexError || TOO_MANY_TOKENS.test(formatted.message)) {
      return {
        message: formatted.message.replace(/^Syntax Error: /, ''),
        extensions: { code: 'QUERY_TOO_COMPLEX' },
      };
    }
    if (uniqueViolation(original) !== undefined) {
      return { message: 'This already exists.', locations, path, extensions: { code: 'CONFLICT' } };
    }
    if (!path && inputErrorCodes.has(formatted.extensions?.code)) {
      const message = formatted.message.replace(SUGGESTION, '');
      const fields = fieldsOf(message);
      return {
        message,
        locations,
        extensions: fields.length ? { code: 'BAD_USER_INPUT', fields } : { code: 'BAD_USER_INPUT' },
      };
    }
    logger.error(original instanceof Error ? (original.stack ?? original.message) : original);
    return {
      message: 'Internal server error.',
      locations,
      path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}
