import { randomUUID } from 'node:crypto';
import { duration, FeelDate, FeelDateTime, FeelFunction, parseDate, parseDateTime } from 'feelin';
import { toJsonValue } from './json.js';

/**
 * Thrown by `assert(...)`: the only built-in with which Camunda lets a model fail an
 * evaluation on purpose instead of yielding null.
 */
export class FeelAssertionError extends Error {}

/**
 * Camunda's FEEL extensions (docs.camunda.io "FEEL built-in functions", "Camunda Extension")
 * that feelin does not ship, plus `now()` / `today()` bound to the engine's clock so that
 * tests moving the clock move FEEL time too.
 *
 * Invalid arguments yield null, as FEEL's error handling prescribes.
 */
export function camundaBuiltins(clock: () => Date): Record<string, FeelFunction> {
  return {
    // Since Camunda 8.4 `is defined(null)` is false; a missing variable evaluates to null.
    'is defined': new FeelFunction((value: unknown) => value !== null && value !== undefined, ['value']),
    'get or else': new FeelFunction((value: unknown, fallback: unknown) => value ?? fallback ?? null, ['value', 'default']),
    assert: new FeelFunction((value: unknown, condition: unknown, cause?: unknown) => {
      if (condition === true) return value;
      throw new FeelAssertionError(typeof cause === 'string' ? cause : 'The condition is not fulfilled');
    }, ['value', 'condition', 'cause']),
    // feelin knows only the two-argument form; Camunda adds prefix and suffix.
    'string join': new FeelFunction((list: unknown, delimiter?: unknown, prefix?: unknown, suffix?: unknown) => {
      if (!Array.isArray(list) || list.some((item) => item !== null && typeof item !== 'string')) return null;
      if (!isOptionalString(delimiter) || !isOptionalString(prefix) || !isOptionalString(suffix)) return null;
      return (prefix ?? '') + list.filter((item) => item !== null).join(delimiter ?? '') + (suffix ?? '');
    }, ['list', 'delimiter', 'prefix', 'suffix']),
    // feelin takes a single key only; Camunda also takes a list of keys as a path.
    'get value': new FeelFunction((context: unknown, key: unknown) => {
      const path = typeof key === 'string' ? [key] : key;
      if (!Array.isArray(path) || path.length === 0 || path.some((segment) => typeof segment !== 'string')) return null;
      let current: unknown = context;
      for (const segment of path as string[]) {
        if (!isContext(current) || !Object.hasOwn(current, segment)) return null;
        current = current[segment];
      }
      return current ?? null;
    }, ['context', 'key']),
    'is empty': new FeelFunction((list: unknown) => (Array.isArray(list) ? list.length === 0 : null), ['list']),
    trim: new FeelFunction((string: unknown) => (typeof string === 'string' ? string.trim() : null), ['string']),
    'is blank': new FeelFunction((string: unknown) => (typeof string === 'string' ? string.trim() === '' : null), ['string']),
    uuid: new FeelFunction(() => randomUUID(), []),
    'to base64': new FeelFunction(
      (value: unknown) => (typeof value === 'string' ? Buffer.from(value, 'utf8').toString('base64') : null),
      ['value'],
    ),
    extract: new FeelFunction((string: unknown, pattern: unknown) => {
      if (typeof string !== 'string' || typeof pattern !== 'string') return null;
      const regex = compile(pattern);
      return regex ? Array.from(string.matchAll(regex), (match) => match[0]) : null;
    }, ['string', 'pattern']),
    partition: new FeelFunction((list: unknown, size: unknown) => {
      if (!Array.isArray(list) || typeof size !== 'number' || !Number.isInteger(size) || size <= 0) return null;
      const parts: unknown[][] = [];
      for (let i = 0; i < list.length; i += size) parts.push(list.slice(i, i + size));
      return parts;
    }, ['list', 'size']),
    'duplicate values': new FeelFunction((list: unknown) => {
      if (!Array.isArray(list)) return null;
      const seen = new Map<string, number>();
      const duplicates: unknown[] = [];
      for (const item of list) {
        const key = JSON.stringify(toJsonValue(item));
        const count = (seen.get(key) ?? 0) + 1;
        seen.set(key, count);
        if (count === 2) duplicates.push(item);
      }
      return duplicates;
    }, ['list']),
    'last day of month': new FeelFunction((date: unknown) => {
      const plain = toPlainDate(date);
      return plain ? new FeelDate(plain.with({ day: plain.daysInMonth })) : null;
    }, ['date']),
    // feelin keeps the leftover days (P1Y2M5D); FEEL's result counts whole months only.
    'years and months duration': new FeelFunction((from: unknown, to: unknown) => {
      const start = toPlainDate(from);
      const end = toPlainDate(to);
      if (!start || !end) return null;
      const months = start.until(end, { largestUnit: 'months' }).months;
      const abs = Math.abs(months);
      return duration(`${months < 0 ? '-' : ''}P${Math.floor(abs / 12)}Y${abs % 12}M`);
    }, ['from', 'to']),
    'random number': new FeelFunction(() => Math.random(), []),
    // Zeebe's FEEL clock answers in the broker's zone, which is UTC in Camunda's images.
    now: new FeelFunction(() => parseDateTime(clock().toISOString()), []),
    today: new FeelFunction(() => parseDate(clock().toISOString().slice(0, 10)), []),
  };
}

function toPlainDate(value: unknown): ReturnType<FeelDate['unwrap']> | null {
  if (value instanceof FeelDate) return value.unwrap();
  if (value instanceof FeelDateTime) return value.unwrap().toPlainDate();
  return null;
}

function isContext(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;
}

function isOptionalString(value: unknown): value is string | null | undefined {
  return value === null || value === undefined || typeof value === 'string';
}

function compile(pattern: string): RegExp | null {
  try {
    return new RegExp(pattern, 'gu');
  } catch {
    return null;
  }
}
