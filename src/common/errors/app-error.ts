/** The error codes of the public contract. */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'QUERY_TOO_COMPLEX';

/**
 * An error whose message is meant for the client. Everything else that escapes a resolver
 * is masked as an internal error.
 */
export abstract class AppError extends Error {
  abstract readonly code: ErrorCode;

  constructor(
    message: string,
    readonly fields: string[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }

  get extensions(): Record<string, unknown> {
    return this.fields.length ? { code: this.code, fields: this.fields } : { code: this.code };
  }
}

export class UnauthenticatedError extends AppError {
  readonly code = 'UNAUTHENTICATED';
  constructor(message = 'You must be signed in to do this.') {
    super(message);
  }
}

export class ForbiddenError extends AppError {
  readonly code = 'FORBIDDEN';
}

export class NotFoundError extends AppError {
  readonly code = 'NOT_FOUND';
}

export class ConflictError extends AppError {
  readonly code = 'CONFLICT';
}

export interface FieldProblem {
  field: string;
  message: string;
}

export class InvalidInputError extends AppError {
  readonly code = 'BAD_USER_INPUT';

  constructor(readonly problems: FieldProblem[]) {
    super(problems.map((p) => `${p.field}: ${p.message}`).join('; '), [
      ...new Set(problems.map((p) => p.field)),
    ]);
  }

  static of(field: string, message: string): InvalidInputError {
    return new InvalidInputError([{ field, message }]);
  }
}

export class RateLimitedError extends AppError {
  readonly code = 'RATE_LIMITED';

  constructor(readonly retryAfterSeconds: number) {
    super(`Too many requests; try again in ${retryAfterSeconds} s.`);
  }

  override get extensions(): Record<string, unknown> {
    return { code: this.code, retryAfterSeconds: this.retryAfterSeconds };
  }
}
