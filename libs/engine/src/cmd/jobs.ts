import { Rejection } from '../rejection.js';
import type { JobRow } from '../state/rows.js';
import type { EngineContext } from './context.js';
import { pick, type ActivatedJob, type ActivationRequest } from './types.js';

// The job commands of workers: activate, complete, fail, throw an error, update retries and
// timeout, give back.

/** Activates up to `maxJobs` activatable jobs of a type, oldest first. */
export function activateJobs(engine: EngineContext, request: ActivationRequest): Promise<ActivatedJob[]> {
  return engine.run(() => {
    const jobs: JobRow[] = [];
    for (const job of engine.state.activatableJobs.get(request.type).values()) {
      if (jobs.length >= request.maxJobs) break;
      jobs.push(job);
    }
    return jobs.map((job) => activate(engine, job, request));
  });
}

/** Keys of activatable jobs of a type, oldest first. */
export function activatableJobKeys(engine: EngineContext, type: string): string[] {
  return [...engine.state.activatableJobs.get(type).keys()];
}

/** Activates a job for a worker: its deadline starts, it carries the variables its element sees. */
export function activate(engine: EngineContext, job: JobRow, request: ActivationRequest): ActivatedJob {
  job.state = 'ACTIVATED';
  job.worker = request.worker;
  job.deadline = engine.clock.now() + request.timeoutMs;
  engine.state.putJob(job);
  const scope = engine.state.elementInstances.get(job.elementInstanceKey);
  const visible = scope ? engine.execution.variables.visible(scope.key) : {};
  const variables = request.fetchVariables.length === 0 ? visible : pick(visible, request.fetchVariables);
  engine.execution.writeJob(job, 'ACTIVATED', { variables: JSON.stringify(variables) });
  return {
    key: job.key,
    type: job.type,
    processInstanceKey: job.processInstanceKey,
    bpmnProcessId: job.bpmnProcessId,
    processDefinitionVersion: job.processDefinitionVersion,
    processDefinitionKey: job.processDefinitionKey,
    elementId: job.elementId,
    elementInstanceKey: job.elementInstanceKey,
    customHeaders: JSON.stringify(job.customHeaders),
    worker: job.worker,
    retries: job.retries,
    deadline: String(job.deadline),
    variables: JSON.stringify(variables),
    tenantId: job.tenantId,
  };
}

/** Gives back jobs that were activated for a worker that went away before they reached it. */
export function yieldJobs(engine: EngineContext, jobs: readonly ActivatedJob[]): Promise<void> {
  return engine.run(() => {
    for (const activated of jobs) {
      const job = engine.state.jobs.get(activated.key);
      if (!job || job.state !== 'ACTIVATED' || String(job.deadline) !== activated.deadline) continue;
      makeActivatable(engine, job, 'YIELDED');
    }
  });
}

/** A job that timed out, was given back, ended its back-off or had its incident resolved may be activated again. */
export function makeActivatable(engine: EngineContext, job: JobRow, intent: string): void {
  job.state = 'ACTIVATABLE';
  job.deadline = -1;
  job.worker = '';
  engine.state.putJob(job);
  engine.execution.writeJob(job, intent);
  engine.jobsAvailable(job.type);
}

function findJob(engine: EngineContext, intent: string, verb: string, jobKey: string, states: JobRow['state'][]): JobRow {
  const job = engine.state.jobs.get(jobKey);
  if (!job) throw new Rejection(intent, 'NOT_FOUND', `Expected to ${verb} job with key '${jobKey}', but no such job was found`);
  if (!states.includes(job.state)) throw new Rejection(intent, 'INVALID_STATE', `Expected to ${verb} job with key '${jobKey}', but it is in state '${job.state}'`);
  return job;
}

export function completeJob(engine: EngineContext, jobKey: string, variables: Record<string, unknown>): Promise<void> {
  return engine.run(() => {
    const job = findJob(engine, 'COMPLETE', 'complete', jobKey, ['ACTIVATABLE', 'ACTIVATED']);
    engine.state.removeJob(job.key);
    engine.execution.writeJob(job, 'COMPLETED', { variables: JSON.stringify(variables) });
    const instance = engine.state.elementInstances.get(job.elementInstanceKey);
    if (!instance) return;
    instance.jobKey = undefined;
    instance.eventVariables = variables;
    engine.state.elementInstances.put(instance);
    engine.execution.complete(instance);
  });
}

export function failJob(engine: EngineContext, jobKey: string, request: { retries: number; errorMessage: string; retryBackOffMs: number; variables: Record<string, unknown> }): Promise<void> {
  return engine.run(() => {
    const job = findJob(engine, 'FAIL', 'fail', jobKey, ['ACTIVATABLE', 'ACTIVATED']);
    job.retries = request.retries;
    job.errorMessage = request.errorMessage;
    job.worker = '';
    const instance = engine.state.elementInstances.get(job.elementInstanceKey);
    // Zeebe sets the variables of a failed job as local variables of its element.
    if (instance && Object.keys(request.variables).length > 0) engine.execution.variables.setLocal(instance.key, request.variables);
    if (request.retries > 0 && request.retryBackOffMs <= 0) {
      job.state = 'ACTIVATABLE';
      job.deadline = -1;
      engine.jobsAvailable(job.type);
    } else {
      job.state = 'FAILED';
      job.deadline = request.retries > 0 ? engine.clock.now() + request.retryBackOffMs : -1;
    }
    engine.state.putJob(job);
    engine.execution.writeJob(job, 'FAILED', { retryBackoff: request.retryBackOffMs });
    if (request.retries <= 0 && instance) {
      engine.execution.raiseIncident(instance, 'JOB_NO_RETRIES', job.errorMessage || 'No more retries left.', 'JOB', job.key);
    }
  });
}

export function throwError(engine: EngineContext, jobKey: string, request: { errorCode: string; errorMessage: string; variables: Record<string, unknown> }): Promise<void> {
  return engine.run(() => {
    const job = findJob(engine, 'THROW_ERROR', 'throw an error for', jobKey, ['ACTIVATABLE', 'ACTIVATED']);
    const instance = engine.state.elementInstances.get(job.elementInstanceKey);
    job.errorCode = request.errorCode;
    job.errorMessage = request.errorMessage;
    engine.execution.writeJob(job, 'ERROR_THROWN', { variables: JSON.stringify(request.variables) });
    // A caught error ends the job here; the interrupted task must not cancel it again.
    engine.state.removeJob(job.key);
    if (instance) {
      instance.jobKey = undefined;
      engine.state.elementInstances.put(instance);
      if (engine.execution.throwError(instance, request.errorCode, request.variables)) return;
      instance.jobKey = job.key;
      engine.state.elementInstances.put(instance);
    }
    job.state = 'ERROR_THROWN';
    engine.state.putJob(job);
    if (!instance) return;
    const message = request.errorMessage
      ? `Expected to throw an error event with the code '${request.errorCode}' with message '${request.errorMessage}', but it was not caught. No error events are available in the scope.`
      : `Expected to throw an error event with the code '${request.errorCode}', but it was not caught. No error events are available in the scope.`;
    engine.execution.raiseIncident(instance, 'UNHANDLED_ERROR_EVENT', message, 'THROW_ERROR', job.key);
  });
}

export function updateJobRetries(engine: EngineContext, jobKey: string, retries: number): Promise<void> {
  return engine.run(() => {
    const job = engine.state.jobs.get(jobKey);
    if (!job) throw new Rejection('UPDATE_RETRIES', 'NOT_FOUND', `Expected to update job with key '${jobKey}', but no such job was found`);
    if (retries < 1) {
      throw new Rejection('UPDATE_RETRIES', 'INVALID_ARGUMENT', `Expected to update retries for job with key '${jobKey}' with a positive amount of retries, but the amount given was '${retries}'`);
    }
    job.retries = retries;
    engine.state.putJob(job);
    engine.execution.writeJob(job, 'RETRIES_UPDATED');
  });
}

export function updateJobTimeout(engine: EngineContext, jobKey: string, timeoutMs: number): Promise<void> {
  return engine.run(() => {
    const job = engine.state.jobs.get(jobKey);
    if (!job) throw new Rejection('UPDATE_TIMEOUT', 'NOT_FOUND', `Expected to update job with key '${jobKey}', but no such job was found`);
    if (job.state !== 'ACTIVATED') throw new Rejection('UPDATE_TIMEOUT', 'INVALID_STATE', `Expected to update the timeout of job with key '${jobKey}', but it is not active`);
    job.deadline = engine.clock.now() + timeoutMs;
    engine.state.putJob(job);
    engine.execution.writeJob(job, 'TIMEOUT_UPDATED');
  });
}
