import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { PeriodicRound } from '@app/config';

describe('PeriodicRound', () => {
  const errors: unknown[][] = [];
  const logger = { error: (...args: unknown[]) => void errors.push(args) };

  beforeEach(() => {
    errors.length = 0;
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('never starts a round while the last one runs', async () => {
    let started = 0;
    let finish: () => void = () => undefined;
    const rounds = new PeriodicRound(
      () => {
        started += 1;
        return new Promise<void>((resolve) => (finish = resolve));
      },
      logger,
      'round failed',
    );
    rounds.start(100);
    await jest.advanceTimersByTimeAsync(350);
    expect(started).toBe(1);
    finish();
    await jest.advanceTimersByTimeAsync(100);
    expect(started).toBe(2);
    finish();
    await rounds.stop();
  });

  it('logs a failed round and tries again at the next tick', async () => {
    let calls = 0;
    const failure = new Error('database down');
    const rounds = new PeriodicRound(
      async () => {
        calls += 1;
        if (calls === 1) throw failure;
      },
      logger,
      'round failed',
    );
    rounds.start(100);
    await jest.advanceTimersByTimeAsync(200);
    await rounds.stop();
    expect(calls).toBe(2);
    expect(errors).toEqual([[{ err: failure }, 'round failed']]);
  });

  it('stops ticking and waits for the round in flight', async () => {
    let calls = 0;
    let finished = false;
    let finish: () => void = () => undefined;
    const rounds = new PeriodicRound(
      () => {
        calls += 1;
        return new Promise<void>((resolve) => (finish = resolve)).then(() => void (finished = true));
      },
      logger,
      'round failed',
    );
    rounds.start(100);
    await jest.advanceTimersByTimeAsync(100);
    const stopped = rounds.stop().then(() => finished);
    finish();
    expect(await stopped).toBe(true);
    await jest.advanceTimersByTimeAsync(1000);
    expect(calls).toBe(1);
  });
});
