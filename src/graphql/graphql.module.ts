import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import type { ApolloDriverConfig } from '@nestjs/apollo';
import { Logger, Module } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { GraphQLSchemaHost, GraphQLModule as NestGraphQLModule } from '@nestjs/graphql';
import type { Request } from 'express';
import { ApolloServerErrorCode } from '@apollo/server/errors';
import { GraphQLError, parse, specifiedRules, validate, type DocumentNode } from 'graphql';
import type { Extra } from 'graphql-ws/use/ws';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { AuthModule } from '../auth/auth.module.js';
import { TokenService } from '../auth/token.service.js';
import { RateLimitedError, UnauthenticatedError } from '../common/errors/app-error.js';
import { formatGraphQLError } from '../common/errors/format-graphql-error.js';
import type { GraphQLContext } from '../common/graphql/graphql-context.js';
import { Loaders } from '../common/graphql/loaders.js';
import { clientAddressOf } from '../common/rate-limit/client-address.js';
import { consumeOrRefuse } from '../common/rate-limit/minute-limiter.js';
import { RateLimits } from '../common/rate-limit/rate-limit.module.js';
import { AppConfig } from '../config/app-config.js';
import { ideLandingPage } from '../ide/ide-landing-page.js';
import { documentLimits } from './document-limits.js';
import { LimitedApolloDriver } from './limited-apollo.driver.js';
import { NulFreeStringsRule } from './nul-free-strings.js';
import { checkOperation, operationChecksPlugin } from './operation-checks.js';
import { schemaOptions } from './schema-options.js';

export const GRAPHQL_PATH = '/graphql';

interface ContextSource {
  req?: Request;
  connectionParams?: Record<string, unknown>;
  /** A websocket's socket and upgrade request, from graphql-ws's ws adapter. */
  extra?: Extra;
}

/**
 * Who the rate limits count: HTTP's `req.ip`, or the same notion of client taken from a
 * websocket's upgrade request, under the same trust-proxy setting.
 */
function clientOf({ req, extra }: ContextSource, trustProxy: boolean): string {
  if (req) return req.ip ?? 'unknown';
  return extra ? clientAddressOf(extra.request, trustProxy) : 'unknown';
}

/**
 * A request's GraphQLContext. Its client is worked out when a rate-limited operation reads it
 * (Express parses addresses for req.ip), from a getter on the prototype: Apollo copies a
 * context's own properties for every operation, which would read an own getter at once.
 */
class RequestContext implements GraphQLContext {
  readonly req?: Request;
  readonly loaders = new Loaders();

  constructor(
    private readonly source: ContextSource,
    private readonly trustProxy: boolean,
    readonly viewerId: string | null,
  ) {
    this.req = source.req;
  }

  get client(): string {
    return clientOf(this.source, this.trustProxy);
  }
}

/**
 * Counts one websocket operation of `client`; past its budget, the refusal of that operation
 * alone, RATE_LIMITED with the retry hint an HTTP client would get.
 */
async function operationRefusal(
  limiter: RateLimiterAbstract,
  client: string,
): Promise<GraphQLError | null> {
  try {
    await consumeOrRefuse(limiter, client);
    return null;
  } catch (error) {
    if (!(error instanceof RateLimitedError)) throw error;
    return new GraphQLError(error.message, { originalError: error, extensions: error.extensions });
  }
}

/** The bearer token of an HTTP request, or of a websocket's connection_init payload. */
function authorizationOf({ req, connectionParams }: ContextSource): unknown {
  if (req) return req.headers.authorization;
  const header = connectionParams?.authorization ?? connectionParams?.Authorization;
  const token = connectionParams?.token;
  return header ?? (typeof token === 'string' ? `Bearer ${token}` : undefined);
}

/**
 * The signed-in member; a bad token fails the whole request with HTTP 401. A websocket's token
 * was checked when it connected: one that has expired since signs its later operations out
 * (a context that throws would close the socket with an internal error).
 */
function viewerOf(tokens: TokenService, source: ContextSource): string | null {
  try {
    return tokens.viewerFromAuthorization(authorizationOf(source));
  } catch (error) {
    if (!(error instanceof UnauthenticatedError)) throw error;
    if (!source.req) return null;
    throw new GraphQLError(error.message, {
      originalError: error,
      extensions: { http: { status: 401 } },
    });
  }
}

/** Whether a websocket may connect: signed out, or with a token that verifies. */
function isAcceptable(tokens: TokenService, source: ContextSource): boolean {
  try {
    tokens.viewerFromAuthorization(authorizationOf(source));
    return true;
  } catch (error) {
    if (error instanceof UnauthenticatedError) return false;
    throw error;
  }
}

@Module({
  imports: [
    NestGraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: LimitedApolloDriver,
      imports: [AuthModule],
      inject: [AppConfig, TokenService, ModuleRef, RateLimits],
      useFactory: (
        config: AppConfig,
        tokens: TokenService,
        moduleRef: ModuleRef,
        rateLimits: RateLimits,
      ): ApolloDriverConfig => {
        const limits = documentLimits(config);
        const validationRules = [...limits.validationRules, NulFreeStringsRule];
        const { trustProxy } = config.http;
        const formatError = formatGraphQLError(new Logger('GraphQL'));
        /** An error of a websocket operation, formatted as over HTTP, where Apollo gives it `code`. */
        const formatAs = (error: GraphQLError, code: string) =>
          formatError({ ...error.toJSON(), extensions: { code } }, error);
        /** Refusals of a document, with the codes an HTTP client would get for it. */
        const refused = (errors: readonly GraphQLError[]) =>
          errors.map((error) => {
            const formatted = formatAs(error, ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED);
            return new GraphQLError(formatted.message, {
              nodes: error.nodes,
              source: error.source,
              positions: error.positions,
              extensions: formatted.extensions,
            });
          });
        return {
          path: GRAPHQL_PATH,
          autoSchemaFile: true,
          sortSchema: true,
          buildSchemaOptions: schemaOptions,
          playground: false,
          graphiql: false,
          introspection: true,
          includeStacktraceInErrorResponses: false,
          allowBatchedHttpRequests: false,
          // graphql-armor and @nestjs/apollo see @apollo/server's ESM and CJS typings, alike at run time.
          // No cache hints are used: without Apollo's cache-control plugin no field resolves
          // through a per-field plugin hook.
          plugins: [
            ...limits.plugins,
            operationChecksPlugin(config.graphql.maxCost),
            config.graphql.ide
              ? ideLandingPage(GRAPHQL_PATH)
              : ApolloServerPluginLandingPageDisabled(),
            ApolloServerPluginCacheControlDisabled(),
          ] as ApolloDriverConfig['plugins'],
          validationRules,
          parseOptions: limits.parseOptions,
          formatError,
          subscriptions: {
            'graphql-ws': {
              path: GRAPHQL_PATH,
              // A connection_init token that is forged or expired closes the socket with
              // 4403 Forbidden; no token at all connects signed out.
              onConnect: ({ connectionParams }) => isAcceptable(tokens, { connectionParams }),
              // Operations a client starts per minute are counted first. Then the same document
              // limits as over HTTP: tokens while parsing, the rest while validating, then the
              // operation's checks with its variables. A refusal is an error message on that
              // operation only; the socket stays open.
              onSubscribe: async (ctx, _id, { query, variables, operationName }) => {
                const client = clientOf({ extra: ctx.extra as Extra }, trustProxy);
                const refusal = await operationRefusal(rateLimits.wsOperations, client);
                if (refusal) return [refusal];
                let document: DocumentNode;
                try {
                  document = parse(query, limits.parseOptions);
                } catch (error) {
                  if (error instanceof GraphQLError) return refused([error]);
                  throw error;
                }
                const { schema } = moduleRef.get(GraphQLSchemaHost, { strict: false });
                const errors = validate(schema, document, [...specifiedRules, ...validationRules]);
                if (errors.length) return refused(errors);
                const failure = checkOperation(schema, config.graphql.maxCost, {
                  document,
                  variables,
                  operationName,
                });
                if (failure)
                  return refused([new GraphQLError(failure.message, { originalError: failure })]);
                return { schema, document, variableValues: variables, operationName };
              },
              // Errors over websockets get the same codes and masking as over HTTP. graphql-js's
              // request errors (variables that do not coerce) carry no path: Apollo reports them
              // as BAD_USER_INPUT.
              onNext: (_ctx, _id, _payload, _args, result) =>
                result.errors && {
                  ...result,
                  errors: result.errors.map((error) =>
                    error.path
                      ? formatError(error.toJSON(), error)
                      : formatAs(error, ApolloServerErrorCode.BAD_USER_INPUT),
                  ),
                },
            },
          },
          context: (source: ContextSource): GraphQLContext =>
            new RequestContext(source, trustProxy, viewerOf(tokens, source)),
        };
      },
    }),
  ],
})
export class GraphQLModule {}
