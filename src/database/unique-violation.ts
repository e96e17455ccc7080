import { QueryFailedError } from 'typeorm';

interface PgError {
  code?: string;
  constraint?: string;
}

/** The violated unique constraint's name, when the error is a unique violation. */
export function uniqueViolation(error: unknown): string | undefined {
  if (!(error instanceof QueryFailedError)) return undefined;
  const driverError = error.driverError as PgError;
  return driverError.code === '23505' ? (driverError.constraint ?? '') : undefined;
}
