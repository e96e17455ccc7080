import { GoalMetric } from '../campaigns/campaign.enums.js';
import { campaignTally, parseCampaignTally } from './campaign-tally.js';
import type { Tally } from './tallies.repository.js';

const tally: Tally = {
  campaignId: 'c6b3f1de-3f4b-4f55-9a38-0d3c8f6f2f10',
  participants: 30,
  going: 40,
  waitlisted: 5,
  checkedIn: 12,
  posts: 90,
  byCity: [{ city: 'Paris', country: 'FR', going: 40, checkedIn: 12 }],
  updatedAt: new Date('2027-02-14T17:00:00.123Z'),
};

describe('campaignTally', () => {
  it.each([
    [GoalMetric.PARTICIPANTS, 60, 0.5],
    [GoalMetric.CHECK_INS, 12, 1],
    [GoalMetric.POSTS, 60, 1.5],
  ])('measures the %s goal of %i', (goalMetric, goalTarget, progress) => {
    expect(campaignTally(tally, { goalMetric, goalTarget }).goalProgress).toBe(progress);
  });

  it('has no progress without a goal', () => {
    expect(campaignTally(tally, { goalMetric: null, goalTarget: null }).goalProgress).toBeNull();
  });

  it('comes back whole from its published JSON, dates as dates', () => {
    const published = campaignTally(tally, { goalMetric: null, goalTarget: null });
    expect(parseCampaignTally(JSON.stringify(published))).toEqual(published);
    expect(() => parseCampaignTally({ ...published, updatedAt: 'soon' })).toThrow();
  });
});
