import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { DateTime } from 'luxon';

/**
 * RFC 3339 date-time (section 5.6): date, 'T', time with seconds and an optional fraction, then
 * 'Z' or a ±hh:mm offset; 'T' and 'Z' in either case.
 */
const RFC_3339 =
  /^\d{4}-\d{2}-\d{2}T(?<hour>\d{2}):\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-](?<hours>\d{2}):(?<minutes>\d{2}))$/i;

/** UTC offsets in use span -12:00 to +14:00; none is wider than 14 hours. */
const MAX_OFFSET_MINUTES = 14 * 60;

/** What luxon lets through and RFC 3339 does not: hour 24 (ISO 8601's end of day), wide offsets. */
function inRange({ hour, hours = '00', minutes = '00' }: Record<string, string>): boolean {
  return (
    Number(hour) < 24 &&
    Number(minutes) < 60 &&
    Number(hours) * 60 + Number(minutes) <= MAX_OFFSET_MINUTES
  );
}

/**
 * The instant a client wrote. luxon checks the calendar and the clock: no February 30th, leap
 * years right, minutes and seconds 00-59. A leap second (:60) is refused: a Date cannot hold one.
 */
function parse(value: unknown): Date {
  const match = typeof value === 'string' ? RFC_3339.exec(value) : null;
  const parsed =
    match && inRange(match.groups ?? {})
      ? DateTime.fromISO(match[0].toUpperCase(), { setZone: true })
      : null;
  if (!parsed?.isValid) {
    throw new GraphQLError(
      'DateTime must be an RFC 3339 date-time with an offset within ±14:00, e.g. 2027-02-14T19:30:00Z',
    );
  }
  return parsed.toJSDate();
}

export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'An instant, RFC 3339 with an offset within ±14:00, e.g. 2027-02-14T19:30:00Z.',
  serialize: (value) => {
    if (!(value instanceof Date)) throw new GraphQLError('DateTime cannot represent a non-date');
    return value.toISOString();
  },
  parseValue: parse,
  parseLiteral: (ast) => parse(ast.kind === Kind.STRING ? ast.value : undefined),
});
