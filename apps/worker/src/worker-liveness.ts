import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, PeriodicRound, type AppConfig } from '@app/config';
import { JobWorkerTransport } from '@app/zeebe';

/**
 * Writes each job type's last poll (and last job) to `worker_liveness`, a few times per stall
 * threshold, so that the api's `/health` sees a worker whose poll loop stopped. A worker that
 * stops cleanly removes its rows; one that dies leaves them to turn stale.
 */
@Injectable()
export class WorkerLivenessReporter implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('WorkerLiveness');
  private readonly workerId = randomUUID();
  private readonly rounds = new PeriodicRound(() => this.report(), this.logger, 'could not report the job workers’ liveness');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly transport: JobWorkerTransport,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.report();
    this.rounds.start(Math.max(Math.min(this.config.workerStallMs / 4, 10_000), 100));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.rounds.stop();
    await this.dataSource.query(`DELETE FROM worker_liveness WHERE worker_id = $1`, [this.workerId]).catch(() => undefined);
  }

  /** One statement for every job type; of several worker processes serving a type, the latest poll counts. */
  async report(): Promise<void> {
    const entries = [...this.transport.activity()];
    if (entries.length === 0) return;
    await this.dataSource.query(
      `INSERT INTO worker_liveness (job_type, worker_id, last_poll_at, last_job_at)
       SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::timestamptz[])
       ON CONFLICT (job_type) DO UPDATE SET
         worker_id = CASE WHEN EXCLUDED.last_poll_at >= worker_liveness.last_poll_at THEN EXCLUDED.worker_id ELSE worker_liveness.worker_id END,
         last_poll_at = GREATEST(worker_liveness.last_poll_at, EXCLUDED.last_poll_at),
         last_job_at = GREATEST(worker_liveness.last_job_at, EXCLUDED.last_job_at)`,
      [
        entries.map(([type]) => type),
        entries.map(() => this.workerId),
        entries.map(([, activity]) => activity.lastPollAt),
        entries.map(([, activity]) => activity.lastJobAt),
      ],
    );
  }
}
