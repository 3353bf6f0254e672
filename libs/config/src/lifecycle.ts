/**
 * Runs `stop` once on the first SIGINT or SIGTERM, then exits: 0 when it finished, 1 when
 * it failed. Every app stops the same way, whoever started it (a terminal, the launcher,
 * a container runtime).
 */
export function stopOnSignals(stop: () => Promise<void>): void {
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      stop().then(
        () => process.exit(0),
        (error: unknown) => {
          process.stderr.write(`stopping failed: ${error instanceof Error ? error.stack : String(error)}\n`);
          process.exit(1);
        },
      );
    });
  }
}

/** Where a round's failure is told; Nest's `Logger` is one. */
interface RoundLogger {
  error(message: unknown, context?: string): void;
}

/**
 * Background work done in rounds every `intervalMs`: a round never starts while the last one
 * runs (a slow round is not piled on), a failed round is logged and the next one tries again,
 * and `stop` waits for the round in flight so that shutdown does not cut it off.
 */
export class PeriodicRound {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly round: () => Promise<unknown>,
    private readonly logger: RoundLogger,
    private readonly failureMessage: string,
  ) {}

  start(intervalMs: number): void {
    this.timer = setInterval(() => {
      this.running ??= this.round()
        .then(
          () => undefined,
          (error: unknown) => this.logger.error({ err: error }, this.failureMessage),
        )
        .finally(() => (this.running = undefined));
    }, intervalMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
