import { SetMetadata } from '@nestjs/common';

export interface JobWorkerOptions {
  /** The job type in the BPMN model (`zeebe:taskDefinition type`). */
  type: string;
  /** The variables the worker reads; only these are fetched from the engine. */
  fetchVariables: readonly string[];
  /** How long the engine waits for the outcome before it hands the job out again. */
  timeoutMs?: number;
  maxJobsToActivate?: number;
}

export const JOB_WORKER = Symbol('JOB_WORKER');

/** Marks a provider method as the handler of one job type. */
export const JobWorker = (options: JobWorkerOptions) => SetMetadata(JOB_WORKER, options);

/** What a handler receives: the job as the engine describes it. */
export interface WorkerJob<Variables = Record<string, unknown>> {
  /** int64 key as a decimal string; the natural idempotency key of a job. */
  key: string;
  type: string;
  processInstanceKey: string;
  bpmnProcessId: string;
  elementId: string;
  retries: number;
  variables: Variables;
  customHeaders: Record<string, string>;
}

/** A handler returns the variables to complete the job with, or nothing. */
export type JobHandler = (job: WorkerJob) => Promise<Record<string, unknown> | void>;

/**
 * A business outcome, not a fault: thrown by a handler, it becomes a BPMN error that the
 * model catches (`job.error(code)`), never a retry.
 */
export class BpmnError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly variables: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'BpmnError';
  }
}
