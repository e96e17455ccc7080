import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { InvalidInputError, type FieldProblem } from '../errors/app-error.js';

function problemsOf(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...problemsOf(error.children ?? [], field)];
  });
}

/** class-validator on every input, failing as BAD_USER_INPUT with the fields named. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    stopAtFirstError: true,
    exceptionFactory: (errors) => new InvalidInputError(problemsOf(errors)),
  });
}
