import { describe, expect, it } from '@jest/globals';
import { parseDuration } from '../bpmn/timer.js';
import { NO_KEY, type TimerRow } from '../state/rows.js';
import { IncidentError } from './expressions.js';
import { nextOccurrence, timerSchedule } from './timers.js';

const NOW = Date.UTC(2026, 10, 22, 10, 0, 0);
const HOUR = 3_600_000;

function timer(row: Partial<TimerRow>): TimerRow {
  return { key: '1', elementInstanceKey: NO_KEY, processInstanceKey: NO_KEY, processDefinitionKey: '2', targetElementId: 't', dueDate: NOW, repetitions: 1, ...row };
}

describe('timerSchedule', () => {
  it('makes a duration due once, that long from now', () => {
    expect(timerSchedule('duration', 'PT1H', NOW)).toEqual({ dueDate: NOW + HOUR, repetitions: 1 });
  });

  it('makes a date due once, at that date', () => {
    expect(timerSchedule('date', '2026-12-24T18:00:00+01:00', NOW)).toEqual({ dueDate: Date.UTC(2026, 11, 24, 17), repetitions: 1 });
  });

  it('starts a cycle one interval from now, or at its start date, with its repetitions', () => {
    expect(timerSchedule('cycle', 'R3/PT10S', NOW)).toEqual({ dueDate: NOW + 10_000, repetitions: 3, interval: parseDuration('PT10S') });
    expect(timerSchedule('cycle', 'R/2026-11-23T08:00:00Z/P1D', NOW)).toMatchObject({ dueDate: Date.UTC(2026, 10, 23, 8), repetitions: -1 });
  });

  it('repeats a cron cycle for ever from its next occurrence', () => {
    expect(timerSchedule('cycle', '0 0 9 * * MON-FRI', NOW)).toEqual({ dueDate: Date.UTC(2026, 10, 23, 9), repetitions: -1, cron: '0 0 9 * * MON-FRI' });
  });

  it('raises an EXTRACT_VALUE_ERROR incident for a value that is no timer', () => {
    const failure = (kind: 'duration' | 'date' | 'cycle', value: unknown) => {
      try {
        timerSchedule(kind, value, NOW);
      } catch (error) {
        return error;
      }
      throw new Error('Expected the timer to be refused');
    };
    expect(failure('duration', 'one hour')).toMatchObject({ errorType: 'EXTRACT_VALUE_ERROR', message: "Invalid duration format 'one hour'" });
    expect(failure('duration', 60)).toBeInstanceOf(IncidentError);
    expect((failure('date', null) as Error).message).toBe("Expected a timer date as text, but was 'null'");
  });
});

describe('nextOccurrence', () => {
  it('ends a timer that fires once, and a cycle on its last repetition', () => {
    expect(nextOccurrence(timer({ repetitions: 1 }), NOW)).toBeUndefined();
    expect(nextOccurrence(timer({ repetitions: 1, interval: parseDuration('PT1H') }), NOW)).toBeUndefined();
  });

  it('goes on one interval after the occurrence that fired, counting repetitions down', () => {
    const interval = parseDuration('PT1H');
    expect(nextOccurrence(timer({ repetitions: 3, interval }), NOW)).toEqual({ dueDate: NOW + HOUR, repetitions: 2 });
    expect(nextOccurrence(timer({ repetitions: -1, interval }), NOW)).toEqual({ dueDate: NOW + HOUR, repetitions: -1 });
  });

  it('does not fire an overdue occurrence at once again: the cycle goes on one interval from now', () => {
    const interval = parseDuration('PT1H');
    const late = NOW + 5 * HOUR + 60_000;
    expect(nextOccurrence(timer({ repetitions: -1, interval }), late)).toEqual({ dueDate: late + HOUR, repetitions: -1 });
  });

  it('takes a cron cycle to its next occurrence after the later of due date and now', () => {
    const cron = '0 0 * * * *';
    expect(nextOccurrence(timer({ repetitions: -1, cron }), NOW)).toEqual({ dueDate: NOW + HOUR, repetitions: -1 });
    expect(nextOccurrence(timer({ repetitions: -1, cron }), NOW + 2.5 * HOUR)).toEqual({ dueDate: NOW + 3 * HOUR, repetitions: -1 });
  });
});
