import type { EngineState } from '../state/state.js';
import type { EngineContext } from './context.js';
import { activate } from './jobs.js';
import type { ActivatedJob, ActivationRequest } from './types.js';

export interface JobStream {
  readonly request: ActivationRequest;
  readonly deliver: (job: ActivatedJob) => boolean;
  readonly close: () => void;
}

/** StreamActivatedJobs: the open job streams by job type, pushed to round robin. */
export class JobStreams {
  private readonly streams = new Map<string, JobStream[]>();

  constructor(private readonly state: EngineState) {}

  /**
   * Opens a job stream: from now on, a job of this type that becomes activatable is
   * activated in the same command (as Zeebe pushes jobs) and handed to `deliver` after the
   * commit. `deliver` answers false when the stream is gone; the job is then given back.
   */
  open(request: ActivationRequest, deliver: (job: ActivatedJob) => boolean): () => void {
    const close = () => {
      const current = this.streams.get(request.type) ?? [];
      const index = current.indexOf(stream);
      if (index >= 0) current.splice(index, 1);
      if (current.length === 0) this.streams.delete(request.type);
    };
    const stream: JobStream = { request, deliver, close };
    const streams = this.streams.get(request.type) ?? [];
    streams.push(stream);
    this.streams.set(request.type, streams);
    return close;
  }

  /** Activates the jobs that became activatable for the open streams of their type, round robin. */
  push(engine: EngineContext, types: readonly string[]): { stream: JobStream; job: ActivatedJob }[] {
    const pushes: { stream: JobStream; job: ActivatedJob }[] = [];
    for (const type of types) {
      const streams = this.streams.get(type);
      if (!streams) continue;
      for (const job of [...this.state.activatableJobs.get(type).values()]) {
        const stream = streams.shift()!;
        streams.push(stream);
        pushes.push({ stream, job: activate(engine, job, stream.request) });
      }
    }
    return pushes;
  }
}
