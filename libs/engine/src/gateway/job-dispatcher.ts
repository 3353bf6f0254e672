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

interface JobStream {
  readonly request: ActivationRequest;
  readonly call: ServerWritableStream<unknown, unknown>;
  open: boolean;
}

/**
 * Hands activatable jobs to workers: pushed to open job streams first (round robin per
 * type), else to long-polling ActivateJobs calls waiting for that type. A job is only
 * written after its activation is committed; if the caller went away meanwhile the job is
 * given back at once instead of waiting for its timeout.
 */
export class JobDispatcher {
  private readonly pollers = new Map<string, Poller[]>();
  private readonly streams = new Map<string, JobStream[]>();
  private readonly pushing = new Set<string>();
  private readonly unsubscribe: () => void;

  constructor(private readonly engine: Engine) {
    this.unsubscribe = engine.onJobsAvailable((type) => this.available(type));
  }

  close(): void {
    this.unsubscribe();
    for (const pollers of this.pollers.values()) for (const poller of pollers) poller.finish();
    for (const streams of this.streams.values()) for (const stream of streams) stream.call.end();
    this.pollers.clear();
    this.streams.clear();
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
    const stream: JobStream = { request, call, open: true };
    const streams = this.streams.get(request.type) ?? [];
    streams.push(stream);
    this.streams.set(request.type, streams);
    const close = () => {
      if (!stream.open) return;
      stream.open = false;
      const current = this.streams.get(request.type) ?? [];
      const index = current.indexOf(stream);
      if (index >= 0) current.splice(index, 1);
      if (current.length === 0) this.streams.delete(request.type);
    };
    call.on('cancelled', close);
    call.on('close', close);
    call.on('error', close);
  }

  private available(type: string): void {
    if (this.streams.has(type)) void this.push(type);
    else void this.servePollers(type);
  }

  private async push(type: string): Promise<void> {
    for (const jobKey of this.engine.activatableJobKeys(type)) {
      if (this.pushing.has(jobKey)) continue;
      const streams = this.streams.get(type);
      if (!streams || streams.length === 0) break;
      // Round robin: the stream served now goes to the back.
      const stream = streams.shift()!;
      streams.push(stream);
      this.pushing.add(jobKey);
      void this.engine
        .activateJob(jobKey, stream.request)
        .then(async (job) => {
          if (!job) return;
          if (stream.open && !stream.call.cancelled) stream.call.write(job);
          else await this.engine.yieldJobs([job]);
        })
        .catch(() => undefined)
        .finally(() => this.pushing.delete(jobKey));
    }
    if (!this.streams.has(type)) await this.servePollers(type);
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
