import { SetMetadata } from '@nestjs/common';
import type { AppConfig } from '@app/config';

export interface JobWorkerOptions {
  /** The job type in the BPMN model (`zeebe:taskDefinition type`). */
  type: string;
  /** The variables the worker reads; only these are fetched from the engine. */
  fetchVariables: readonly string[];
  /** How long the engine waits for the outcome before it hands the job out again; may come from the configuration. */
  timeoutMs?: number | ((config: AppConfig) => number);
  maxJobsToActivate?: number;
  /** How often the worker starts a new poll when none is open (the SDK polls every 300 ms by default). */
  pollIntervalMs?: number;
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
  processDefinitionKey: string;
  bpmnProcessId: string;
  elementId: string;
  retries: number;
  variables: Variables;
  customHeaders: Record<string, string>;
}

/**
 * Returned by a handler whose job must stay activated because someone else completes it later
 * (a user task, completed from the inbox): the transport neither completes nor fails it.
 */
export const KEEP_JOB_OPEN = Symbol('KEEP_JOB_OPEN');

/** A handler returns the variables to complete the job with, nothing, or `KEEP_JOB_OPEN`. */
export type JobHandler = (job: WorkerJob) => Promise<Record<string, unknown> | void | typeof KEEP_JOB_OPEN>;

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
