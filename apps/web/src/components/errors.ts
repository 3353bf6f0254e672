import { ApiError, type FieldViolation } from '../api/errors';
import { hasMessage, t, type MessageKey } from '../i18n';

/** What to tell a person about a failed call, in Czech. */
export function describeError(error: unknown): string {
  if (!(error instanceof ApiError)) return t('errors.title');
  if (error.status === 0) return t('errors.unreachable');
  if (error.status >= 500) return t('errors.server', { errorId: error.errorId ?? error.requestId ?? '—' });
  const byCode = `errors.codes.${error.code}`;
  if (hasMessage(byCode)) return t(byCode as MessageKey);
  if (error.status === 403) return t('errors.forbidden');
  if (error.status === 404) return t('errors.notFoundText');
  if (error.status === 409) return t('errors.conflict');
  return t('errors.invalid');
}

/** A field's violation in Czech: the catalogue's text for its code, else the server's own words. */
export function describeViolation(violation: FieldViolation): string {
  const key = `errors.fields.${violation.code}`;
  return hasMessage(key) ? t(key as MessageKey) : violation.message;
}

/** The violations by field, for forms that show each on its field. */
export function violationsByField(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const result: Record<string, string> = {};
  for (const violation of error.fields) result[violation.field] ??= describeViolation(violation);
  return result;
}
