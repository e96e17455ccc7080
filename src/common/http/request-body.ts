import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import type { ErrorCode } from '../errors/app-error.js';

/** The largest request body over HTTP, and the largest websocket message: Express's 100 kB. */
export const REQUEST_BODY_LIMIT_BYTES = 100 * 1024;

/** What body-parser (through http-errors) throws for a body it refuses. */
interface BodyParserError {
  status: number;
  expose: boolean;
  type: string;
  message: string;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  const { status, expose, type } = (error ?? {}) as Partial<BodyParserError>;
  return typeof status === 'number' && status < 500 && expose === true && typeof type === 'string';
}

/** Refusals for size; the rest (malformed JSON, unknown charset...) are bad input. */
const TOO_LARGE = new Set(['entity.too.large', 'parameters.too.many']);

/**
 * A body the parsers refuse, answered in the contract's shape (`{ errors: [{ message,
 * extensions: { code } }] }`) with body-parser's HTTP status, instead of Express's own page.
 */
function answerRefusedBody(error: unknown, _req: Request, res: Response, next: NextFunction) {
  if (!isBodyParserError(error)) {
    next(error);
    return;
  }
  const tooLarge = TOO_LARGE.has(error.type);
  const code: ErrorCode = tooLarge ? 'QUERY_TOO_COMPLEX' : 'BAD_USER_INPUT';
  const message = tooLarge
    ? `Request body over the limit of ${REQUEST_BODY_LIMIT_BYTES} bytes.`
    : `Request body refused: ${error.message}`;
  res.status(error.status).json({ errors: [{ message, extensions: { code } }] });
}

/**
 * Nest's JSON and form parsers with the limit spelled out, followed by the handler of what they
 * refuse. The app is created with `bodyParser: false` so that these are the only parsers.
 */
export function parseRequestBodies(app: NestExpressApplication): void {
  app.useBodyParser('json', { limit: REQUEST_BODY_LIMIT_BYTES });
  app.useBodyParser('urlencoded', { extended: true, limit: REQUEST_BODY_LIMIT_BYTES });
  app.use(answerRefusedBody);
}
