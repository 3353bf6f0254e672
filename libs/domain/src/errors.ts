/** Machine-readable codes of the domain's refusals; the API maps each to one HTTP status. */
export enum DomainErrorCode {
  NotFound = 'NOT_FOUND',
  ValidationFailed = 'VALIDATION_FAILED',
  RuleViolated = 'RULE_VIOLATED',
  IntentionNotDraft = 'INTENTION_NOT_DRAFT',
  IntentionNotEditable = 'INTENTION_NOT_EDITABLE',
  DeploymentRejected = 'DEPLOYMENT_REJECTED',
  MigrationRejected = 'MIGRATION_REJECTED',
  MonitoringUnavailable = 'MONITORING_UNAVAILABLE',
  TransitionNotAllowed = 'TRANSITION_NOT_ALLOWED',
  ActionPlanExists = 'ACTION_PLAN_EXISTS',
  Unauthenticated = 'UNAUTHENTICATED',
  InvalidCredentials = 'INVALID_CREDENTIALS',
  Forbidden = 'FORBIDDEN',
  TaskAlreadyAssigned = 'TASK_ALREADY_ASSIGNED',
  TaskNotAssignedToCaller = 'TASK_NOT_ASSIGNED_TO_CALLER',
  TaskNotActive = 'TASK_NOT_ACTIVE',
  FormInvalid = 'FORM_INVALID',
  AccountExists = 'ACCOUNT_EXISTS',
  AccountFromIdentityProvider = 'ACCOUNT_FROM_IDENTITY_PROVIDER',
  DraftNameTaken = 'DRAFT_NAME_TAKEN',
  DraftVersionStale = 'DRAFT_VERSION_STALE',
}

export interface FieldViolation {
  /** Dotted path of the offending field in the request, e.g. `providerIco`, or the file name of an upload. */
  field: string;
  code: string;
  message: string;
  /** Within an uploaded model: the id of the offending element. */
  elementId?: string;
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
