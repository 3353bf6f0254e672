import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { DomainError, DomainErrorCode, type FieldViolation } from '@app/domain';

/** class-validator constraint names as machine-readable codes: `isInt` -> `IS_INT`. */
function codeOf(constraint: string): string {
  if (constraint === 'whitelistValidation') return 'UNKNOWN_PROPERTY';
  return constraint.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

function flatten(errors: ValidationError[], parent = ''): FieldViolation[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([constraint, message]) => ({ field, code: codeOf(constraint), message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** Every body and query is whitelisted; unknown properties and wrong types are a 400 with a code per field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    stopAtFirstError: true,
    exceptionFactory: (errors) =>
      new DomainError(DomainErrorCode.ValidationFailed, 'The request is not valid', flatten(errors)),
  });
}
