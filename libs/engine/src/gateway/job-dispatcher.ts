import type { ServerWritableStream } from '@grpc/grpc-js';
import type { ActivatedJob, ActivationRequest, Engine } from '../engine.js';

/** The gateway's default long-polling timeout when a request asks for 0. */
export const DEFAULT_LONG_POLL_MS = 10_000;

interface Poller {
  readonly request: ActivationRequest;
  readonly deliver: (jobs: ActivatedJob[]) => boolean;
  readonly finish: () => void;
  busy: boolean;
  done: boolean;
}

/**
 * Hands activatable jobs to workers: the engine pushes them to open job streams (round
 * robin per type) in the command that made them activatable; what is left goes to
 * long-polling ActivateJobs calls waiting for that type. A job is only written after its
 * activation is committed; if the caller went away meanwhile the job is given back at
 * once instead of waiting for its timeout.
 */
export class JobDispatcher {
  private readonly pollers = new Map<string, Poller[]>();
  private readonly streamClosers = new Set<() => void>();
  private readonly unsubscribe: () => void;

  constructor(private readonly engine: Engine) {
    this.unsubscribe = engine.onJobsAvailable((type) => this.available(type));
  }

  close(): void {
    this.unsubscribe();
    for (const pollers of this.pollers.values()) for (const poller of pollers) poller.finish();
    for (const close of this.streamClosers) close();
    this.pollers.clear();
    this.streamClosers.clear();
  }

  /** Long polling: resolves once jobs were delivered or `waitMs` passed (negative: do not wait). */
  async poll(request: ActivationRequest, waitMs: number, deliver: (jobs: ActivatedJob[]) => boolean, onCancel: (cancel: () => void) => void): Promise<void> {
    const jobs = await this.engine.activateJobs(request);
    if (jobs.length > 0 || waitMs < 0) {
      if (jobs.length > 0 && !deliver(jobs)) await this.engine.yieldJobs(jobs);
      return;
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => finish(), waitMs);
      const poller: Poller = { request, deliver, finish: () => finish(), busy: false, done: false };
      const finish = () => {
        if (poller.done) return;
        poller.done = true;
        clearTimeout(timer);
        this.removePoller(poller);
        resolve();
      };
      const waiting = this.pollers.get(request.type) ?? [];
      waiting.push(poller);
      this.pollers.set(request.type, waiting);
      onCancel(finish);
      // Jobs may have become activatable between the first attempt and parking.
      if (this.engine.activatableJobKeys(request.type).length > 0) this.available(request.type);
    });
  }

  private removePoller(poller: Poller): void {
    const waiting = this.pollers.get(poller.request.type);
    if (!waiting) return;
    const index = waiting.indexOf(poller);
    if (index >= 0) waiting.splice(index, 1);
    if (waiting.length === 0) this.pollers.delete(poller.request.type);
  }

  stream(request: ActivationRequest, call: ServerWritableStream<unknown, unknown>): void {
    const closeStream = this.engine.openJobStream(request, (job) => {
      if (call.cancelled || call.closed) return false;
      call.write(job);
      return true;
    });
    // Closing the dispatcher also ends the call, so the server can shut down at once.
    const close = () => {
      closeStream();
      if (!call.cancelled && !call.closed) call.end();
    };
    this.streamClosers.add(close);
    const closed = () => {
      closeStream();
      this.streamClosers.delete(close);
    };
    call.on('cancelled', closed);
    call.on('close', closed);
    call.on('error', closed);
  }

  private available(type: string): void {
    void this.servePollers(type);
  }

  private async servePollers(type: string): Promise<void> {
    for (const poller of [...(this.pollers.get(type) ?? [])]) {
      if (poller.busy || poller.done) continue;
      if (this.engine.activatableJobKeys(type).length === 0) return;
      poller.busy = true;
      try {
        const jobs = await this.engine.activateJobs(poller.request);
        if (jobs.length === 0) continue;
        if (poller.done || !poller.deliver(jobs)) await this.engine.yieldJobs(jobs);
        poller.finish();
      } catch {
        poller.finish();
      } finally {
        poller.busy = false;
      }
    }
  }
}
