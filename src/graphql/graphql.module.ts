import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Logger, Module } from '@nestjs/common';
import { GraphQLModule as NestGraphQLModule } from '@nestjs/graphql';
import type { Request } from 'express';
import { GraphQLError } from 'graphql';
import { AuthModule } from '../auth/auth.module.js';
import { TokenService } from '../auth/token.service.js';
import { UnauthenticatedError } from '../common/errors/app-error.js';
import { formatGraphQLError } from '../common/errors/format-graphql-error.js';
import type { GraphQLContext } from '../common/graphql/graphql-context.js';
import { Loaders } from '../common/graphql/loaders.js';
import { AppConfig } from '../config/app-config.js';
import { ideLandingPage } from '../ide/ide-landing-page.js';
import { documentLimits } from './document-limits.js';
import { schemaOptions } from './schema-options.js';

export const GRAPHQL_PATH = '/graphql';

interface ContextSource {
  req?: Request;
  connectionParams?: Record<string, unknown>;
}

/** The bearer token of an HTTP request, or of a websocket's connection_init payload. */
function authorizationOf({ req, connectionParams }: ContextSource): unknown {
  if (req) return req.headers.authorization;
  const header = connectionParams?.authorization ?? connectionParams?.Authorization;
  const token = connectionParams?.token;
  return header ?? (typeof token === 'string' ? `Bearer ${token}` : undefined);
}

/** The signed-in member; a bad token fails the whole request with HTTP 401. */
function viewerOf(tokens: TokenService, source: ContextSource): string | null {
  try {
    return tokens.viewerFromAuthorization(authorizationOf(source));
  } catch (error) {
    if (!(error instanceof UnauthenticatedError)) throw error;
    throw new GraphQLError(error.message, {
      originalError: error,
      extensions: { http: { status: 401 } },
    });
  }
}

@Module({
  imports: [
    NestGraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      imports: [AuthModule],
      inject: [AppConfig, TokenService],
      useFactory: (config: AppConfig, tokens: TokenService): ApolloDriverConfig => {
        const limits = documentLimits(config);
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
          plugins: [
            ...limits.plugins,
            ideLandingPage(GRAPHQL_PATH),
          ] as ApolloDriverConfig['plugins'],
          validationRules: limits.validationRules,
          parseOptions: limits.parseOptions,
          formatError: formatGraphQLError(new Logger('GraphQL')),
          subscriptions: { 'graphql-ws': { path: GRAPHQL_PATH } },
          context: (source: ContextSource): GraphQLContext => ({
            req: source.req,
            viewerId: viewerOf(tokens, source),
            loaders: new Loaders(),
          }),
        };
      },
    }),
  ],
})
export class GraphQLModule {}
