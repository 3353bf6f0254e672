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
  if (duration.years || duration.months) date.setUTCMonth(date.getUTCMonth() + duration.years * 12 + duration.months);
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
