import { ConflictError, NotFoundError } from '../common/errors/app-error.js';

export class EventNotFoundError extends NotFoundError {
  constructor() {
    super('No such event.');
  }
}

export class EventClosedError extends ConflictError {
  constructor(status: string) {
    super(`The event is ${status.toLowerCase()}.`);
  }
}

export class CapacityBelowGoingError extends ConflictError {
  constructor(going: number) {
    super(`${going} members are already going; capacity cannot go below that.`, ['capacity']);
  }
}
