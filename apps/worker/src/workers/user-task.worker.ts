import { Injectable } from '@nestjs/common';
import type { AppConfig } from '@app/config';
import { TaskIngestion, USER_TASK_JOB_TYPE } from '@app/inbox';
import { JobWorker, KEEP_JOB_OPEN, type WorkerJob } from '@app/zeebe';

/**
 * `io.camunda.zeebe:userTask`: every job-based user task becomes a task of the inbox. The job
 * stays activated (its timeout renewed while the task is open) until the inbox completes it.
 */
@Injectable()
export class UserTaskWorker {
  constructor(private readonly ingestion: TaskIngestion) {}

  // All variables are fetched: which ones a task needs depends on its form. A short pause between
  // polls keeps a task that arrives right after another from waiting: it must be in the inbox within 100 ms.
  @JobWorker({ type: USER_TASK_JOB_TYPE, fetchVariables: [], timeoutMs: (config: AppConfig) => config.taskJobTimeoutMs, maxJobsToActivate: 64, pollIntervalMs: 10 })
  async open(job: WorkerJob): Promise<typeof KEEP_JOB_OPEN> {
    await this.ingestion.ingest(job);
    return KEEP_JOB_OPEN;
  }
}
