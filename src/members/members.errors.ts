import { ConflictError, UnauthenticatedError } from '../common/errors/app-error.js';

export class EmailTakenError extends ConflictError {
  constructor() {
    super('An account with this email already exists.', ['email']);
  }
}

export class HandleTakenError extends ConflictError {
  constructor() {
    super('This handle is taken.', ['handle']);
  }
}

export class InvalidCredentialsError extends UnauthenticatedError {
  constructor() {
    super('Wrong email or password.');
  }
}

export class MemberGoneError extends UnauthenticatedError {
  constructor() {
    super('This account no longer exists.');
  }
}
