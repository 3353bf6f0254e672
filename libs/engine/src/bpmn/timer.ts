/** ISO 8601 timer values as Zeebe accepts them in timeDuration, timeDate and timeCycle. */

const DURATION = /^(-)?P(?:(\d+(?:[.,]\d+)?)Y)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)D)?(?:T(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/i;

export interface Duration {
  readonly years: number;
  readonly months: number;
  readonly days: number;
  readonly ms: number;
}

export function parseDuration(text: string): Duration {
  const match = DURATION.exec(text.trim());
  if (!match || text.trim().endsWith('T') || text.trim() === 'P') throw new Error(`Invalid duration format '${text}'`);
  const number = (index: number) => Number((match[index] ?? '0').replace(',', '.'));
  const sign = match[1] ? -1 : 1;
  return {
    years: sign * number(2),
    months: sign * number(3),
    days: sign * (number(4) * 7 + number(5)),
    ms: sign * Math.round((number(6) * 3600 + number(7) * 60 + number(8)) * 1000),
  };
}

/** Adds a duration the calendar way (years/months/days) and the clock way (hours and less). */
export function addDuration(from: number, duration: Duration): number {
  const date = new Date(from);
  if (duration.years || duration.months) {
    // As java.time (and so Zeebe) does: a day the target month lacks becomes its last day (31 Jan + P1M = 28 Feb).
    const day = date.getUTCDate();
    date.setUTCDate(1);
    date.setUTCMonth(date.getUTCMonth() + duration.years * 12 + duration.months);
    const lastDay = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
    date.setUTCDate(Math.min(day, lastDay));
  }
  if (duration.days) date.setUTCDate(date.getUTCDate() + duration.days);
  return date.getTime() + duration.ms;
}

export function parseDate(text: string): number {
  const trimmed = text.trim();
  // Zeebe requires an offset or zone; an ISO local date-time without one is read as UTC.
  const zoned = /\[[^\]]+\]$/.test(trimmed) ? trimmed.replace(/\[[^\]]+\]$/, '') : trimmed;
  const time = Date.parse(/T/.test(zoned) && !/(Z|[+-]\d\d:?\d\d)$/i.test(zoned) ? `${zoned}Z` : zoned);
  if (!/^\d{4}-\d\d-\d\d/.test(zoned) || Number.isNaN(time)) throw new Error(`Invalid date-time format '${text}'`);
  return time;
}

export interface Cycle {
  /** Remaining repetitions; -1 repeats forever. */
  readonly repetitions: number;
  readonly interval: Duration;
  /** First due date when the cycle names a start (`R3/2026-01-01T00:00Z/PT1H`). */
  readonly start?: number;
}

export function parseCycle(text: string): Cycle {
  const parts = text.trim().split('/');
  const repetition = /^R(\d*)$/i.exec(parts[0] ?? '');
  if (!repetition || parts.length < 2 || parts.length > 3) throw new Error(`Invalid time cycle format '${text}'`);
  const repetitions = repetition[1] === '' ? -1 : Number(repetition[1]);
  if (parts.length === 3) return { repetitions, start: parseDate(parts[1]), interval: parseDuration(parts[2]) };
  return { repetitions, interval: parseDuration(parts[1]) };
}

/**
 * A cron expression as Zeebe accepts in a timeCycle (Spring's six fields: second, minute,
 * hour, day of month, month, day of week; or a macro such as `@daily`). Times are UTC, as
 * on a Zeebe broker. Day of month and day of week must both match, as in Spring.
 */
export interface Cron {
  /** The first time after `after` (ms) that matches. */
  next(after: number): number;
}

const CRON_MACROS: Record<string, string> = {
  '@yearly': '0 0 0 1 1 *',
  '@annually': '0 0 0 1 1 *',
  '@monthly': '0 0 0 1 * *',
  '@weekly': '0 0 0 * * 0',
  '@daily': '0 0 0 * * *',
  '@midnight': '0 0 0 * * *',
  '@hourly': '0 0 * * * *',
};
const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

export function parseCron(text: string): Cron {
  const trimmed = text.trim();
  const fields = (CRON_MACROS[trimmed.toLowerCase()] ?? trimmed).split(/\s+/);
  if (fields.length !== 6) throw new Error(`Invalid cron expression '${text}': expected 6 fields (second minute hour day-of-month month day-of-week)`);
  const field = (index: number, min: number, max: number, names?: string[], offset = 0) => {
    try {
      return cronField(fields[index], min, max, names, offset);
    } catch (error) {
      throw new Error(`Invalid cron expression '${text}': ${(error as Error).message}`);
    }
  };
  const seconds = field(0, 0, 59);
  const minutes = field(1, 0, 59);
  const hours = field(2, 0, 23);
  const days = field(3, 1, 31);
  const months = field(4, 1, 12, MONTH_NAMES, 1);
  // 0 and 7 are both Sunday.
  const weekdays = new Set([...field(5, 0, 7, DAY_NAMES)].map((day) => day % 7));
  return {
    next(after: number): number {
      const date = new Date(Math.floor(after / 1000) * 1000 + 1000);
      // Ten years of days is far more than any satisfiable expression needs.
      for (let guard = 0; guard < 10 * 366 * 24 * 60; guard++) {
        if (!months.has(date.getUTCMonth() + 1)) {
          date.setUTCMonth(date.getUTCMonth() + 1, 1);
          date.setUTCHours(0, 0, 0, 0);
        } else if (!days.has(date.getUTCDate()) || !weekdays.has(date.getUTCDay())) {
          date.setUTCDate(date.getUTCDate() + 1);
          date.setUTCHours(0, 0, 0, 0);
        } else if (!hours.has(date.getUTCHours())) {
          date.setUTCHours(date.getUTCHours() + 1, 0, 0, 0);
        } else if (!minutes.has(date.getUTCMinutes())) {
          date.setUTCMinutes(date.getUTCMinutes() + 1, 0, 0);
        } else if (!seconds.has(date.getUTCSeconds())) {
          date.setUTCSeconds(date.getUTCSeconds() + 1, 0);
        } else {
          return date.getTime();
        }
      }
      throw new Error(`The cron expression '${text}' never matches`);
    },
  };
}

function cronField(text: string, min: number, max: number, names: string[] | undefined, offset = 0): Set<number> {
  const values = new Set<number>();
  const value = (token: string): number => {
    const named = names?.indexOf(token.toUpperCase()) ?? -1;
    const number = named >= 0 ? named + offset : /^\d+$/.test(token) ? Number(token) : NaN;
    if (!(number >= min && number <= max)) throw new Error(`'${token}' is not a value between ${min} and ${max}`);
    return number;
  };
  for (const part of text.split(',')) {
    if (/[LW#]/i.test(part) && !names?.some((name) => part.toUpperCase().includes(name))) {
      throw new Error(`'${part}' uses L, W or # which this engine does not support`);
    }
    const [range, stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!(step >= 1) || !Number.isInteger(step)) throw new Error(`'${part}' has an invalid step`);
    let from: number;
    let to: number;
    if (range === '*' || range === '?') [from, to] = [min, max];
    else if (range.includes('-')) [from, to] = range.split('-').map(value) as [number, number];
    else [from, to] = [value(range), stepText === undefined ? value(range) : max];
    if (from > to) throw new Error(`'${part}' is an empty range`);
    for (let current = from; current <= to; current += step) values.add(current);
  }
  return values;
}

/** Checks a static timer value at deploy time; answers the problem, or undefined when it is valid. */
export function checkTimerValue(kind: 'duration' | 'date' | 'cycle', text: string): string | undefined {
  try {
    if (kind === 'duration') parseDuration(text);
    else if (kind === 'date') parseDate(text);
    else parseTimerCycle(text);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** A timeCycle: an ISO 8601 repeating interval, or else a cron expression (repeating forever). */
export function parseTimerCycle(text: string): Cycle | { repetitions: -1; cron: string } {
  if (/^R/i.test(text.trim())) return parseCycle(text);
  parseCron(text);
  return { repetitions: -1, cron: text.trim() };
}
