import { describe, expect, it } from '@jest/globals';
import { addDuration, parseCycle, parseDate, parseDuration } from './timer.js';

describe('ISO 8601 timer values', () => {
  it('reads durations with calendar and clock parts', () => {
    expect(parseDuration('PT1M30S')).toEqual({ years: 0, months: 0, days: 0, ms: 90_000 });
    expect(parseDuration('P1W2D')).toEqual({ years: 0, months: 0, days: 9, ms: 0 });
    expect(addDuration(Date.UTC(2026, 0, 31), parseDuration('P1M'))).toBe(Date.UTC(2026, 2, 3));
    expect(() => parseDuration('1 minute')).toThrow("Invalid duration format '1 minute'");
  });

  it('reads dates with an offset and cycles with and without a start', () => {
    expect(parseDate('2026-11-22T10:00:00+01:00')).toBe(Date.UTC(2026, 10, 22, 9));
    expect(parseCycle('R3/PT10S')).toEqual({ repetitions: 3, interval: parseDuration('PT10S') });
    expect(parseCycle('R/PT1H').repetitions).toBe(-1);
    expect(parseCycle('R2/2026-11-22T10:00:00Z/P1D').start).toBe(Date.UTC(2026, 10, 22, 10));
  });
});
