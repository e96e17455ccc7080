import { registerEnumType } from '@nestjs/graphql';

export enum CampaignKind {
  SCREENING_TOUR = 'SCREENING_TOUR',
  HASHTAG_PUSH = 'HASHTAG_PUSH',
  WATCH_PARTY = 'WATCH_PARTY',
}

export enum CampaignStatus {
  DRAFT = 'DRAFT',
  SCHEDULED = 'SCHEDULED',
  LIVE = 'LIVE',
  ENDED = 'ENDED',
  CANCELLED = 'CANCELLED',
}

export enum GoalMetric {
  PARTICIPANTS = 'PARTICIPANTS',
  CHECK_INS = 'CHECK_INS',
  POSTS = 'POSTS',
}

registerEnumType(CampaignKind, {
  name: 'CampaignKind',
  valuesMap: {
    SCREENING_TOUR: {
      description: 'Screenings of one film in many cities, e.g. an anniversary tour.',
    },
    HASHTAG_PUSH: { description: 'Everyone posts the hashtags at one synchronized moment.' },
    WATCH_PARTY: { description: 'Members press play together, online.' },
  },
});
registerEnumType(CampaignStatus, { name: 'CampaignStatus' });
registerEnumType(GoalMetric, { name: 'GoalMetric' });

/** Campaigns whose events members can still join and report posts for. */
export const OPEN_CAMPAIGN_STATUSES = [CampaignStatus.SCHEDULED, CampaignStatus.LIVE];
