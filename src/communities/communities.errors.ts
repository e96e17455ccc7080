import { ConflictError, ForbiddenError, NotFoundError } from '../common/errors/app-error.js';

export class CommunityNotFoundError extends NotFoundError {
  constructor() {
    super('No such community.');
  }
}

export class NotCommunityMemberError extends ForbiddenError {
  constructor() {
    super('Only members of this community may do this.');
  }
}

export class NotCommunityOwnerError extends ForbiddenError {
  constructor() {
    super('Only an owner of this community may do this.');
  }
}

export class MemberNotInCommunityError extends NotFoundError {
  constructor() {
    super('That member is not in this community.', ['memberId']);
  }
}

export class LastOwnerError extends ConflictError {
  constructor() {
    super('A community needs an owner: make another member OWNER first.');
  }
}

export class SlugTakenError extends ConflictError {
  constructor() {
    super('This slug is taken.', ['slug']);
  }
}
