import type { ProcessModel } from './bpmn/model.js';
import { parseBpmn } from './bpmn/parse.js';
import { EngineClock } from './clock.js';
import { parseDecisionRequirements, type DecisionRequirements } from './dmn/index.js';
import { deploymentFailure, prepareResource, reasonsOf, type PreparedResource, type ResourceInput } from './deployment.js';
import { registerBehaviours } from './execution/behaviours.js';
import { evaluateDeployedDecision, findDecision, type DecisionEvaluation } from './execution/decisions.js';
import { Executor } from './execution/executor.js';
import { checkStartInstructions, modifyProcessInstance, type ModificationRequest } from './execution/modification.js';
import { Rejection } from './rejection.js';
import { DEFAULT_TENANT, NO_KEY, type DecisionRequirementsRow, type DecisionRow, type FormRow, type JobRow, type MessageRow, type ProcessDefinitionRow } from './state/rows.js';
import { EngineState } from './state/state.js';
import { Store } from './state/store.js';
import { buildProcessInstanceView, type ProcessInstanceView } from './view.js';

export interface EngineOptions {
  databaseUrl: string;
  clock?: EngineClock;
  /** How often due timers, job deadlines and message expiries are checked (real time). */
  tickMs?: number;
  /** Commands waiting for their commit beyond which new ones are refused (back-pressure). */
  maxInFlight?: number;
}

export type DeployedMetadata =
  | { process: { bpmnProcessId: string; version: number; processDefinitionKey: string; resourceName: string; tenantId: string } }
  | {
      decision: {
        dmnDecisionId: string;
        dmnDecisionName: string;
        version: number;
        decisionKey: string;
        dmnDecisionRequirementsId: string;
        decisionRequirementsKey: string;
        tenantId: string;
      };
    }
  | {
      decisionRequirements: {
        dmnDecisionRequirementsId: string;
        dmnDecisionRequirementsName: string;
        version: number;
        decisionRequirementsKey: string;
        resourceName: string;
        tenantId: string;
      };
    }
  | { form: { formId: string; version: number; formKey: string; resourceName: string; tenantId: string } };

export interface ActivatedJob {
  key: string;
  type: string;
  processInstanceKey: string;
  bpmnProcessId: string;
  processDefinitionVersion: number;
  processDefinitionKey: string;
  elementId: string;
  elementInstanceKey: string;
  customHeaders: string;
  worker: string;
  retries: number;
  deadline: string;
  variables: string;
  tenantId: string;
}

export interface ActivationRequest {
  type: string;
  worker: string;
  timeoutMs: number;
  maxJobs: number;
  fetchVariables: readonly string[];
}

export interface CreatedInstance {
  processDefinitionKey: string;
  bpmnProcessId: string;
  version: number;
  processInstanceKey: string;
  tenantId: string;
}

/** CreateProcessInstance: the process by id (and version, else the latest) or by key; start instructions replace the none start event. */
export interface CreationRequest {
  bpmnProcessId?: string;
  version?: number;
  processDefinitionKey?: string;
  variables: Record<string, unknown>;
  /** Ids of the elements to start at. */
  startInstructions?: string[];
}

/** Thrown when the engine refuses work because too many commands wait for their commit. */
export class ResourceExhausted extends Error {}

/** Thrown for commands that arrive while the engine stops; clients retry them elsewhere or later. */
export class EngineClosed extends Error {}

/**
 * A Zeebe-compatible workflow engine on one partition. Every command changes the working
 * state in memory and resolves only after its changes are committed to PostgreSQL.
 */
export class Engine {
  readonly clock: EngineClock;
  private readonly state = new EngineState();
  private readonly models = new Map<string, ProcessModel>();
  /** Parsed decision requirements graphs by key, for evaluation. */
  private readonly drgs = new Map<string, DecisionRequirements>();
  private readonly executor: Executor;
  private store!: Store;
  private readonly jobListeners = new Set<(type: string) => void>();
  private readonly resultWaiters = new Map<string, (result: { variables?: Record<string, unknown> }) => void>();
  private readonly pendingJobTypes = new Set<string>();
  /** Ended process instances whose waiting CreateProcessInstanceWithResult calls answer after the commit. */
  private pendingResults: { key: string; result: { variables?: Record<string, unknown> } }[] = [];
  private readonly jobStreams = new Map<string, JobStream[]>();
  private ticker: NodeJS.Timeout | undefined;
  private unsubscribeClock: (() => void) | undefined;
  private inFlight = 0;
  private closed = false;

  private constructor(private readonly options: EngineOptions) {
    this.clock = options.clock ?? new EngineClock();
    const models = { process: (key: string) => this.models.get(key)!, decisionRequirements: (key: string) => this.drgs.get(key) };
    this.executor = new Executor(this.state, models, () => this.clock.now(), {
      jobsAvailable: (type) => this.pendingJobTypes.add(type),
      processInstanceCompleted: (key, variables) => this.pendingResults.push({ key, result: { variables } }),
      processInstanceTerminated: (key) => this.pendingResults.push({ key, result: {} }),
    });
    registerBehaviours(this.executor);
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
    engine.executor.startEvents.rebuild();
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

  /**
   * Opens a job stream: from now on, a job of this type that becomes activatable is
   * activated in the same command (as Zeebe pushes jobs) and handed to `deliver` after the
   * commit. `deliver` answers false when the stream is gone; the job is then given back.
   */
  openJobStream(request: ActivationRequest, deliver: (job: ActivatedJob) => boolean): () => void {
    const close = () => {
      const current = this.jobStreams.get(request.type) ?? [];
      const index = current.indexOf(stream);
      if (index >= 0) current.splice(index, 1);
      if (current.length === 0) this.jobStreams.delete(request.type);
    };
    const stream: JobStream = { request, deliver, close };
    const streams = this.jobStreams.get(request.type) ?? [];
    streams.push(stream);
    this.jobStreams.set(request.type, streams);
    return close;
  }

  /** Notifies when jobs of a type may have become activatable (after the change is committed). */
  onJobsAvailable(listener: (type: string) => void): () => void {
    this.jobListeners.add(listener);
    return () => this.jobListeners.delete(listener);
  }

  // --- deployment

  async deploy(resources: ResourceInput[]): Promise<{ key: string; deployments: DeployedMetadata[]; tenantId: string }> {
    const prepared: PreparedResource[] = [];
    const failures: { name: string; reasons: string[] }[] = [];
    if (resources.length === 0) throw new Rejection('CREATE', 'INVALID_ARGUMENT', 'Expected to deploy at least one resource, but none given');
    for (const resource of resources) {
      try {
        prepared.push(await prepareResource(resource));
      } catch (error) {
        const reasons = reasonsOf(error);
        if (!reasons) throw error;
        failures.push({ name: resource.name, reasons });
      }
    }
    if (failures.length > 0) throw new Rejection('CREATE', 'INVALID_ARGUMENT', deploymentFailure(failures));
    const ids = prepared.flatMap((resource) => (resource.kind === 'bpmn' ? resource.processes.map((process) => process.bpmnProcessId) : []));
    const duplicate = ids.find((id, index) => ids.indexOf(id) !== index);
    if (duplicate) {
      throw new Rejection('CREATE', 'INVALID_ARGUMENT', `Expected to deploy new resources, but encountered the following errors:\nDuplicated process id in resources '${duplicate}'`);
    }
    return this.run(() => {
      const now = this.clock.now();
      const deploymentKey = this.state.newKey();
      // Zeebe's gateway lists processes, then decisions, decision requirements and forms.
      const groups: Record<'process' | 'decision' | 'decisionRequirements' | 'form', DeployedMetadata[]> = { process: [], decision: [], decisionRequirements: [], form: [] };
      const stored: { name: string; checksum: string; kind: string; resourceKey: string }[] = [];
      for (const resource of prepared) {
        if (resource.kind === 'bpmn') {
          for (const process of resource.processes) {
            const definition = this.deployProcess(resource, process, deploymentKey, now);
            stored.push({ name: resource.name, checksum: resource.checksum, kind: 'process', resourceKey: definition.key });
            groups.process.push({
              process: {
                bpmnProcessId: definition.bpmnProcessId,
                version: definition.version,
                processDefinitionKey: definition.key,
                resourceName: definition.resourceName,
                tenantId: DEFAULT_TENANT,
              },
            });
          }
        } else if (resource.kind === 'dmn') {
          const { drg, decisions } = this.deployDecisions(resource, deploymentKey, now);
          stored.push({ name: resource.name, checksum: resource.checksum, kind: 'decisionRequirements', resourceKey: drg.key });
          for (const decision of decisions) {
            groups.decision.push({
              decision: {
                dmnDecisionId: decision.decisionId,
                dmnDecisionName: decision.name,
                version: decision.version,
                decisionKey: decision.key,
                dmnDecisionRequirementsId: decision.decisionRequirementsId,
                decisionRequirementsKey: decision.decisionRequirementsKey,
                tenantId: DEFAULT_TENANT,
              },
            });
          }
          groups.decisionRequirements.push({
            decisionRequirements: {
              dmnDecisionRequirementsId: drg.decisionRequirementsId,
              dmnDecisionRequirementsName: drg.name,
              version: drg.version,
              decisionRequirementsKey: drg.key,
              resourceName: drg.resourceName,
              tenantId: DEFAULT_TENANT,
            },
          });
        } else {
          const form = this.deployForm(resource, deploymentKey, now);
          stored.push({ name: resource.name, checksum: resource.checksum, kind: 'form', resourceKey: form.key });
          groups.form.push({ form: { formId: form.formId, version: form.version, formKey: form.key, resourceName: form.resourceName, tenantId: DEFAULT_TENANT } });
        }
      }
      this.state.deployments.put({ key: deploymentKey, resources: stored, createdAt: now });
      this.state.appendRecord('DEPLOYMENT', 'CREATED', deploymentKey, { resources: stored, tenantId: DEFAULT_TENANT }, now);
      const deployments = [...groups.process, ...groups.decision, ...groups.decisionRequirements, ...groups.form];
      return { key: deploymentKey, deployments, tenantId: DEFAULT_TENANT };
    });
  }

  private deployForm(resource: Extract<PreparedResource, { kind: 'form' }>, deploymentKey: string, now: number): FormRow {
    const versions = this.state.formVersions(resource.formId);
    const latest = versions[versions.length - 1];
    if (latest && latest.checksum === resource.checksum && latest.resourceName === resource.name) return latest;
    const form: FormRow = {
      key: this.state.newKey(),
      formId: resource.formId,
      version: this.state.nextFormVersion(resource.formId),
      resourceName: resource.name,
      checksum: resource.checksum,
      deploymentKey,
      resource: resource.text,
    };
    this.state.addForm(form);
    const { resource: _text, ...value } = form;
    this.state.appendRecord('FORM', 'CREATED', form.key, { ...value, tenantId: DEFAULT_TENANT }, now);
    return form;
  }

  /** A DMN resource: its decision requirements graph and each decision, versioned by id. */
  private deployDecisions(
    resource: Extract<PreparedResource, { kind: 'dmn' }>,
    deploymentKey: string,
    now: number,
  ): { drg: DecisionRequirementsRow; decisions: DecisionRow[] } {
    const versions = this.state.decisionRequirementsVersions(resource.drg.id);
    const latest = versions[versions.length - 1];
    if (latest && latest.checksum === resource.checksum && latest.resourceName === resource.name) {
      const decisions = [...this.state.decisions.values()].filter((decision) => decision.decisionRequirementsKey === latest.key);
      return { drg: latest, decisions };
    }
    const drg: DecisionRequirementsRow = {
      key: this.state.newKey(),
      decisionRequirementsId: resource.drg.id,
      name: resource.drg.name,
      version: this.state.nextDecisionRequirementsVersion(resource.drg.id),
      resourceName: resource.name,
      checksum: resource.checksum,
      deploymentKey,
      resource: resource.text,
    };
    this.state.addDecisionRequirements(drg);
    this.drgs.set(drg.key, resource.drg);
    const { resource: _text, ...drgValue } = drg;
    this.state.appendRecord('DECISION_REQUIREMENTS', 'CREATED', drg.key, { ...drgValue, tenantId: DEFAULT_TENANT }, now);
    const decisions = resource.drg.decisions.map((parsed) => {
      const decision: DecisionRow = {
        key: this.state.newKey(),
        decisionId: parsed.id,
        name: parsed.name,
        version: this.state.nextDecisionVersion(parsed.id),
        decisionRequirementsKey: drg.key,
        decisionRequirementsId: drg.decisionRequirementsId,
        deploymentKey,
      };
      this.state.addDecision(decision);
      this.state.appendRecord('DECISION', 'CREATED', decision.key, { ...decision, tenantId: DEFAULT_TENANT }, now);
      return decision;
    });
    return { drg, decisions };
  }

  private deployProcess(resource: Extract<PreparedResource, { kind: 'bpmn' }>, process: ProcessModel, deploymentKey: string, now: number): ProcessDefinitionRow {
    const versions = this.state.definitionVersions(process.bpmnProcessId);
    const latest = versions[versions.length - 1];
    // Zeebe keeps the latest version when the same resource (name and digest) is deployed again.
    if (latest && latest.checksum === resource.checksum && latest.resourceName === resource.name) return latest;
    const definition: ProcessDefinitionRow = {
      key: this.state.newKey(),
      bpmnProcessId: process.bpmnProcessId,
      version: this.state.nextDefinitionVersion(process.bpmnProcessId),
      resourceName: resource.name,
      checksum: resource.checksum,
      deploymentKey,
      resource: resource.text,
    };
    this.state.addDefinition(definition);
    this.models.set(definition.key, process);
    this.state.appendRecord('PROCESS', 'CREATED', definition.key, {
      bpmnProcessId: definition.bpmnProcessId,
      version: definition.version,
      processDefinitionKey: definition.key,
      resourceName: definition.resourceName,
      checksum: definition.checksum,
      deploymentKey,
      tenantId: DEFAULT_TENANT,
    }, now);
    // The new version's message, timer and signal start events replace the previous version's.
    this.executor.startEvents.replace(latest, definition);
    return definition;
  }

  /**
   * Deletes a process definition, a decision requirements graph (with its decisions) or a
   * form. Deleting the latest version of a process brings back the previous version's start
   * events; a process definition with running instances is refused, as in Zeebe.
   */
  deleteResource(resourceKey: string): Promise<void> {
    return this.run(() => {
      const process = live(this.state.processDefinitions.get(resourceKey));
      const drg = live(this.state.decisionRequirements.get(resourceKey));
      const form = live(this.state.forms.get(resourceKey));
      if (!process && !drg && !form) throw new Rejection('DELETE', 'NOT_FOUND', `Expected to delete resource but no resource found with key \`${resourceKey}\``);
      if (process && [...this.state.elementInstances.values()].some((instance) => instance.elementType === 'PROCESS' && instance.processDefinitionKey === resourceKey)) {
        throw new Rejection('DELETE', 'INVALID_STATE', `Expected to delete resource with key \`${resourceKey}\` but there are still running instances`);
      }
      const now = this.clock.now();
      const deletionKey = this.state.newKey();
      this.state.appendRecord('RESOURCE_DELETION', 'DELETING', deletionKey, { resourceKey, tenantId: DEFAULT_TENANT }, now);
      if (process) {
        const { resource: _text, ...value } = process;
        this.state.appendRecord('PROCESS', 'DELETING', this.state.newKey(), { ...value, processDefinitionKey: process.key, tenantId: DEFAULT_TENANT }, now);
        const versions = this.state.definitionVersions(process.bpmnProcessId);
        if (versions[versions.length - 1] === process) this.executor.startEvents.replace(process, versions[versions.length - 2]);
        this.state.deleteDefinition(process);
        this.models.delete(process.key);
        this.state.appendRecord('PROCESS', 'DELETED', this.state.newKey(), { ...value, processDefinitionKey: process.key, tenantId: DEFAULT_TENANT }, now);
      }
      if (drg) {
        for (const decision of [...this.state.decisions.values()].filter((candidate) => candidate.decisionRequirementsKey === drg.key && !candidate.deleted)) {
          this.state.deleteDecision(decision);
          this.state.appendRecord('DECISION', 'DELETED', this.state.newKey(), { ...decision, tenantId: DEFAULT_TENANT }, now);
        }
        this.state.deleteDecisionRequirements(drg);
        this.drgs.delete(drg.key);
        const { resource: _text, ...value } = drg;
        this.state.appendRecord('DECISION_REQUIREMENTS', 'DELETED', this.state.newKey(), { ...value, tenantId: DEFAULT_TENANT }, now);
      }
      if (form) {
        this.state.deleteForm(form);
        const { resource: _text, ...value } = form;
        this.state.appendRecord('FORM', 'DELETED', this.state.newKey(), { ...value, tenantId: DEFAULT_TENANT }, now);
      }
      this.state.appendRecord('RESOURCE_DELETION', 'DELETED', deletionKey, { resourceKey, tenantId: DEFAULT_TENANT }, now);
    });
  }

  // --- process instances

  createProcessInstance(request: CreationRequest): Promise<CreatedInstance> {
    return this.run(() => this.create(request));
  }

  /** Creates an instance and waits for it to complete; resolves undefined when `timeoutMs` passes first. */
  async createProcessInstanceWithResult(
    request: CreationRequest,
    fetchVariables: readonly string[],
    timeoutMs: number,
  ): Promise<(CreatedInstance & { variables: Record<string, unknown> }) | undefined> {
    let settle!: (result: { variables?: Record<string, unknown> } | undefined) => void;
    const outcome = new Promise<{ variables?: Record<string, unknown> } | undefined>((resolve) => (settle = resolve));
    const created = await this.run(() => this.create(request, (key) => this.resultWaiters.set(key, settle)));
    const timer = setTimeout(() => settle(undefined), timeoutMs);
    const result = await outcome;
    clearTimeout(timer);
    this.resultWaiters.delete(created.processInstanceKey);
    if (!result) return undefined;
    if (!result.variables) {
      throw new Rejection('CREATE_WITH_AWAITING_RESULT', 'NOT_FOUND', `Expected to receive the result of process instance '${created.processInstanceKey}', but it was terminated`);
    }
    const variables = fetchVariables.length === 0 ? result.variables : pick(result.variables, fetchVariables);
    return { ...created, variables };
  }

  private create(
    request: CreationRequest,
    beforeStart?: (processInstanceKey: string) => void,
  ): CreatedInstance {
    const definition = this.findDefinition(request);
    const startInstructions = request.startInstructions ?? [];
    if (startInstructions.length > 0) checkStartInstructions(this.models.get(definition.key)!, startInstructions);
    const instance = this.executor.createProcessInstance(definition, request.variables, { onCreated: beforeStart, startInstructions });
    return {
      processDefinitionKey: definition.key,
      bpmnProcessId: definition.bpmnProcessId,
      version: definition.version,
      processInstanceKey: instance.key,
      tenantId: DEFAULT_TENANT,
    };
  }

  private findDefinition(request: { bpmnProcessId?: string; version?: number; processDefinitionKey?: string }): ProcessDefinitionRow {
    if (request.processDefinitionKey && request.processDefinitionKey !== '0') {
      const definition = this.state.processDefinitions.get(request.processDefinitionKey);
      if (!definition || definition.deleted) throw new Rejection('CREATE', 'NOT_FOUND', `Expected to find process definition with key '${request.processDefinitionKey}', but none found`);
      return definition;
    }
    if (!request.bpmnProcessId) throw new Rejection('CREATE', 'INVALID_ARGUMENT', 'Expected at least a bpmnProcessId or a key greater than -1, but none given');
    const versions = this.state.definitionVersions(request.bpmnProcessId);
    const version = request.version ?? -1;
    if (version <= 0) {
      if (versions.length === 0) throw new Rejection('CREATE', 'NOT_FOUND', `Expected to find process definition with process ID '${request.bpmnProcessId}', but none found`);
      return versions[versions.length - 1];
    }
    const definition = versions.find((candidate) => candidate.version === version);
    if (!definition) {
      throw new Rejection('CREATE', 'NOT_FOUND', `Expected to find process definition with process ID '${request.bpmnProcessId}' and version '${version}', but none found`);
    }
    return definition;
  }

  /** Activates and terminates elements of a running process instance (Zeebe's ModifyProcessInstance). */
  modifyProcessInstance(request: ModificationRequest): Promise<void> {
    return this.run(() => modifyProcessInstance(this.executor, request));
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

  cancelProcessInstance(processInstanceKey: string): Promise<void> {
    return this.run(() => {
      const instance = this.state.elementInstances.get(processInstanceKey);
      if (!instance || instance.elementType !== 'PROCESS') {
        throw new Rejection('CANCEL', 'NOT_FOUND', `Expected to cancel a process instance with key '${processInstanceKey}', but no such process was found`);
      }
      if (instance.parentProcessInstanceKey !== NO_KEY) {
        throw new Rejection(
          'CANCEL',
          'INVALID_STATE',
          `Expected to cancel a process instance with key '${processInstanceKey}', but it is created by a parent process instance. Cancel the root process instance '${this.rootOf(instance.parentProcessInstanceKey)}' instead.`,
        );
      }
      this.executor.terminate(instance);
    });
  }

  private rootOf(processInstanceKey: string): string {
    let instance = this.state.elementInstances.get(processInstanceKey);
    while (instance && instance.parentProcessInstanceKey !== NO_KEY) instance = this.state.elementInstances.get(instance.parentProcessInstanceKey);
    return instance?.key ?? processInstanceKey;
  }

  // --- jobs

  /** Activates up to `maxJobs` activatable jobs of a type, oldest first. */
  activateJobs(request: ActivationRequest): Promise<ActivatedJob[]> {
    return this.run(() => {
      const jobs: JobRow[] = [];
      for (const job of this.state.activatableJobs.get(request.type).values()) {
        if (jobs.length >= request.maxJobs) break;
        jobs.push(job);
      }
      return jobs.map((job) => this.activate(job, request));
    });
  }

  /** Keys of activatable jobs of a type, oldest first. */
  activatableJobKeys(type: string): string[] {
    return [...this.state.activatableJobs.get(type).keys()];
  }

  private activate(job: JobRow, request: ActivationRequest): ActivatedJob {
    job.state = 'ACTIVATED';
    job.worker = request.worker;
    job.deadline = this.clock.now() + request.timeoutMs;
    this.state.putJob(job);
    const scope = this.state.elementInstances.get(job.elementInstanceKey);
    const visible = scope ? this.executor.variables.visible(scope.key) : {};
    const variables = request.fetchVariables.length === 0 ? visible : pick(visible, request.fetchVariables);
    this.executor.writeJob(job, 'ACTIVATED', { variables: JSON.stringify(variables) });
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
  yieldJobs(jobs: readonly ActivatedJob[]): Promise<void> {
    return this.run(() => {
      for (const activated of jobs) {
        const job = this.state.jobs.get(activated.key);
        if (!job || job.state !== 'ACTIVATED' || String(job.deadline) !== activated.deadline) continue;
        this.makeActivatable(job, 'YIELDED');
      }
    });
  }

  /** Activates the jobs that became activatable for the open streams of their type, round robin. */
  private pushToStreams(types: readonly string[]): { stream: JobStream; job: ActivatedJob }[] {
    const pushes: { stream: JobStream; job: ActivatedJob }[] = [];
    for (const type of types) {
      const streams = this.jobStreams.get(type);
      if (!streams) continue;
      for (const job of [...this.state.activatableJobs.get(type).values()]) {
        const stream = streams.shift()!;
        streams.push(stream);
        pushes.push({ stream, job: this.activate(job, stream.request) });
      }
    }
    return pushes;
  }

  private makeActivatable(job: JobRow, intent: string): void {
    job.state = 'ACTIVATABLE';
    job.deadline = -1;
    job.worker = '';
    this.state.putJob(job);
    this.executor.writeJob(job, intent);
    this.pendingJobTypes.add(job.type);
  }

  private job(intent: string, verb: string, jobKey: string, states: JobRow['state'][]): JobRow {
    const job = this.state.jobs.get(jobKey);
    if (!job) throw new Rejection(intent, 'NOT_FOUND', `Expected to ${verb} job with key '${jobKey}', but no such job was found`);
    if (!states.includes(job.state)) throw new Rejection(intent, 'INVALID_STATE', `Expected to ${verb} job with key '${jobKey}', but it is in state '${job.state}'`);
    return job;
  }

  completeJob(jobKey: string, variables: Record<string, unknown>): Promise<void> {
    return this.run(() => {
      const job = this.job('COMPLETE', 'complete', jobKey, ['ACTIVATABLE', 'ACTIVATED']);
      this.state.removeJob(job.key);
      this.executor.writeJob(job, 'COMPLETED', { variables: JSON.stringify(variables) });
      const instance = this.state.elementInstances.get(job.elementInstanceKey);
      if (!instance) return;
      instance.jobKey = undefined;
      instance.eventVariables = variables;
      this.state.elementInstances.put(instance);
      this.executor.complete(instance);
    });
  }

  failJob(jobKey: string, request: { retries: number; errorMessage: string; retryBackOffMs: number; variables: Record<string, unknown> }): Promise<void> {
    return this.run(() => {
      const job = this.job('FAIL', 'fail', jobKey, ['ACTIVATABLE', 'ACTIVATED']);
      job.retries = request.retries;
      job.errorMessage = request.errorMessage;
      job.worker = '';
      const instance = this.state.elementInstances.get(job.elementInstanceKey);
      // Zeebe sets the variables of a failed job as local variables of its element.
      if (instance && Object.keys(request.variables).length > 0) this.executor.variables.setLocal(instance.key, request.variables);
      if (request.retries > 0 && request.retryBackOffMs <= 0) {
        job.state = 'ACTIVATABLE';
        job.deadline = -1;
        this.pendingJobTypes.add(job.type);
      } else {
        job.state = 'FAILED';
        job.deadline = request.retries > 0 ? this.clock.now() + request.retryBackOffMs : -1;
      }
      this.state.putJob(job);
      this.executor.writeJob(job, 'FAILED', { retryBackoff: request.retryBackOffMs });
      if (request.retries <= 0 && instance) {
        this.executor.raiseIncident(instance, 'JOB_NO_RETRIES', job.errorMessage || 'No more retries left.', 'JOB', job.key);
      }
    });
  }

  throwError(jobKey: string, request: { errorCode: string; errorMessage: string; variables: Record<string, unknown> }): Promise<void> {
    return this.run(() => {
      const job = this.job('THROW_ERROR', 'throw an error for', jobKey, ['ACTIVATABLE', 'ACTIVATED']);
      const instance = this.state.elementInstances.get(job.elementInstanceKey);
      job.errorCode = request.errorCode;
      job.errorMessage = request.errorMessage;
      this.executor.writeJob(job, 'ERROR_THROWN', { variables: JSON.stringify(request.variables) });
      // A caught error ends the job here; the interrupted task must not cancel it again.
      this.state.removeJob(job.key);
      if (instance) {
        instance.jobKey = undefined;
        this.state.elementInstances.put(instance);
        if (this.executor.throwError(instance, request.errorCode, request.variables)) return;
        instance.jobKey = job.key;
        this.state.elementInstances.put(instance);
      }
      job.state = 'ERROR_THROWN';
      this.state.putJob(job);
      if (!instance) return;
      const message = request.errorMessage
        ? `Expected to throw an error event with the code '${request.errorCode}' with message '${request.errorMessage}', but it was not caught. No error events are available in the scope.`
        : `Expected to throw an error event with the code '${request.errorCode}', but it was not caught. No error events are available in the scope.`;
      this.executor.raiseIncident(instance, 'UNHANDLED_ERROR_EVENT', message, 'THROW_ERROR', job.key);
    });
  }

  updateJobRetries(jobKey: string, retries: number): Promise<void> {
    return this.run(() => {
      const job = this.state.jobs.get(jobKey);
      if (!job) throw new Rejection('UPDATE_RETRIES', 'NOT_FOUND', `Expected to update job with key '${jobKey}', but no such job was found`);
      if (retries < 1) {
        throw new Rejection('UPDATE_RETRIES', 'INVALID_ARGUMENT', `Expected to update retries for job with key '${jobKey}' with a positive amount of retries, but the amount given was '${retries}'`);
      }
      job.retries = retries;
      this.state.putJob(job);
      this.executor.writeJob(job, 'RETRIES_UPDATED');
    });
  }

  updateJobTimeout(jobKey: string, timeoutMs: number): Promise<void> {
    return this.run(() => {
      const job = this.state.jobs.get(jobKey);
      if (!job) throw new Rejection('UPDATE_TIMEOUT', 'NOT_FOUND', `Expected to update job with key '${jobKey}', but no such job was found`);
      if (job.state !== 'ACTIVATED') throw new Rejection('UPDATE_TIMEOUT', 'INVALID_STATE', `Expected to update the timeout of job with key '${jobKey}', but it is not active`);
      job.deadline = this.clock.now() + timeoutMs;
      this.state.putJob(job);
      this.executor.writeJob(job, 'TIMEOUT_UPDATED');
    });
  }

  // --- variables and incidents

  setVariables(elementInstanceKey: string, variables: Record<string, unknown>, local: boolean): Promise<string> {
    return this.run(() => {
      const instance = this.state.elementInstances.get(elementInstanceKey);
      if (!instance) {
        throw new Rejection('UPDATE', 'NOT_FOUND', `Expected to update variables for element with key '${elementInstanceKey}', but no such element was found`);
      }
      const key = this.state.newKey();
      if (local) this.executor.variables.setLocal(instance.key, variables);
      else this.executor.variables.propagate(instance.key, variables);
      this.state.appendRecord('VARIABLE_DOCUMENT', 'UPDATED', key, {
        scopeKey: elementInstanceKey,
        updateSemantics: local ? 'LOCAL' : 'PROPAGATE',
        variables: JSON.stringify(variables),
        tenantId: DEFAULT_TENANT,
      }, this.clock.now());
      return key;
    });
  }

  resolveIncident(incidentKey: string): Promise<void> {
    return this.run(() => {
      const incident = this.state.incidents.get(incidentKey);
      if (!incident) throw new Rejection('RESOLVE', 'NOT_FOUND', `Expected to resolve incident with key '${incidentKey}', but no such incident was found`);
      const job = this.state.jobs.get(incident.jobKey);
      if (job && incident.phase === 'JOB' && job.retries <= 0) {
        throw new Rejection(
          'RESOLVE',
          'INVALID_STATE',
          `Expected to resolve incident with key '${incidentKey}', but job with key '${job.key}' has no retries left. Please update the job retries and retry resolving the incident`,
        );
      }
      this.executor.resolveIncidentRecord(incidentKey);
      const instance = this.state.elementInstances.get(incident.elementInstanceKey);
      if (job) {
        this.makeActivatable(job, incident.phase === 'JOB' ? 'RECURRED_AFTER_BACKOFF' : 'ERROR_THROWN_RESOLVED');
        return;
      }
      if (instance) this.executor.retry(instance, incident.phase);
    });
  }

  // --- decisions

  /** Evaluates the latest version of a decision (by id) or a given one (by key). A failed evaluation is an answer, not a rejection. */
  evaluateDecision(request: { decisionId: string; decisionKey: string; variables: Record<string, unknown> }): Promise<DecisionEvaluation> {
    return this.run(() =>
      evaluateDeployedDecision(this.state, (key) => this.drgs.get(key), this.findDecision(request), request.variables, this.clock.now()),
    );
  }

  private findDecision(request: { decisionId: string; decisionKey: string }): DecisionRow {
    if (request.decisionId) {
      const latest = findDecision(this.state, request.decisionId);
      if (!latest) {
        throw new Rejection('EVALUATE', 'NOT_FOUND', `Expected to evaluate decision '${request.decisionId}', but no decision found for id '${request.decisionId}'`);
      }
      return latest;
    }
    if (BigInt(request.decisionKey || '-1') > -1n) {
      const decision = this.state.decisions.get(request.decisionKey);
      if (!decision || decision.deleted) {
        throw new Rejection('EVALUATE', 'NOT_FOUND', `Expected to evaluate decision '${request.decisionKey}', but no decision found for key '${request.decisionKey}'`);
      }
      return decision;
    }
    throw new Rejection('EVALUATE', 'INVALID_ARGUMENT', 'Expected either a decision id or a valid decision key, but none provided');
  }

  // --- messages and signals

  publishMessage(request: { name: string; correlationKey: string; timeToLiveMs: number; messageId: string; variables: Record<string, unknown> }): Promise<string> {
    return this.run(() => {
      if (request.messageId && this.state.hasMessageId(request.name, request.messageId)) {
        throw new Rejection(
          'PUBLISH',
          'ALREADY_EXISTS',
          `Expected to publish a new message with id '${request.messageId}', but a message with that id was already published`,
        );
      }
      const now = this.clock.now();
      const key = this.state.newKey();
      const message: MessageRow = {
        key,
        name: request.name,
        correlationKey: request.correlationKey,
        messageId: request.messageId,
        variables: request.variables,
        timeToLive: request.timeToLiveMs,
        deadline: now + request.timeToLiveMs,
        correlatedTo: [],
      };
      this.state.appendRecord('MESSAGE', 'PUBLISHED', key, messageValue(message), now);
      for (const subscription of this.state.subscriptionsFor(request.name, request.correlationKey)) {
        if (message.correlatedTo.includes(subscription.processInstanceKey)) continue;
        if (this.executor.correlate(subscription, message)) message.correlatedTo.push(subscription.processInstanceKey);
      }
      this.executor.startEvents.correlateMessage(message);
      if (request.timeToLiveMs > 0) this.state.addMessage(message);
      else this.state.appendRecord('MESSAGE', 'EXPIRED', key, messageValue(message), now);
      return key;
    });
  }

  broadcastSignal(signalName: string, variables: Record<string, unknown>): Promise<string> {
    return this.run(() => this.executor.broadcastSignal(signalName, variables));
  }

  // --- time

  /** Fires due timers, times out jobs, ends back-offs and expires messages. */
  private tick(): void {
    if (this.closed) return;
    const now = this.clock.now();
    const dueTimers = [...this.state.timers.values()].filter((timer) => timer.dueDate <= now).sort((a, b) => a.dueDate - b.dueDate);
    const dueJobs = [...this.state.jobsWithDeadline.values()].filter((job) => job.deadline <= now);
    const expired = [...this.state.messages.values()].filter((message) => message.deadline <= now);
    if (dueTimers.length === 0 && dueJobs.length === 0 && expired.length === 0) return;
    this.run(() => {
      for (const timer of dueTimers) if (this.state.timers.get(timer.key)) this.executor.triggerTimer(timer);
      for (const job of dueJobs) {
        if (this.state.jobs.get(job.key) !== job) continue;
        this.makeActivatable(job, job.state === 'ACTIVATED' ? 'TIMED_OUT' : 'RECURRED_AFTER_BACKOFF');
      }
      for (const message of expired) {
        this.state.removeMessage(message.key);
        this.state.appendRecord('MESSAGE', 'EXPIRED', message.key, messageValue(message), now);
      }
    }).catch(() => undefined);
  }

  // --- command execution

  /** Applies a command to the working state, then waits until its effects are committed. */
  private async run<T>(command: () => T): Promise<T> {
    if (this.closed) throw new EngineClosed('The engine is shutting down');
    if (this.inFlight >= (this.options.maxInFlight ?? 20_000)) throw new ResourceExhausted('The engine is overloaded');
    this.inFlight++;
    try {
      const result = command();
      const types = [...this.pendingJobTypes];
      this.pendingJobTypes.clear();
      const pushes = this.pushToStreams(types);
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

interface JobStream {
  readonly request: ActivationRequest;
  readonly deliver: (job: ActivatedJob) => boolean;
  readonly close: () => void;
}

/** A deployed resource that DeleteResource has not deleted. */
function live<Row extends { deleted?: boolean }>(row: Row | undefined): Row | undefined {
  return row && !row.deleted ? row : undefined;
}

function pick(variables: Record<string, unknown>, names: readonly string[]): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const name of names) if (name in variables) picked[name] = variables[name];
  return picked;
}

function messageValue(message: { name: string; correlationKey: string; messageId: string; timeToLive: number; deadline: number; variables: Record<string, unknown> }): Record<string, unknown> {
  return {
    name: message.name,
    correlationKey: message.correlationKey,
    messageId: message.messageId,
    timeToLive: message.timeToLive,
    deadline: message.deadline,
    variables: JSON.stringify(message.variables),
    tenantId: DEFAULT_TENANT,
  };
}

