import type { FieldViolation } from '../errors.js';
import { toPragueDateTime } from './call.js';

/** The bodies of the region that pass resolutions (usnesení). */
export const RESOLUTION_BODIES = ['council', 'assembly'] as const;
export type ResolutionBody = (typeof RESOLUTION_BODIES)[number];

/**
 * How the region numbers resolutions: running number / two-digit year / body letter and
 * meeting number, e.g. `1234/26/R45` (Rada kraje) or `567/26/Z12` (Zastupitelstvo).
 */
const NUMBER_FORMAT: Readonly<Record<ResolutionBody, RegExp>> = {
  council: /^(\d{1,5})\/(\d{2})\/R\d{1,3}$/,
  assembly: /^(\d{1,5})\/(\d{2})\/Z\d{1,2}$/,
};

const EXAMPLE: Readonly<Record<ResolutionBody, string>> = { council: '1234/26/R45', assembly: '567/26/Z12' };
const BODY_LABEL: Readonly<Record<ResolutionBody, string>> = { council: 'Rady kraje', assembly: 'Zastupitelstva kraje' };

export enum ResolutionRule {
  NumberFormat = 'RESOLUTION_NUMBER_FORMAT',
  YearMismatch = 'RESOLUTION_YEAR_MISMATCH',
  DateInvalid = 'RESOLUTION_DATE_INVALID',
  DateInFuture = 'RESOLUTION_DATE_IN_FUTURE',
}

/** Checks a resolution's number and date; messages are in Czech because officials read them in the form. */
export function checkResolution(body: ResolutionBody, number: string, date: string, today: Date): FieldViolation[] {
  const violations: FieldViolation[] = [];
  const match = NUMBER_FORMAT[body].exec(number.trim());
  if (!match) {
    violations.push({
      field: 'resolutionNumber',
      code: ResolutionRule.NumberFormat,
      message: `Číslo usnesení ${BODY_LABEL[body]} má tvar např. ${EXAMPLE[body]}`,
    });
  }
  const parsed = /^\d{4}-\d{2}-\d{2}$/.test(date) ? new Date(`${date}T00:00:00Z`) : null;
  if (!parsed || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date) {
    violations.push({ field: 'resolutionDate', code: ResolutionRule.DateInvalid, message: 'Datum usnesení má tvar RRRR-MM-DD' });
    return violations;
  }
  // Resolutions are dated by the region's calendar: just after midnight in Prague it is already tomorrow there.
  if (date > toPragueDateTime(today).slice(0, 10)) {
    violations.push({ field: 'resolutionDate', code: ResolutionRule.DateInFuture, message: 'Usnesení nemůže mít datum v budoucnosti' });
  }
  if (match && match[2] !== date.slice(2, 4)) {
    violations.push({
      field: 'resolutionNumber',
      code: ResolutionRule.YearMismatch,
      message: `Rok v čísle usnesení (${match[2]}) neodpovídá datu usnesení (${date})`,
    });
  }
  return violations;
}
