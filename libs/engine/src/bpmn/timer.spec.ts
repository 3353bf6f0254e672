import { describe, expect, it } from '@jest/globals';
import { addDuration, checkTimerValue, parseCron, parseCycle, parseDate, parseDuration, parseTimerCycle } from './timer.js';

describe('ISO 8601 timer values', () => {
  it('reads durations with calendar and clock parts', () => {
    expect(parseDuration('PT1M30S')).toEqual({ years: 0, months: 0, days: 0, ms: 90_000 });
    expect(parseDuration('P1W2D')).toEqual({ years: 0, months: 0, days: 9, ms: 0 });
    expect(addDuration(Date.UTC(2026, 0, 31), parseDuration('P1M'))).toBe(Date.UTC(2026, 1, 28));
    expect(addDuration(Date.UTC(2028, 0, 31, 8), parseDuration('P1MT1H'))).toBe(Date.UTC(2028, 1, 29, 9));
    expect(addDuration(Date.UTC(2028, 1, 29), parseDuration('P1Y'))).toBe(Date.UTC(2029, 1, 28));
    expect(addDuration(Date.UTC(2026, 10, 22), parseDuration('P1M10D'))).toBe(Date.UTC(2027, 0, 1));
    expect(() => parseDuration('1 minute')).toThrow("Invalid duration format '1 minute'");
  });

  it('reads dates with an offset and cycles with and without a start', () => {
    expect(parseDate('2026-11-22T10:00:00+01:00')).toBe(Date.UTC(2026, 10, 22, 9));
    expect(parseCycle('R3/PT10S')).toEqual({ repetitions: 3, interval: parseDuration('PT10S') });
    expect(parseCycle('R/PT1H').repetitions).toBe(-1);
    expect(parseCycle('R2/2026-11-22T10:00:00Z/P1D').start).toBe(Date.UTC(2026, 10, 22, 10));
  });
});

describe('cron time cycles', () => {
  it('finds the next matching second in UTC, with names, ranges, steps and macros', () => {
    const from = Date.UTC(2026, 10, 20, 8, 30); // Friday 20 November 2026, 08:30
    expect(parseCron('0 0 9 * * MON-FRI').next(from)).toBe(Date.UTC(2026, 10, 20, 9));
    expect(parseCron('0 0 9 * * MON-FRI').next(Date.UTC(2026, 10, 20, 9))).toBe(Date.UTC(2026, 10, 23, 9));
    expect(parseCron('0 */15 * * * *').next(from)).toBe(Date.UTC(2026, 10, 20, 8, 45));
    expect(parseCron('@yearly').next(from)).toBe(Date.UTC(2027, 0, 1));
    expect(parseCron('0 0 7 4 JAN ?').next(from)).toBe(Date.UTC(2027, 0, 4, 7));
  });

  it('tells cron from ISO cycles and rejects what it cannot run', () => {
    expect(parseTimerCycle('R/PT1H')).toEqual(parseCycle('R/PT1H'));
    expect(parseTimerCycle('0 0 * * * *')).toEqual({ repetitions: -1, cron: '0 0 * * * *' });
    expect(() => parseCron('0 0 * * *')).toThrow(/expected 6 fields/);
    expect(() => parseCron('0 0 0 L * *')).toThrow(/L, W or #/);
    expect(checkTimerValue('cycle', 'every monday')).toMatch(/Invalid cron expression 'every monday'/);
    expect(checkTimerValue('date', '2026-11-22T10:00:00+01:00')).toBeUndefined();
  });
});
