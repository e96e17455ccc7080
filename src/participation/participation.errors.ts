import { ConflictError, InvalidInputError, NotFoundError } from '../common/errors/app-error.js';
import type { ParticipationRecord } from './participation.model.js';
import { ParticipationStatus } from './participation-status.js';

export class NotParticipatingError extends NotFoundError {
  constructor(fields: string[] = []) {
    super('No participation in this event.', fields);
  }
}

export class NotGoingError extends ConflictError {
  constructor(status: string) {
    super(`Only GOING participants can check in; this one is ${status}.`);
  }
}

export class AlreadyCheckedInError extends ConflictError {
  constructor() {
    super('Already checked in at the door; there is nothing to leave.');
  }
}

export class CheckInClosedError extends ConflictError {
  constructor() {
    super('Check-in opens 2 hours before the event starts and closes when it ends.');
  }
}

export class WrongCheckInCodeError extends InvalidInputError {
  constructor() {
    super([{ field: 'code', message: 'is not the code of this event' }]);
  }
}

/** Only a GOING participant checks in (and one CHECKED_IN already, again); refuses anyone else. */
export function assertMayCheckIn(
  current: ParticipationRecord | null,
  memberField?: string,
): asserts current is ParticipationRecord {
  if (!current || current.status === ParticipationStatus.CANCELLED) {
    throw new NotParticipatingError(memberField ? [memberField] : []);
  }
  if (current.status === ParticipationStatus.WAITLISTED) throw new NotGoingError(current.status);
}
