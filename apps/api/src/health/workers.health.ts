import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@app/config';

interface Liveness {
  jobType: string;
  lastPollAt: Date;
  lastJobAt: Date | null;
  silentMs: number;
}

/**
 * The job workers are healthy while each job type's poller has asked the engine for jobs within
 * WORKER_STALL_MS (the workers write it to `worker_liveness`); a stuck poll loop is down, named.
 */
@Injectable()
export class WorkersHealthIndicator {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly health: HealthIndicatorService,
  ) {}

  async check(key: string) {
    const session = this.health.check(key);
    const rows: Liveness[] = await this.dataSource.query(
      `SELECT job_type AS "jobType", last_poll_at AS "lastPollAt", last_job_at AS "lastJobAt",
              (extract(epoch FROM now() - last_poll_at) * 1000)::bigint::int AS "silentMs"
       FROM worker_liveness ORDER BY job_type`,
    );
    const jobTypes = Object.fromEntries(rows.map((row) => [row.jobType, { lastPollAt: row.lastPollAt, lastJobAt: row.lastJobAt }]));
    const stalled = rows.filter((row) => row.silentMs > this.config.workerStallMs).map((row) => row.jobType);
    if (stalled.length > 0) {
      return session.down({ message: `no poll for over ${this.config.workerStallMs / 1000} s: ${stalled.join(', ')}`, stalled, jobTypes });
    }
    return session.up({ jobTypes });
  }
}
