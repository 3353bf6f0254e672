import { hasMessage, t, type MessageKey } from '../i18n';

/** A code of the catalogue in Czech words; a code the catalogue does not know shows as it is. */
function label(group: string, code: string | null | undefined): string {
  if (code === null || code === undefined) return '—';
  const key = `catalogue.${group}.${code}`;
  return hasMessage(key) ? t(key as MessageKey) : code;
}

export const formLabel = (code: string | null | undefined) => label('forms', code);
export const unitLabel = (code: string | null | undefined) => (code ? label('units', code) : '');
export const needDecisionLabel = (code: string) => label('needDecisions', code);
export const resolutionBodyLabel = (code: string) => label('resolutionBodies', code);
export const resolutionDecisionLabel = (code: string) => label('resolutionDecisions', code);
export const planStatusLabel = (code: string) => label('planStatuses', code);
