import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { BpmnError, JOB_WORKER, KEEP_JOB_OPEN, type JobHandler, type JobWorkerOptions, type WorkerJob } from './job-worker.decorator.js';
import type { ZeebeClient } from './zeebe-client.js';

export const ZEEBE_CLIENT = Symbol('ZEEBE_CLIENT');

/** When a job type's poller last asked the engine for jobs, and last got one. */
export interface PollerActivity {
  lastPollAt: Date;
  lastJobAt: Date | null;
}

interface RegisteredWorker {
  options: JobWorkerOptions;
  handler: JobHandler;
}

/**
 * The one transport of every job worker: it finds the `@JobWorker` methods, polls their
 * job types, completes with what a handler returns (or leaves the job activated when it
 * returns `KEEP_JOB_OPEN`), turns a `BpmnError` into a BPMN error, fails the job on any
 * other throw (logged, retries counted down), and closes the client on shutdown.
 */
@Injectable()
export class JobWorkerTransport implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('JobWorker');
  private readonly workers: { close(): Promise<unknown> }[] = [];
  private readonly pollers = new Map<string, { close(): Promise<unknown> }>();
  private readonly activities = new Map<string, PollerActivity>();

  constructor(
    @Inject(ZEEBE_CLIENT) private readonly zeebe: ZeebeClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  /** Every decorated handler of the application's providers. */
  registeredWorkers(): RegisteredWorker[] {
    return this.discovery.getProviders().flatMap(({ instance }) => {
      if (!instance || typeof instance !== 'object') return [];
      const prototype = Object.getPrototypeOf(instance);
      return this.scanner.getAllMethodNames(prototype).flatMap((name) => {
        const method = prototype[name] as JobHandler;
        const options = this.reflector.get<JobWorkerOptions | undefined>(JOB_WORKER, method);
        return options ? [{ options, handler: method.bind(instance) }] : [];
      });
    });
  }

  onApplicationBootstrap(): void {
    for (const { options, handler } of this.registeredWorkers()) {
      const worker = this.zeebe.createWorker({
        taskType: options.type,
        fetchVariable: [...options.fetchVariables] as never,
        timeout: typeof options.timeoutMs === 'function' ? options.timeoutMs(this.config) : (options.timeoutMs ?? 30_000),
        maxJobsToActivate: options.maxJobsToActivate ?? 32,
        // An idle poller asks again when its long poll ends: well within WORKER_STALL_MS, so that only a stuck one goes silent.
        longPoll: Math.min(50_000, Math.floor(this.config.workerStallMs / 3)),
        ...(options.pollIntervalMs === undefined ? {} : { pollInterval: options.pollIntervalMs }),
        taskHandler: async (job) => {
          this.activityOf(options.type).lastJobAt = new Date();
          const context = { jobKey: job.key, type: job.type, processInstanceKey: job.processInstanceKey };
          try {
            const variables = await handler(toWorkerJob(job));
            if (variables === KEEP_JOB_OPEN) return job.forward();
            return await job.complete((variables ?? {}) as never);
          } catch (error) {
            if (error instanceof BpmnError) {
              this.logger.log({ ...context, errorCode: error.code }, `business outcome ${error.code}: ${error.message}`);
              return job.error({ errorCode: error.code, errorMessage: error.message, variables: error.variables as never });
            }
            const message = error instanceof Error ? error.message : String(error);
            this.logger.error({ ...context, err: error }, `job failed: ${message}`);
            return job.fail({ errorMessage: message, retries: Math.max(job.retries - 1, 0) });
          }
        },
      });
      this.watchPolls(options.type, worker);
      this.workers.push(worker);
      this.pollers.set(options.type, worker);
      this.logger.log(`polling jobs of type ${options.type}`);
    }
  }

  /** Each job type's poller activity, for the liveness that `/health` reports. */
  activity(): ReadonlyMap<string, PollerActivity> {
    return this.activities;
  }

  /** The poller of a job type (tests stop one to see that it is noticed). */
  pollerOf(type: string): { close(): Promise<unknown> } | undefined {
    return this.pollers.get(type);
  }

  private activityOf(type: string): PollerActivity {
    let activity = this.activities.get(type);
    if (!activity) this.activities.set(type, (activity = { lastPollAt: new Date(), lastJobAt: null }));
    return activity;
  }

  /**
   * Notes every request for jobs the SDK's poller makes. A poll loop that stops asking (its
   * stream never ends, its handlers never return) stops these notes, which is what `/health` sees.
   */
  private watchPolls(type: string, worker: object): void {
    this.activityOf(type);
    const poller = worker as { activateJobs?: (...args: unknown[]) => Promise<unknown> };
    const activateJobs = poller.activateJobs?.bind(worker);
    if (!activateJobs) return;
    poller.activateJobs = (...args: unknown[]) => {
      this.activityOf(type).lastPollAt = new Date();
      return activateJobs(...args);
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.close()));
    await this.zeebe.close();
  }
}

function toWorkerJob(job: {
  key: string;
  type: string;
  processInstanceKey: string;
  bpmnProcessId: string;
  elementId: string;
  retries: number;
  variables: unknown;
  customHeaders: unknown;
}): WorkerJob {
  return {
    key: job.key,
    type: job.type,
    processInstanceKey: job.processInstanceKey,
    // The gateway's ActivatedJob carries it and the SDK passes it on, though its type omits it.
    processDefinitionKey: String((job as { processDefinitionKey?: unknown }).processDefinitionKey ?? ''),
    bpmnProcessId: job.bpmnProcessId,
    elementId: job.elementId,
    retries: job.retries,
    variables: job.variables as Record<string, unknown>,
    customHeaders: job.customHeaders as Record<string, string>,
  };
}
