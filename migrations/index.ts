import { CreateMembers1795315200000 } from './1795315200000-CreateMembers.js';
import { CreateCommunities1795315260000 } from './1795315260000-CreateCommunities.js';
import { CreateCampaignsEventsParticipations1795315320000 } from './1795315320000-CreateCampaignsEventsParticipations.js';
import { CreateNotificationsOutboxAnnouncements1795315380000 } from './1795315380000-CreateNotificationsOutboxAnnouncements.js';
import { CreateCampaignTallies1795315440000 } from './1795315440000-CreateCampaignTallies.js';
import { CreateJoinEventFunction1795315500000 } from './1795315500000-CreateJoinEventFunction.js';

/** Every migration, oldest first. A new migration is appended here. */
export const migrations = [
  CreateMembers1795315200000,
  CreateCommunities1795315260000,
  CreateCampaignsEventsParticipations1795315320000,
  CreateNotificationsOutboxAnnouncements1795315380000,
  CreateCampaignTallies1795315440000,
  CreateJoinEventFunction1795315500000,
];
