import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { DomainError, DomainErrorCode, type FieldViolation } from '@app/domain';
import { boundaryViolations, nullViolations } from './input-boundary.js';

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

export function invalidRequest(violations: FieldViolation[]): DomainError {
  return new DomainError(DomainErrorCode.ValidationFailed, 'The request is not valid', violations);
}

/**
 * The input boundary (`input-boundary.ts`) for every body, query and path parameter of every
 * route, whatever its DTO (or none: free-form bodies too); then the DTO's own rules.
 */
class BoundaryValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      const root = metadata.type === 'param' || metadata.type === 'query' ? (metadata.data ?? metadata.type) : (metadata.data ?? '');
      const violations = [...boundaryViolations(value, root), ...(metadata.data === undefined ? nullViolations(metadata.metatype, value) : [])];
      if (violations.length > 0) throw invalidRequest(violations);
    }
    return super.transform(value, metadata);
  }
}

/** Every body and query is whitelisted; unknown properties and wrong types are a 400 with a code per field. */
export function createValidationPipe(): ValidationPipe {
  return new BoundaryValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    stopAtFirstError: true,
    exceptionFactory: (errors) => invalidRequest(flatten(errors)),
  });
}
