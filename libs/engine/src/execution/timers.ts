import type { FlowElement } from '../bpmn/model.js';
import { addDuration, parseCron, parseDate, parseDuration, parseTimerCycle } from '../bpmn/timer.js';
import type { ElementInstanceRow, TimerRow } from '../state/rows.js';
import type { ExecutionContext } from './context.js';
import { evaluate, IncidentError } from './expressions.js';
import { timerValue } from './records.js';

type TimerKind = 'duration' | 'date' | 'cycle';
type TimerSchedule = Pick<TimerRow, 'dueDate' | 'repetitions' | 'interval' | 'cron'>;

// Timers: when they are due, how a cycle repeats, their records.

export function createTimer(ctx: ExecutionContext, owner: ElementInstanceRow, event: FlowElement): void {
  const definition = event.timer!;
  const value = evaluate(definition.expression, ctx.variables.visible(owner.key), ctx.now(), 'ANY');
  addTimer(ctx, {
    key: ctx.state.newKey(),
    elementInstanceKey: owner.key,
    processInstanceKey: owner.processInstanceKey,
    processDefinitionKey: owner.processDefinitionKey,
    targetElementId: event.id,
    ...schedule(ctx, definition.kind, value),
  });
}

/** When a timer is first due and how it repeats, from its evaluated value. */
export function schedule(ctx: ExecutionContext, kind: TimerKind, value: unknown): TimerSchedule {
  return timerSchedule(kind, value, ctx.now());
}

/** When a timer evaluated at `now` is first due and how it repeats; an invalid value is an EXTRACT_VALUE_ERROR incident. */
export function timerSchedule(kind: TimerKind, value: unknown, now: number): TimerSchedule {
  try {
    if (typeof value !== 'string') throw new Error(`Expected a timer ${kind} as text, but was '${JSON.stringify(value)}'`);
    if (kind === 'duration') return { dueDate: addDuration(now, parseDuration(value)), repetitions: 1 };
    if (kind === 'date') return { dueDate: parseDate(value), repetitions: 1 };
    const cycle = parseTimerCycle(value);
    if ('cron' in cycle) return { dueDate: parseCron(cycle.cron).next(now), repetitions: -1, cron: cycle.cron };
    return { dueDate: cycle.start ?? addDuration(now, cycle.interval), repetitions: cycle.repetitions, interval: cycle.interval };
  } catch (error) {
    throw new IncidentError('EXTRACT_VALUE_ERROR', (error as Error).message);
  }
}

export function addTimer(ctx: ExecutionContext, row: TimerRow): void {
  ctx.state.addTimer(row);
  ctx.state.appendRecord('TIMER', 'CREATED', row.key, timerValue(row), ctx.now());
}

/**
 * The next timer of a repeating cycle after one fired, or undefined when the cycle is done.
 * As in Zeebe, an occurrence already overdue (the engine was down, the clock jumped) is
 * not fired at once again: the cycle goes on one interval from now.
 */
export function nextTimer(ctx: ExecutionContext, timer: TimerRow): TimerRow | undefined {
  const next = nextOccurrence(timer, ctx.now());
  return next && { ...timer, key: ctx.state.newKey(), ...next };
}

/** The due date and remaining repetitions of a cycle's next occurrence after `timer` fired at `now`; undefined when the cycle is done. */
export function nextOccurrence(timer: TimerRow, now: number): Pick<TimerRow, 'dueDate' | 'repetitions'> | undefined {
  if (timer.repetitions === 1 || (!timer.interval && !timer.cron)) return undefined;
  let dueDate: number;
  if (timer.cron) {
    dueDate = parseCron(timer.cron).next(Math.max(timer.dueDate, now));
  } else {
    dueDate = addDuration(timer.dueDate, timer.interval!);
    if (dueDate <= now) dueDate = addDuration(now, timer.interval!);
  }
  return { dueDate, repetitions: timer.repetitions > 0 ? timer.repetitions - 1 : timer.repetitions };
}

export function removeTimer(ctx: ExecutionContext, timer: TimerRow): void {
  ctx.state.removeTimer(timer.key);
  ctx.state.appendRecord('TIMER', 'CANCELED', timer.key, timerValue(timer), ctx.now());
}

