import { ConflictError, ForbiddenError, NotFoundError } from '../common/errors/app-error.js';

export class CampaignNotFoundError extends NotFoundError {
  constructor() {
    super('No such campaign.');
  }
}

export class NotOrganizerError extends ForbiddenError {
  constructor() {
    super("Only the community's organizers and owners may do this.");
  }
}

export class CampaignClosedError extends ConflictError {
  constructor(status: string) {
    super(`The campaign is ${status.toLowerCase()}; it can no longer change.`);
  }
}

export class CampaignNotOpenError extends ConflictError {
  constructor(status: string) {
    super(`The campaign is ${status.toLowerCase()}; members cannot take part in it now.`);
  }
}

export class CampaignPastError extends ConflictError {
  constructor() {
    super('The campaign has already ended; move its end into the future first.', ['endsAt']);
  }
}

export class EventsOutsideWindowError extends ConflictError {
  constructor(fields: string[]) {
    super(
      "Some of the campaign's events would fall outside its new dates; move them first.",
      fields,
    );
  }
}
