/**
 * The engine's notion of time. Tests move it forward instead of sleeping, as with
 * zeebe-process-test's `increaseTime`; every due date (timers, job deadlines, back-offs,
 * message time-to-live) is measured against it.
 */
export class EngineClock {
  private offsetMs = 0;
  private readonly listeners = new Set<() => void>();

  now(): number {
    return Date.now() + this.offsetMs;
  }

  /** Moves time forward and lets the engine fire whatever became due. */
  increaseTime(ms: number): void {
    if (ms < 0) throw new RangeError('The clock can only move forward');
    this.offsetMs += ms;
    for (const listener of this.listeners) listener();
  }

  /** Undoes every `increaseTime`, back to wall-clock time. */
  reset(): void {
    this.offsetMs = 0;
    for (const listener of this.listeners) listener();
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
