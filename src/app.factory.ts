import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import { AppModule } from './app.module.js';
import { parseRequestBodies } from './common/http/request-body.js';
import { createPino, PinoNestLogger } from './common/logging/pino-nest-logger.js';
import { createValidationPipe } from './common/validation/validation.pipe.js';
import type { AppConfig } from './config/app-config.js';
import { GRAPHQL_PATH } from './graphql/graphql.module.js';
import { ideContentSecurityPolicy } from './ide/ide-landing-page.js';

/** Builds the API application (not yet listening); main.ts and the tests both use it. */
export async function createApp(config: AppConfig): Promise<NestExpressApplication> {
  const logger = createPino(config);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: new PinoNestLogger(logger),
    bodyParser: false,
  });
  // Request lines are written at info. Below it pino-http would print nothing but 5xx lines, whose
  // errors are logged with their stack already, yet it would build a child logger per request.
  if (logger.isLevelEnabled('info')) {
    app.use(
      pinoHttp({
        logger,
        autoLogging: { ignore: (req) => req.url?.startsWith('/ide/') ?? false },
        // What a request line needs, not the whole request serialized every time.
        serializers: {
          req: (req: { id: unknown; method: string; url: string }) => ({
            id: req.id,
            method: req.method,
            url: req.url,
          }),
          res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
        },
      }),
    );
  }
  app.disable('x-powered-by');
  // The hardening headers, with a content security policy that lets the offline IDE run when
  // it is on; a JSON-only API may load nothing and be framed by no one.
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: config.graphql.ide
          ? ideContentSecurityPolicy(GRAPHQL_PATH)
          : { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
      },
    }),
  );
  parseRequestBodies(app);
  app.set('trust proxy', config.http.trustProxy);
  // No ETag on answers (the IDE's files keep theirs): a GraphQL answer is never revalidated, so
  // hashing every body would buy nothing.
  app.set('etag', false);
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  return app;
}
