/** Machine-readable codes of the domain's refusals; the API maps each to one HTTP status. */
export enum DomainErrorCode {
  NotFound = 'NOT_FOUND',
  ValidationFailed = 'VALIDATION_FAILED',
  RuleViolated = 'RULE_VIOLATED',
  IntentionNotDraft = 'INTENTION_NOT_DRAFT',
  TransitionNotAllowed = 'TRANSITION_NOT_ALLOWED',
  ActionPlanExists = 'ACTION_PLAN_EXISTS',
}

export interface FieldViolation {
  /** Dotted path of the offending field in the request, e.g. `providerIco`. */
  field: string;
  code: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly violations: readonly FieldViolation[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
