import { InvalidInputError } from '../errors/app-error.js';

export type CursorValue = string | number;

/** Opaque cursors: the sort key values of a row, as base64url JSON. */
export function encodeCursor(values: CursorValue[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string, length: number): CursorValue[] {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    values = undefined;
  }
  if (
    !Array.isArray(values) ||
    values.length !== length ||
    !values.every((v) => typeof v === 'string' || typeof v === 'number')
  ) {
    throw InvalidInputError.of('after', 'is not a cursor of this list');
  }
  return values;
}
