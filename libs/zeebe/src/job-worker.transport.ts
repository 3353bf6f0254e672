import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { BpmnError, JOB_WORKER, KEEP_JOB_OPEN, type JobHandler, type JobWorkerOptions, type WorkerJob } from './job-worker.decorator.js';
import type { ZeebeClient } from './zeebe-client.js';

export const ZEEBE_CLIENT = Symbol('ZEEBE_CLIENT');

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
        ...(options.pollIntervalMs === undefined ? {} : { pollInterval: options.pollIntervalMs }),
        taskHandler: async (job) => {
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
      this.workers.push(worker);
      this.logger.log(`polling jobs of type ${options.type}`);
    }
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
