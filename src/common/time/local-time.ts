import { DateTime } from 'luxon';

/** The wall-clock time of an instant in an IANA zone, with its offset: 2027-02-14T11:30:00-08:00. */
export function localTime(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toISO({ suppressMilliseconds: true }) ?? '';
}
