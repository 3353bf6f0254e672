import { FeelDate, FeelDateTime, FeelDuration, FeelTime } from 'feelin';

/** A value that survives `JSON.stringify` unchanged, as Zeebe stores variables (MessagePack). */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * Converts a FEEL result to the JSON value Zeebe would store for it.
 *
 * Zeebe writes temporal values as strings using Java's formatters (see its
 * FeelToMessagePackTransformer): a zoned date-time as ISO_OFFSET_DATE_TIME (the offset,
 * never the zone id), a local date-time as ISO_LOCAL_DATE_TIME, a local time with
 * LocalTime#toString (seconds left out when zero), durations as feel-scala prints them.
 * Values with no MessagePack form (functions, ranges) become null.
 */
export function toJsonValue(value: unknown): JsonValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (value instanceof FeelDate) return value.iso;
  if (value instanceof FeelDateTime) return formatDateTime(value);
  if (value instanceof FeelTime) return formatTime(value);
  if (value instanceof FeelDuration) return formatDuration(value);
  if (isPlainObject(value)) {
    const result: { [key: string]: JsonValue } = {};
    for (const [key, entry] of Object.entries(value)) result[key] = toJsonValue(entry);
    return result;
  }
  return null;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function formatDateTime(value: FeelDateTime): string {
  // Temporal prints seconds always and the fraction without trailing zeros, as Java's ISO formatters do.
  const local = value.unwrap().toString();
  return value.zone === null ? local : local + formatOffset(value['time offset']);
}

function formatTime(value: FeelTime): string {
  const time = value.unwrap();
  let text = `${pad(time.hour)}:${pad(time.minute)}`;
  const nanos = time.millisecond * 1_000_000 + time.microsecond * 1_000 + time.nanosecond;
  if (time.second !== 0 || nanos !== 0) text += `:${pad(time.second)}`;
  // LocalTime#toString prints the fraction in groups of three digits.
  if (nanos !== 0) {
    if (nanos % 1_000_000 === 0) text += `.${String(nanos / 1_000_000).padStart(3, '0')}`;
    else if (nanos % 1_000 === 0) text += `.${String(nanos / 1_000).padStart(6, '0')}`;
    else text += `.${String(nanos).padStart(9, '0')}`;
  }
  if (value.zone === null) return text;
  // A fixed offset prints as an offset; a named zone keeps its id, as FEEL's time literal does.
  return /^(Z|UTC|[+-]\d{2}:\d{2}(:\d{2})?)$/.test(value.zone) ? text + formatOffset(value['time offset']) : `${text}@${value.zone}`;
}

/**
 * feel-scala's format: zero parts left out, a zero duration as P0Y / P0D, one sign in
 * front, and a days-and-time duration in whole seconds.
 */
function formatDuration(value: FeelDuration): string {
  const d = value.unwrap();
  if (value.yearsMonths) {
    const total = d.years * 12 + d.months;
    if (total === 0) return 'P0Y';
    const abs = Math.abs(total);
    return `${total < 0 ? '-' : ''}P${part(Math.floor(abs / 12), 'Y')}${part(abs % 12, 'M')}`;
  }
  const total = Math.trunc(d.days * 86_400 + d.hours * 3_600 + d.minutes * 60 + d.seconds + d.milliseconds / 1_000);
  if (total === 0) return 'P0D';
  const abs = Math.abs(total);
  const time = `${part(Math.floor((abs % 86_400) / 3_600), 'H')}${part(Math.floor((abs % 3_600) / 60), 'M')}${part(abs % 60, 'S')}`;
  return `${total < 0 ? '-' : ''}P${part(Math.floor(abs / 86_400), 'D')}${time ? `T${time}` : ''}`;
}

function part(amount: number, unit: string): string {
  return amount === 0 ? '' : `${amount}${unit}`;
}

function formatOffset(offset: FeelDuration): string {
  const totalSeconds = Math.round(offset.unwrap().total({ unit: 'seconds' }));
  if (totalSeconds === 0) return 'Z';
  const sign = totalSeconds < 0 ? '-' : '+';
  const abs = Math.abs(totalSeconds);
  const hours = Math.floor(abs / 3600);
  const minutes = Math.floor((abs % 3600) / 60);
  const seconds = abs % 60;
  return `${sign}${pad(hours)}:${pad(minutes)}${seconds ? `:${pad(seconds)}` : ''}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
