import { CampaignStatus } from '../campaigns/campaign.enums.js';
import { EventStatus } from '../events/event.enums.js';
import { reminderJobs } from './reminder-jobs.js';

describe(reminderJobs.name, () => {
  const now = new Date('2027-02-01T12:00:00Z');
  const event = {
    id: '6f1c1b1e-0000-4000-8000-000000000001',
    status: EventStatus.SCHEDULED,
    startsAt: new Date('2027-02-14T19:30:00Z'),
  };
  const campaign = { status: CampaignStatus.SCHEDULED, reminderOffsetsMinutes: [1440, 60, 0] };

  it('schedules one dispatch per offset, due that long before the start', () => {
    const jobs = reminderJobs(event, campaign, now);
    expect(jobs.map((job) => [job.jobId, job.runAt?.toISOString()])).toEqual([
      [`remind-${event.id}-1440-${event.startsAt.getTime()}`, '2027-02-13T19:30:00.000Z'],
      [`remind-${event.id}-60-${event.startsAt.getTime()}`, '2027-02-14T18:30:00.000Z'],
      [`remind-${event.id}-0-${event.startsAt.getTime()}`, '2027-02-14T19:30:00.000Z'],
    ]);
    expect(jobs.every((job) => !job.jobId.includes(':'))).toBe(true);
  });

  it('never sends an offset already past: an event tomorrow morning skips the day-before one', () => {
    const soon = { ...event, startsAt: new Date('2027-02-02T09:00:00Z') };
    expect(reminderJobs(soon, campaign, now).map((job) => job.data.offsetMinutes)).toEqual([60, 0]);
  });

  it('gives a moved event new job ids, so the old ones are left behind', () => {
    const moved = { ...event, startsAt: new Date('2027-02-15T19:30:00Z') };
    const before = reminderJobs(event, campaign, now).map((job) => job.jobId);
    const after = reminderJobs(moved, campaign, now).map((job) => job.jobId);
    expect(after.filter((id) => before.includes(id))).toEqual([]);
  });

  it.each([
    ['a draft campaign', event, { ...campaign, status: CampaignStatus.DRAFT }],
    ['a cancelled campaign', event, { ...campaign, status: CampaignStatus.CANCELLED }],
    ['a cancelled event', { ...event, status: EventStatus.CANCELLED }, campaign],
  ])('schedules nothing for %s', (_case, target, owner) => {
    expect(reminderJobs(target, owner, now)).toEqual([]);
  });
});
