import { ConflictError, ForbiddenError } from '../common/errors/app-error.js';

export class NotCampaignParticipantError extends ForbiddenError {
  constructor() {
    super('Only participants of the campaign may report posts for it.');
  }
}

export class PostAlreadyReportedError extends ConflictError {
  constructor() {
    super('This post has already been reported.', ['url']);
  }
}
