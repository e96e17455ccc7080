import { ConnectionType } from '../common/pagination/connection.model.js';
import { Community } from './community.model.js';

export const CommunityConnection = ConnectionType(Community, 'Community');
