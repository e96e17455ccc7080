import type { CampaignEntity } from '../campaigns/campaign.entity.js';
import { GoalMetric } from '../campaigns/campaign.enums.js';
import type { Tally } from './tallies.repository.js';
import type { CampaignTally } from './tally.model.js';

type Goal = Pick<CampaignEntity, 'goalMetric' | 'goalTarget'>;

const GOAL_COUNT: Record<GoalMetric, (tally: Tally) => number> = {
  [GoalMetric.PARTICIPANTS]: (tally) => tally.participants,
  [GoalMetric.CHECK_INS]: (tally) => tally.checkedIn,
  [GoalMetric.POSTS]: (tally) => tally.posts,
};

/** The contract's tally: the stored counts and the progress toward the campaign's goal. */
export function campaignTally(tally: Tally, { goalMetric, goalTarget }: Goal): CampaignTally {
  return {
    ...tally,
    goalProgress: goalMetric && goalTarget ? GOAL_COUNT[goalMetric](tally) / goalTarget : null,
  };
}

/**
 * The Redis channel of one campaign's new tallies. The queue prefix keeps deployments sharing
 * a Redis (and test files, each with its own prefix) from hearing each other.
 */
export function tallyChannel(queuePrefix: string, campaignId: string): string {
  return `${queuePrefix}-tally-${campaignId}`;
}

/** A published tally back as the contract's type (the PubSub parses JSON, dates stay text). */
export function parseCampaignTally(message: unknown): CampaignTally {
  const raw = (typeof message === 'string' ? JSON.parse(message) : message) as CampaignTally & {
    updatedAt: string;
  };
  const updatedAt = new Date(raw.updatedAt);
  if (Number.isNaN(updatedAt.getTime())) throw new Error('A published tally needs its updatedAt');
  return { ...raw, updatedAt };
}
