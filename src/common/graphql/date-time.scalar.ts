import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { DateTime } from 'luxon';

/** ISO-8601 date and time with a Z or ±hh:mm offset, e.g. 2027-02-14T19:30:00-08:00. */
const ISO_WITH_OFFSET =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

function parse(value: unknown): Date {
  // luxon refuses dates that do not exist (2027-02-30), which Date would roll over.
  const parsed =
    typeof value === 'string' && ISO_WITH_OFFSET.test(value)
      ? DateTime.fromISO(value, { setZone: true })
      : null;
  const date = parsed?.isValid ? parsed.toJSDate() : null;
  if (!date) {
    throw new GraphQLError('DateTime must be ISO-8601 with an offset, e.g. 2027-02-14T19:30:00Z');
  }
  return date;
}

export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'An instant, ISO-8601 with offset, e.g. 2027-02-14T19:30:00Z.',
  serialize: (value) => {
    if (!(value instanceof Date)) throw new GraphQLError('DateTime cannot represent a non-date');
    return value.toISOString();
  },
  parseValue: parse,
  parseLiteral: (ast) => parse(ast.kind === Kind.STRING ? ast.value : undefined),
});
