import type { ProcessModel } from './bpmn/model.js';
import { parseBpmn } from './bpmn/parse.js';
import { assembleEngineContext } from './assembly.js';
import { EngineClock } from './clock.js';
import { cancelProcessInstance } from './cmd/cancel-instance.js';
import type { EngineContext } from './cmd/context.js';
import { createProcessInstance, createProcessInstanceWithResult } from './cmd/create-instance.js';
import { evaluateDecision } from './cmd/decisions.js';
import { deleteResource } from './cmd/delete-resource.js';
import { deploy } from './cmd/deploy.js';
import { resolveIncident } from './cmd/incidents.js';
import { JobStreams } from './cmd/job-streams.js';
import { activatableJobKeys, activateJobs, completeJob, failJob, throwError, updateJobRetries, updateJobTimeout, yieldJobs } from './cmd/jobs.js';
import { publishMessage } from './cmd/messages.js';
import { migrateProcessInstance } from './cmd/migrate.js';
import { modifyProcessInstance } from './cmd/modify.js';
import { broadcastSignal } from './cmd/signals.js';
import { tick } from './cmd/time.js';
import type { ActivatedJob, ActivationRequest } from './cmd/types.js';
import { setVariables } from './cmd/variables.js';
import { parseDecisionRequirements, type DecisionRequirements } from './dmn/index.js';
import { bindOperations, type Bound } from './operations.js';
import { EngineState } from './state/state.js';
import { Store } from './state/store.js';
import { buildProcessInstanceView, type ProcessInstanceView } from './view.js';

export type { ActivatedJob, ActivationRequest, CreatedInstance, CreationRequest, DeployedMetadata } from './cmd/types.js';

/** Each gateway command of the engine and its processor in cmd/. */
const commands = {
  deploy,
  deleteResource,
  createProcessInstance,
  createProcessInstanceWithResult,
  modifyProcessInstance,
  migrateProcessInstance,
  cancelProcessInstance,
  activateJobs,
  activatableJobKeys,
  yieldJobs,
  completeJob,
  failJob,
  throwError,
  updateJobRetries,
  updateJobTimeout,
  setVariables,
  resolveIncident,
  evaluateDecision,
  publishMessage,
  broadcastSignal,
};

export interface EngineOptions {
  databaseUrl: string;
  clock?: EngineClock;
  /** How often due timers, job deadlines and message expiries are checked (real time). */
  tickMs?: number;
  /** Commands waiting for their commit beyond which new ones are refused (back-pressure). */
  maxInFlight?: number;
}

/** Thrown when the engine refuses work because too many commands wait for their commit. */
export class ResourceExhausted extends Error {}

/** Thrown for commands that arrive while the engine stops; clients retry them elsewhere or later. */
export class EngineClosed extends Error {}

/** The commands above, routed to their processors from the constructor (the interface merges into the class). */
export interface Engine extends Bound<typeof commands, EngineContext> {}

/**
 * A Zeebe-compatible workflow engine on one partition. Every command changes the working
 * state in memory and resolves only after its changes are committed to PostgreSQL.
 *
 * The engine is the front: it owns the state, the store and the group commit, and routes
 * each gateway command to its processor in cmd/; the executor runs the process instances.
 */
export class Engine {
  readonly clock: EngineClock;
  private readonly state = new EngineState();
  private readonly models = new Map<string, ProcessModel>();
  private readonly drgs = new Map<string, DecisionRequirements>();
  private readonly context: EngineContext;
  private store!: Store;
  private readonly jobListeners = new Set<(type: string) => void>();
  private readonly resultWaiters = new Map<string, (result: { variables?: Record<string, unknown> }) => void>();
  private readonly pendingJobTypes = new Set<string>();
  /** Ended process instances whose waiting CreateProcessInstanceWithResult calls answer after the commit. */
  private pendingResults: { key: string; result: { variables?: Record<string, unknown> } }[] = [];
  private readonly jobStreams = new JobStreams(this.state);
  private ticker: NodeJS.Timeout | undefined;
  private unsubscribeClock: (() => void) | undefined;
  private inFlight = 0;
  private closed = false;

  private constructor(private readonly options: EngineOptions) {
    this.clock = options.clock ?? new EngineClock();
    this.context = assembleEngineContext({
      state: this.state,
      clock: this.clock,
      models: this.models,
      drgs: this.drgs,
      resultWaiters: this.resultWaiters,
      run: (command) => this.run(command),
      events: {
        jobsAvailable: (type) => this.pendingJobTypes.add(type),
        processInstanceCompleted: (key, variables) => this.pendingResults.push({ key, result: { variables } }),
        processInstanceTerminated: (key) => this.pendingResults.push({ key, result: {} }),
      },
    });
    Object.assign(this, bindOperations<EngineContext, typeof commands>(this.context, commands));
  }

  static async start(options: EngineOptions): Promise<Engine> {
    const engine = new Engine(options);
    engine.store = await Store.open(options.databaseUrl, engine.state);
    for (const definition of engine.state.processDefinitions.values()) {
      if (definition.deleted) continue;
      const { processes } = await parseBpmn(definition.resource);
      engine.models.set(definition.key, processes.find((process) => process.bpmnProcessId === definition.bpmnProcessId)!);
    }
    for (const drg of engine.state.decisionRequirements.values()) if (!drg.deleted) engine.drgs.set(drg.key, await parseDecisionRequirements(drg.resource));
    engine.context.execution.startEvents.rebuild();
    engine.ticker = setInterval(() => engine.tick(), options.tickMs ?? 100);
    // The gRPC server keeps the process alive; the ticker alone must not.
    engine.ticker.unref();
    engine.unsubscribeClock = engine.clock.onChange(() => engine.tick());
    // Jobs activated before a restart become activatable again once their deadline passes.
    engine.tick();
    return engine;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.ticker);
    this.unsubscribeClock?.();
    await this.store.close();
  }

  /** See JobStreams.open: jobs of the type are pushed to `deliver` as they become activatable. */
  openJobStream(request: ActivationRequest, deliver: (job: ActivatedJob) => boolean): () => void {
    return this.jobStreams.open(request, deliver);
  }

  /** Notifies when jobs of a type may have become activatable (after the change is committed). */
  onJobsAvailable(listener: (type: string) => void): () => void {
    this.jobListeners.add(listener);
    return () => this.jobListeners.delete(listener);
  }

  /**
   * What monitoring reads of a process instance, running or ended: its element instances
   * with their state and timestamps, variables by scope and open incidents, built from the
   * committed record log. Undefined for an unknown key.
   */
  async processInstanceView(processInstanceKey: string): Promise<ProcessInstanceView | undefined> {
    const records = await this.store.processInstanceRecords(processInstanceKey);
    return buildProcessInstanceView(processInstanceKey, records, (key) => this.models.get(key));
  }

  private tick(): void {
    if (!this.closed) tick(this.context);
  }

  /** Applies a command to the working state, then waits until its effects are committed. */
  private async run<T>(command: () => T): Promise<T> {
    if (this.closed) throw new EngineClosed('The engine is shutting down');
    if (this.inFlight >= (this.options.maxInFlight ?? 20_000)) throw new ResourceExhausted('The engine is overloaded');
    this.inFlight++;
    try {
      const result = command();
      const types = [...this.pendingJobTypes];
      this.pendingJobTypes.clear();
      const pushes = this.jobStreams.push(this.context, types);
      const results = this.pendingResults;
      this.pendingResults = [];
      await this.store.commit();
      for (const { key, result } of results) this.resultWaiters.get(key)?.(result);
      const refused = pushes.filter(({ stream, job }) => !stream.deliver(job));
      // A stream that refuses is gone: close it so the jobs given back go elsewhere.
      for (const { stream } of refused) stream.close();
      if (refused.length > 0) void this.yieldJobs(refused.map(({ job }) => job)).catch(() => undefined);
      for (const type of types) if (this.state.activatableJobs.get(type).size > 0) for (const listener of this.jobListeners) listener(type);
      return result;
    } finally {
      this.inFlight--;
    }
  }
}
