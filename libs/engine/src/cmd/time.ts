import type { EngineContext } from './context.js';
import { makeActivatable } from './jobs.js';
import { messageValue } from './messages.js';

/** Fires due timers, times out jobs, ends back-offs and expires messages. */
export function tick(engine: EngineContext): void {
  const { state } = engine;
  const now = engine.clock.now();
  const dueTimers = [...state.timers.values()].filter((timer) => timer.dueDate <= now).sort((a, b) => a.dueDate - b.dueDate);
  const dueJobs = [...state.jobsWithDeadline.values()].filter((job) => job.deadline <= now);
  const expired = [...state.messages.values()].filter((message) => message.deadline <= now);
  if (dueTimers.length === 0 && dueJobs.length === 0 && expired.length === 0) return;
  engine.run(() => {
    for (const timer of dueTimers) if (state.timers.get(timer.key)) engine.execution.triggerTimer(timer);
    for (const job of dueJobs) {
      if (state.jobs.get(job.key) !== job) continue;
      makeActivatable(engine, job, job.state === 'ACTIVATED' ? 'TIMED_OUT' : 'RECURRED_AFTER_BACKOFF');
    }
    for (const message of expired) {
      state.removeMessage(message.key);
      state.appendRecord('MESSAGE', 'EXPIRED', message.key, messageValue(message), now);
    }
  }).catch(() => undefined);
}
