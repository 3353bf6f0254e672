import type { FieldViolation } from '../errors.js';

/** The region plans in Prague time: a plan year, a closing hour, "next year" are local. */
const PLAN_ZONE = 'Europe/Prague';
const DAY_MS = 86_400_000;

const zoneParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: PLAN_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function localTime(instant: Date): LocalTime {
  const parts = Object.fromEntries(zoneParts.formatToParts(instant).map((part) => [part.type, Number(part.value)]));
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute, second: parts.second };
}

/** Minutes Prague is ahead of UTC at `instant` (60 in winter, 120 in summer). */
function offsetMinutes(instant: Date): number {
  const local = localTime(instant);
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/** The instant of a Prague wall-clock time (never in a DST gap here: 31 March 23:59 is always summer time). */
function fromLocal(local: LocalTime): Date {
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
  const guess = asUtc - offsetMinutes(new Date(asUtc)) * 60_000;
  return new Date(asUtc - offsetMinutes(new Date(guess)) * 60_000);
}

/** ISO 8601 date-time with Prague's offset, e.g. `2027-03-31T23:59:59+02:00`, as the timer and officials read it. */
export function toPragueDateTime(instant: Date): string {
  const local = localTime(instant);
  const offset = offsetMinutes(instant);
  const pad = (value: number, size = 2) => String(value).padStart(size, '0');
  const sign = offset >= 0 ? '+' : '-';
  return (
    `${pad(local.year, 4)}-${pad(local.month)}-${pad(local.day)}T${pad(local.hour)}:${pad(local.minute)}:${pad(local.second)}` +
    `${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`
  );
}

/** The year an Action Plan opened at `now` plans for: the next calendar year in Prague. */
export function nextPlanYear(now: Date): number {
  return localTime(now).year + 1;
}

/**
 * The call for intentions closes on 31 March 23:59:59 Prague time of the current year;
 * when that leaves less than 14 days (or has passed), it closes 30 days from now instead.
 */
export function defaultCallClosing(now: Date): Date {
  const closing = fromLocal({ year: localTime(now).year, month: 3, day: 31, hour: 23, minute: 59, second: 59 });
  if (closing.getTime() - now.getTime() >= 14 * DAY_MS) return closing;
  return new Date(Math.floor(now.getTime() / 1000) * 1000 + 30 * DAY_MS);
}

export enum ActionPlanRule {
  PlanYearTooEarly = 'PLAN_YEAR_TOO_EARLY',
  AmountNotWholeCzk = 'AMOUNT_NOT_WHOLE_CZK',
  CallClosingInPast = 'CALL_CLOSING_IN_PAST',
}

export interface ActionPlanStart {
  planYear: number;
  budgetCeiling: number | null;
  callClosingDate: Date | null;
}

/** A regional officer opens a plan for a coming year, with a ceiling in whole CZK and a call that closes in the future. */
export function checkActionPlanStart(start: ActionPlanStart, now: Date): FieldViolation[] {
  const violations: FieldViolation[] = [];
  const earliest = nextPlanYear(now);
  if (start.planYear < earliest) {
    violations.push({ field: 'planYear', code: ActionPlanRule.PlanYearTooEarly, message: `An Action Plan can be opened for ${earliest} at the earliest` });
  }
  if (start.budgetCeiling !== null && !(Number.isSafeInteger(start.budgetCeiling) && start.budgetCeiling >= 0)) {
    violations.push({ field: 'budgetCeiling', code: ActionPlanRule.AmountNotWholeCzk, message: 'The budget ceiling is whole, non-negative CZK' });
  }
  if (start.callClosingDate !== null && start.callClosingDate.getTime() <= now.getTime()) {
    violations.push({ field: 'callClosingDate', code: ActionPlanRule.CallClosingInPast, message: 'The call for intentions must close in the future' });
  }
  return violations;
}
