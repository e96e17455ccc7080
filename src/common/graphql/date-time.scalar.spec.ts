import { Kind } from 'graphql';
import { DateTimeScalar } from './date-time.scalar.js';

describe('DateTimeScalar', () => {
  it.each([
    ['UTC', '2027-02-14T19:30:00Z', '2027-02-14T19:30:00.000Z'],
    ['a negative offset', '2027-02-14T11:30:00-08:00', '2027-02-14T19:30:00.000Z'],
    ['a positive offset with minutes', '2027-02-15T01:00:00+05:30', '2027-02-14T19:30:00.000Z'],
    ['the widest offset east', '2027-02-15T09:30:00+14:00', '2027-02-14T19:30:00.000Z'],
    ['the widest offset west', '2027-02-14T05:30:00-14:00', '2027-02-14T19:30:00.000Z'],
    ['-00:00 (offset unknown)', '2027-02-14T19:30:00-00:00', '2027-02-14T19:30:00.000Z'],
    ['lower-case t and z', '2027-02-14t19:30:00z', '2027-02-14T19:30:00.000Z'],
    ['a fraction of a second', '2027-02-14T19:30:00.25Z', '2027-02-14T19:30:00.250Z'],
    ['February 29th of a leap year', '2028-02-29T12:00:00Z', '2028-02-29T12:00:00.000Z'],
    ['February 29th of 2000', '2000-02-29T12:00:00Z', '2000-02-29T12:00:00.000Z'],
    ['the last second of a day', '2027-12-31T23:59:59Z', '2027-12-31T23:59:59.000Z'],
  ])('takes %s', (_, text, instant) => {
    expect(DateTimeScalar.parseValue(text).toISOString()).toBe(instant);
  });

  it.each([
    ['an offset of 99:99', '2027-02-10T10:00:00+99:99'],
    ['an offset beyond 14:00', '2027-02-10T10:00:00+14:01'],
    ['an offset of 15 hours', '2027-02-10T10:00:00-15:00'],
    ['offset minutes of 60', '2027-02-10T10:00:00+05:60'],
    ['an offset without a colon', '2027-02-10T10:00:00+0530'],
    ['an offset in hours only', '2027-02-10T10:00:00+05'],
    ['no offset', '2027-02-10T10:00:00'],
    ['no seconds', '2027-02-10T10:00Z'],
    ['February 30th', '2027-02-30T10:00:00Z'],
    ['February 29th of a common year', '2027-02-29T10:00:00Z'],
    ['February 29th of 1900', '1900-02-29T10:00:00Z'],
    ['April 31st', '2027-04-31T10:00:00Z'],
    ['month 13', '2027-13-01T10:00:00Z'],
    ['day 0', '2027-02-00T10:00:00Z'],
    ['hour 24', '2027-02-10T24:00:00Z'],
    ['minute 60', '2027-02-10T10:60:00Z'],
    ['a leap second', '2016-12-31T23:59:60Z'],
    ['a space for T', '2027-02-10 10:00:00Z'],
    ['a plain date', '2027-02-10'],
    ['week notation', '2027-W06-3T10:00:00Z'],
    ['an ordinal date', '2027-041T10:00:00Z'],
    ['ten fraction digits', '2027-02-10T10:00:00.1234567890Z'],
    ['trailing text', '2027-02-10T10:00:00Z junk'],
    ['a number', 1802633400000],
    ['null', null],
  ])('refuses %s', (_, value) => {
    expect(() => DateTimeScalar.parseValue(value)).toThrow(/RFC 3339/);
  });

  it('reads literals in documents by the same rule', () => {
    const literal = (value: string) => ({ kind: Kind.STRING, value }) as const;
    expect(DateTimeScalar.parseLiteral(literal('2027-02-14T19:30:00Z'))).toEqual(
      new Date('2027-02-14T19:30:00Z'),
    );
    expect(() => DateTimeScalar.parseLiteral(literal('2027-02-10T10:00:00+99:99'))).toThrow(
      /RFC 3339/,
    );
  });
});
