import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditLog } from '@app/audit';
import { APP_CONFIG, PeriodicRound, type AppConfig } from '@app/config';
import { EventBatch } from '@app/notifications';
import { ZEEBE_CLIENT, type ZeebeClient } from '@app/zeebe';
import { finishCompletion, type PendingCompletion } from './task-completion.js';
import { addTaskEvent, closeTask, isNotFound } from './task-records.js';

const BATCH = 200;
const CONCURRENCY = 16;
/** A completion still pending this long after it was sent is finished by the round (the request's own finish failed). */
const PENDING_GRACE_MS = 10_000;

/**
 * Keeps the jobs of open tasks activated: renews each job's timeout (UpdateJobTimeout) before
 * half of it has passed. A renewal answered NOT_FOUND means the job is gone: the task's
 * element was terminated (a boundary event, a withdrawal, a cancelled instance), so the task is
 * cancelled; or a completion sent from the inbox got through before its crash, so it is completed.
 * It also finishes the completions the inbox sent whose local part failed (`pending_completion`).
 */
@Injectable()
export class TaskLeases implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('TaskLeases');
  private readonly rounds = new PeriodicRound(
    async () => {
      await this.finishPending();
      await this.renewDue();
    },
    this.logger,
    'lease renewal round failed',
  );

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ZEEBE_CLIENT) private readonly zeebe: ZeebeClient,
    private readonly audit: AuditLog,
  ) {}

  onApplicationBootstrap(): void {
    this.rounds.start(Math.min(this.config.taskJobTimeoutMs / 4, 60_000));
  }

  onApplicationShutdown(): Promise<void> {
    return this.rounds.stop();
  }

  /** Renews the leases that end within half a timeout; returns how many tasks it looked at. */
  async renewDue(): Promise<number> {
    const timeout = this.config.taskJobTimeoutMs;
    const due: { id: string; jobKey: string }[] = await this.dataSource.query(
      `SELECT id::text, job_key AS "jobKey" FROM task
       WHERE state = 'CREATED' AND lease_until < now() + make_interval(secs => $1::double precision / 1000)
       ORDER BY lease_until LIMIT ${BATCH}`,
      [timeout / 2],
    );
    for (let start = 0; start < due.length; start += CONCURRENCY) {
      await Promise.all(due.slice(start, start + CONCURRENCY).map((task) => this.renew(task.id, task.jobKey)));
    }
    return due.length;
  }

  /**
   * The completions the inbox sent whose local part did not follow (its write failed, or the api
   * stopped): each is sent to the engine again (a job already completed answers NOT_FOUND) and
   * then finished locally; one that fails stays for the next round. Returns how many it finished.
   */
  async finishPending(graceMs = PENDING_GRACE_MS): Promise<number> {
    const pending: { id: string; jobKey: string; completion: PendingCompletion }[] = await this.dataSource.query(
      `SELECT id::text, job_key AS "jobKey", pending_completion AS completion FROM task
       WHERE state = 'CREATED' AND pending_completion IS NOT NULL AND completing_since < now() - make_interval(secs => $1::double precision / 1000)
       ORDER BY completing_since LIMIT ${BATCH}`,
      [graceMs],
    );
    let finished = 0;
    for (const task of pending) {
      try {
        await this.zeebe.completeJob({ jobKey: task.jobKey, variables: task.completion.values as never }).catch((error: unknown) => {
          if (!isNotFound(error)) throw error;
        });
        if (await this.dataSource.transaction((manager) => finishCompletion(manager, this.audit, task.id))) finished++;
      } catch (error) {
        this.logger.warn({ taskId: task.id, jobKey: task.jobKey, err: error }, 'could not finish the pending completion of a task');
      }
    }
    return finished;
  }

  private async renew(taskId: string, jobKey: string): Promise<void> {
    const timeout = this.config.taskJobTimeoutMs;
    try {
      await this.zeebe.updateJobTimeout({ jobKey, timeout });
      // A completion that has not reached the engine after a whole timeout failed with its process: it may be sent again.
      await this.dataSource.query(
        `UPDATE task SET lease_until = now() + make_interval(secs => $2::double precision / 1000),
           pending_completion = CASE WHEN completing_since < now() - make_interval(secs => $2::double precision / 1000) THEN NULL ELSE pending_completion END,
           completing_since = CASE WHEN completing_since < now() - make_interval(secs => $2::double precision / 1000) THEN NULL ELSE completing_since END
         WHERE id = $1 AND state = 'CREATED'`,
        [taskId, timeout],
      );
    } catch (error) {
      if (isNotFound(error)) {
        await this.jobGone(taskId);
        return;
      }
      // E.g. the job timed out and waits to be activated again: the user-task worker picks it up and extends the lease.
      this.logger.warn({ taskId, jobKey, err: error }, 'could not renew the job of a task');
    }
  }

  /** The job no longer exists: a task being completed was completed (with its pending completion when it has one), any other was cancelled. */
  async jobGone(taskId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      if (await finishCompletion(manager, this.audit, taskId)) return;
      const [task] = await manager.query(`SELECT completing_since IS NOT NULL AS completing, assignee FROM task WHERE id = $1 AND state = 'CREATED' FOR UPDATE`, [taskId]);
      if (!task) return;
      const closed = await closeTask(manager, taskId, task.completing ? 'COMPLETED' : 'CANCELED', task.completing ? task.assignee : null);
      if (!closed) return;
      const events = new EventBatch();
      addTaskEvent(events, closed.state === 'COMPLETED' ? 'task.completed' : 'task.canceled', closed);
      await events.flush(manager);
    });
  }
}
