import { isValidTimeZone } from './time-zone.js';

describe(isValidTimeZone.name, () => {
  it.each(['UTC', 'Europe/Paris', 'America/Los_Angeles', 'Asia/Tokyo', 'Pacific/Chatham'])(
    'accepts the IANA zone %s',
    (zone) => expect(isValidTimeZone(zone)).toBe(true),
  );

  it.each(['', 'Mars/Olympus', 'GMT+25', 'Europe/Nowhere', 'x'.repeat(65)])('refuses %p', (zone) =>
    expect(isValidTimeZone(zone)).toBe(false),
  );
});
