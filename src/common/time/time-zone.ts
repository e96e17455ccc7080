import { IANAZone } from 'luxon';

/** True for a zone of the IANA database (e.g. America/Los_Angeles, UTC). */
export function isValidTimeZone(zone: string): boolean {
  return zone.length <= 64 && IANAZone.isValidZone(zone);
}
