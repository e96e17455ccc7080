import { InvalidInputError } from '../errors/app-error.js';

/** A cancellation reason: trimmed, at most 1000 characters, null when blank. */
export function reasonOf(reason: string | null | undefined): string | null {
  const trimmed = reason?.trim() || null;
  if (trimmed && trimmed.length > 1000) {
    throw InvalidInputError.of('reason', 'must be at most 1000 characters');
  }
  return trimmed;
}
