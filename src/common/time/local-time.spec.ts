import { localTime } from './local-time.js';

describe(localTime.name, () => {
  const screening = new Date('2027-02-14T19:30:00Z');

  it('renders a Los Angeles screening in Pacific time', () => {
    expect(localTime(screening, 'America/Los_Angeles')).toBe('2027-02-14T11:30:00-08:00');
  });

  it('renders the same instant past midnight in Tokyo', () => {
    expect(localTime(screening, 'Asia/Tokyo')).toBe('2027-02-15T04:30:00+09:00');
  });

  it('follows daylight saving time', () => {
    expect(localTime(new Date('2027-07-14T19:30:00Z'), 'Europe/Berlin')).toBe(
      '2027-07-14T21:30:00+02:00',
    );
  });

  it('renders quarter-hour offsets', () => {
    expect(localTime(screening, 'Asia/Kathmandu')).toBe('2027-02-15T01:15:00+05:45');
  });

  it('renders UTC with a +00:00 offset', () => {
    expect(localTime(screening, 'UTC')).toBe('2027-02-14T19:30:00Z');
  });
});
