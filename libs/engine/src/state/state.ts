import type {
  DecisionRequirementsRow,
  DecisionRow,
  DeploymentRow,
  ElementInstanceRow,
  FormRow,
  IncidentRow,
  JobRow,
  MessageRow,
  MessageSubscriptionRow,
  ProcessDefinitionRow,
  SignalSubscriptionRow,
  TimerRow,
  VariableRow,
} from './rows.js';
import { ChangeSet, MultiIndex, Table, VersionIndex } from './table.js';

/** One entry of the append-only record log: what changed, as Zeebe's exporters see it. */
export interface EngineRecord {
  position: string;
  key: string;
  recordType: 'EVENT' | 'COMMAND_REJECTION';
  valueType: string;
  intent: string;
  timestamp: number;
  value: Record<string, unknown>;
}

/** Keys as Zeebe makes them: the partition id in the top bits, then a counter. */
const PARTITION_KEY_BASE = 1n << 51n;

/**
 * The engine's whole working state in memory, with the secondary indexes the executor
 * needs. Every change goes through the tables so the group committer can persist it.
 */
export class EngineState {
  readonly changes = new ChangeSet();
  readonly deployments = new Table<DeploymentRow>('deployments', this.changes);
  readonly processDefinitions = new Table<ProcessDefinitionRow>('process_definitions', this.changes);
  readonly forms = new Table<FormRow>('forms', this.changes);
  readonly decisionRequirements = new Table<DecisionRequirementsRow>('decision_requirements', this.changes);
  readonly decisions = new Table<DecisionRow>('decisions', this.changes);
  readonly elementInstances = new Table<ElementInstanceRow>('element_instances', this.changes);
  readonly variables = new Table<VariableRow>('variables', this.changes);
  readonly jobs = new Table<JobRow>('jobs', this.changes);
  readonly messageSubscriptions = new Table<MessageSubscriptionRow>('message_subscriptions', this.changes);
  readonly messages = new Table<MessageRow>('messages', this.changes);
  readonly timers = new Table<TimerRow>('timers', this.changes);
  readonly incidents = new Table<IncidentRow>('incidents', this.changes);
  readonly signalSubscriptions = new Table<SignalSubscriptionRow>('signal_subscriptions', this.changes);

  pendingRecords: EngineRecord[] = [];
  nextKey = 1n;
  nextPosition = 1n;

  private readonly definitionsById = new VersionIndex<ProcessDefinitionRow>((row) => row.bpmnProcessId);
  private readonly formsById = new VersionIndex<FormRow>((row) => row.formId);
  private readonly decisionRequirementsById = new VersionIndex<DecisionRequirementsRow>((row) => row.decisionRequirementsId);
  private readonly decisionsById = new VersionIndex<DecisionRow>((row) => row.decisionId);
  private readonly children = new MultiIndex<ElementInstanceRow>();
  private readonly variablesByScope = new Map<string, Map<string, VariableRow>>();
  readonly activatableJobs = new MultiIndex<JobRow>();
  /** Jobs that change state when their deadline passes. */
  readonly jobsWithDeadline = new Map<string, JobRow>();
  private readonly subscriptionsByMessage = new MultiIndex<MessageSubscriptionRow>();
  private readonly subscriptionsByElement = new MultiIndex<MessageSubscriptionRow>();
  private readonly messagesByCorrelation = new MultiIndex<MessageRow>();
  private readonly messageIds = new Map<string, string>();
  private readonly timersByElement = new MultiIndex<TimerRow>();
  private readonly incidentsByElement = new MultiIndex<IncidentRow>();
  private readonly signalSubscriptionsByName = new MultiIndex<SignalSubscriptionRow>();
  private readonly signalSubscriptionsByElement = new MultiIndex<SignalSubscriptionRow>();
  /** Active process instances started by a message with a correlation key, per process id and key. */
  private readonly messageStartedInstances = new Map<string, string>();

  tables(): Table<{ key: string }>[] {
    return [
      this.deployments,
      this.processDefinitions,
      this.forms,
      this.decisionRequirements,
      this.decisions,
      this.elementInstances,
      this.variables,
      this.jobs,
      this.messageSubscriptions,
      this.messages,
      this.timers,
      this.incidents,
      this.signalSubscriptions,
    ] as unknown as Table<{ key: string }>[];
  }

  newKey(): string {
    return (PARTITION_KEY_BASE + this.nextKey++).toString();
  }

  appendRecord(valueType: string, intent: string, key: string, value: Record<string, unknown>, timestamp: number): void {
    this.pendingRecords.push({ position: (this.nextPosition++).toString(), key, recordType: 'EVENT', valueType, intent, timestamp, value });
  }

  /** Rebuilds the indexes from the tables after loading them from the database. */
  reindex(): void {
    for (const row of this.processDefinitions.values()) this.definitionsById.add(row);
    for (const row of this.forms.values()) this.formsById.add(row);
    for (const row of this.decisionRequirements.values()) this.decisionRequirementsById.add(row);
    for (const row of this.decisions.values()) this.decisionsById.add(row);
    for (const row of this.elementInstances.values()) this.indexElementInstance(row);
    for (const row of this.variables.values()) this.indexVariable(row);
    for (const row of this.jobs.values()) this.indexJob(row);
    for (const row of this.messageSubscriptions.values()) this.indexSubscription(row);
    for (const row of this.messages.values()) this.indexMessage(row);
    for (const row of this.timers.values()) this.timersByElement.add(row.elementInstanceKey, row.key, row);
    for (const row of this.incidents.values()) this.incidentsByElement.add(row.elementInstanceKey, row.key, row);
    for (const row of this.signalSubscriptions.values()) this.indexSignalSubscription(row);
  }

  // --- deployed resources: processes, forms, decision requirements and decisions

  addDefinition(row: ProcessDefinitionRow): void {
    this.processDefinitions.put(row);
    this.definitionsById.add(row);
  }

  /** All versions of a process that are not deleted, oldest first. */
  definitionVersions(bpmnProcessId: string): readonly ProcessDefinitionRow[] {
    return this.definitionsById.versions(bpmnProcessId);
  }

  /** The version a new deployment of the process gets: Zeebe never reuses a version, not even a deleted one. */
  nextDefinitionVersion(bpmnProcessId: string): number {
    return this.definitionsById.nextVersion(bpmnProcessId);
  }

  deleteDefinition(row: ProcessDefinitionRow): void {
    this.definitionsById.remove(row);
    this.processDefinitions.put(deleted(row));
  }

  addForm(row: FormRow): void {
    this.forms.put(row);
    this.formsById.add(row);
  }

  formVersions(formId: string): readonly FormRow[] {
    return this.formsById.versions(formId);
  }

  nextFormVersion(formId: string): number {
    return this.formsById.nextVersion(formId);
  }

  deleteForm(row: FormRow): void {
    this.formsById.remove(row);
    this.forms.put(deleted(row));
  }

  addDecisionRequirements(row: DecisionRequirementsRow): void {
    this.decisionRequirements.put(row);
    this.decisionRequirementsById.add(row);
  }

  decisionRequirementsVersions(decisionRequirementsId: string): readonly DecisionRequirementsRow[] {
    return this.decisionRequirementsById.versions(decisionRequirementsId);
  }

  nextDecisionRequirementsVersion(decisionRequirementsId: string): number {
    return this.decisionRequirementsById.nextVersion(decisionRequirementsId);
  }

  deleteDecisionRequirements(row: DecisionRequirementsRow): void {
    this.decisionRequirementsById.remove(row);
    this.decisionRequirements.put(deleted(row));
  }

  addDecision(row: DecisionRow): void {
    this.decisions.put(row);
    this.decisionsById.add(row);
  }

  decisionVersions(decisionId: string): readonly DecisionRow[] {
    return this.decisionsById.versions(decisionId);
  }

  nextDecisionVersion(decisionId: string): number {
    return this.decisionsById.nextVersion(decisionId);
  }

  deleteDecision(row: DecisionRow): void {
    this.decisionsById.remove(row);
    this.decisions.put({ ...row, deleted: true });
  }

  // --- element instances

  addElementInstance(row: ElementInstanceRow): void {
    this.elementInstances.put(row);
    this.indexElementInstance(row);
  }

  removeElementInstance(key: string): void {
    const row = this.elementInstances.delete(key);
    if (!row) return;
    this.children.remove(row.flowScopeKey, key);
    if (row.messageStart) this.messageStartedInstances.delete(messageStartKey(row.bpmnProcessId, row.messageStart.correlationKey));
  }

  /** The active instance of a process that a message with this correlation key started, if any. */
  messageStartedInstance(bpmnProcessId: string, correlationKey: string): string | undefined {
    return this.messageStartedInstances.get(messageStartKey(bpmnProcessId, correlationKey));
  }

  /** A process instance started by a message now belongs to another process (migration): its correlation key counts there. */
  moveMessageStart(previousBpmnProcessId: string, row: ElementInstanceRow): void {
    if (!row.messageStart) return;
    const previous = messageStartKey(previousBpmnProcessId, row.messageStart.correlationKey);
    if (this.messageStartedInstances.get(previous) === row.key) this.messageStartedInstances.delete(previous);
    this.messageStartedInstances.set(messageStartKey(row.bpmnProcessId, row.messageStart.correlationKey), row.key);
  }

  private indexElementInstance(row: ElementInstanceRow): void {
    this.children.add(row.flowScopeKey, row.key, row);
    if (row.messageStart) this.messageStartedInstances.set(messageStartKey(row.bpmnProcessId, row.messageStart.correlationKey), row.key);
  }

  childrenOf(flowScopeKey: string): ElementInstanceRow[] {
    return [...this.children.get(flowScopeKey).values()];
  }

  // --- variables

  variablesOf(scopeKey: string): ReadonlyMap<string, VariableRow> {
    return this.variablesByScope.get(scopeKey) ?? new Map();
  }

  putVariable(row: VariableRow): void {
    this.variables.put(row);
    this.indexVariable(row);
  }

  removeScopeVariables(scopeKey: string): void {
    const scope = this.variablesByScope.get(scopeKey);
    if (!scope) return;
    for (const row of scope.values()) this.variables.delete(row.key);
    this.variablesByScope.delete(scopeKey);
  }

  private indexVariable(row: VariableRow): void {
    let scope = this.variablesByScope.get(row.scopeKey);
    if (!scope) this.variablesByScope.set(row.scopeKey, (scope = new Map()));
    scope.set(row.name, row);
  }

  // --- jobs

  putJob(row: JobRow): void {
    this.jobs.put(row);
    this.indexJob(row);
  }

  removeJob(key: string): void {
    const row = this.jobs.delete(key);
    if (!row) return;
    this.activatableJobs.remove(row.type, key);
    this.jobsWithDeadline.delete(key);
  }

  private indexJob(row: JobRow): void {
    if (row.state === 'ACTIVATABLE') this.activatableJobs.add(row.type, row.key, row);
    else this.activatableJobs.remove(row.type, row.key);
    // Activated jobs time out, failed jobs with retries come back after their back-off.
    const due = (row.state === 'ACTIVATED' || (row.state === 'FAILED' && row.retries > 0)) && row.deadline >= 0;
    if (due) this.jobsWithDeadline.set(row.key, row);
    else this.jobsWithDeadline.delete(row.key);
  }

  // --- message subscriptions and messages

  addSubscription(row: MessageSubscriptionRow): void {
    this.messageSubscriptions.put(row);
    this.indexSubscription(row);
  }

  removeSubscription(key: string): void {
    const row = this.messageSubscriptions.delete(key);
    if (!row) return;
    this.subscriptionsByMessage.remove(correlation(row.messageName, row.correlationKey), key);
    this.subscriptionsByElement.remove(row.elementInstanceKey, key);
  }

  subscriptionsFor(messageName: string, correlationKey: string): MessageSubscriptionRow[] {
    return [...this.subscriptionsByMessage.get(correlation(messageName, correlationKey)).values()];
  }

  subscriptionsOf(elementInstanceKey: string): MessageSubscriptionRow[] {
    return [...this.subscriptionsByElement.get(elementInstanceKey).values()];
  }

  private indexSubscription(row: MessageSubscriptionRow): void {
    this.subscriptionsByMessage.add(correlation(row.messageName, row.correlationKey), row.key, row);
    this.subscriptionsByElement.add(row.elementInstanceKey, row.key, row);
  }

  addMessage(row: MessageRow): void {
    this.messages.put(row);
    this.indexMessage(row);
  }

  removeMessage(key: string): void {
    const row = this.messages.delete(key);
    if (!row) return;
    this.messagesByCorrelation.remove(correlation(row.name, row.correlationKey), key);
    if (row.messageId) this.messageIds.delete(correlation(row.name, row.messageId));
  }

  messagesFor(name: string, correlationKey: string): MessageRow[] {
    return [...this.messagesByCorrelation.get(correlation(name, correlationKey)).values()];
  }

  hasMessageId(name: string, messageId: string): boolean {
    return this.messageIds.has(correlation(name, messageId));
  }

  private indexMessage(row: MessageRow): void {
    this.messagesByCorrelation.add(correlation(row.name, row.correlationKey), row.key, row);
    if (row.messageId) this.messageIds.set(correlation(row.name, row.messageId), row.key);
  }

  // --- timers and incidents

  addTimer(row: TimerRow): void {
    this.timers.put(row);
    this.timersByElement.add(row.elementInstanceKey, row.key, row);
  }

  removeTimer(key: string): void {
    const row = this.timers.delete(key);
    if (row) this.timersByElement.remove(row.elementInstanceKey, key);
  }

  timersOf(elementInstanceKey: string): TimerRow[] {
    return [...this.timersByElement.get(elementInstanceKey).values()];
  }

  addIncident(row: IncidentRow): void {
    this.incidents.put(row);
    this.incidentsByElement.add(row.elementInstanceKey, row.key, row);
  }

  removeIncident(key: string): void {
    const row = this.incidents.delete(key);
    if (row) this.incidentsByElement.remove(row.elementInstanceKey, key);
  }

  incidentsOf(elementInstanceKey: string): IncidentRow[] {
    return [...this.incidentsByElement.get(elementInstanceKey).values()];
  }

  // --- signal subscriptions

  addSignalSubscription(row: SignalSubscriptionRow): void {
    this.signalSubscriptions.put(row);
    this.indexSignalSubscription(row);
  }

  removeSignalSubscription(key: string): void {
    const row = this.signalSubscriptions.delete(key);
    if (!row) return;
    this.signalSubscriptionsByName.remove(row.signalName, key);
    this.signalSubscriptionsByElement.remove(row.elementInstanceKey, key);
  }

  signalSubscriptionsFor(signalName: string): SignalSubscriptionRow[] {
    return [...this.signalSubscriptionsByName.get(signalName).values()];
  }

  signalSubscriptionsOf(elementInstanceKey: string): SignalSubscriptionRow[] {
    return [...this.signalSubscriptionsByElement.get(elementInstanceKey).values()];
  }

  private indexSignalSubscription(row: SignalSubscriptionRow): void {
    this.signalSubscriptionsByName.add(row.signalName, row.key, row);
    this.signalSubscriptionsByElement.add(row.elementInstanceKey, row.key, row);
  }
}

/** A deleted resource keeps only what its key and version numbering need; its content is gone, as in Zeebe. */
function deleted<Row extends { resource: string; deleted?: boolean }>(row: Row): Row {
  return { ...row, resource: '', deleted: true };
}

function messageStartKey(bpmnProcessId: string, correlationKey: string): string {
  return `${bpmnProcessId}\u0000${correlationKey}`;
}

function correlation(name: string, key: string): string {
  return `${name}\u0000${key}`;
}
