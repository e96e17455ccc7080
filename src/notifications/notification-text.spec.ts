import { NotificationKind } from './notification-kind.js';
import { lead, renderEventNotification, wallClock } from './notification-text.js';

describe('notification text', () => {
  const screening = {
    title: 'Alita: Battle Angel',
    startsAt: new Date('2027-02-14T19:30:00Z'),
    venueName: 'TCL Chinese Theatre',
    venueCity: 'Los Angeles',
    onlineUrl: null,
  };

  it('shows the start in the member’s own zone', () => {
    expect(wallClock(screening.startsAt, 'America/Los_Angeles')).toBe('Sun 14 Feb, 11:30 PST');
    expect(wallClock(screening.startsAt, 'Asia/Tokyo')).toBe('Mon 15 Feb, 04:30 GMT+9');
  });

  it.each([
    [1440, '1 day'],
    [2880, '2 days'],
    [60, '1 hour'],
    [90, '90 minutes'],
    [0, 'now'],
  ])('says %i minutes as %s', (minutes, text) => expect(lead(minutes)).toBe(text));

  it('writes a reminder for a member in Paris', () => {
    expect(
      renderEventNotification(NotificationKind.EVENT_REMINDER, screening, 'Europe/Paris', 60),
    ).toEqual({
      title: 'In 1 hour: Alita: Battle Angel',
      body: 'Alita: Battle Angel starts Sun 14 Feb, 20:30 GMT+1 at TCL Chinese Theatre, Los Angeles.',
    });
  });

  it('points an online event to its link', () => {
    const party = {
      ...screening,
      venueName: null,
      venueCity: null,
      onlineUrl: 'https://watch.example/alita',
    };
    expect(renderEventNotification(NotificationKind.WAITLIST_PROMOTED, party, 'UTC').body).toBe(
      'A spot opened up and you are now going to Alita: Battle Angel, Sun 14 Feb, 19:30 UTC at online: https://watch.example/alita.',
    );
  });
});
