import { eventStartEvents, type FlowElement } from '../bpmn/model.js';
import { DEFAULT_TENANT, NO_KEY, type ElementInstanceRow, type MessageRow, type ProcessDefinitionRow, type TimerRow } from '../state/rows.js';
import type { ExecutionContext } from './context.js';
import { evaluate } from './expressions.js';
import { timerValue } from './records.js';

interface StartSubscription {
  readonly definition: ProcessDefinitionRow;
  readonly event: FlowElement;
}

/**
 * Message, timer and signal start events. As in Zeebe they belong to the latest version of
 * each process: deploying a new version closes the previous version's subscriptions and
 * timers and opens its own. The subscriptions follow from the deployed definitions, so they
 * are kept in memory and rebuilt at start; timers are durable state.
 */
export class StartEvents {
  private readonly messages = new Map<string, StartSubscription[]>();
  private readonly signals = new Map<string, StartSubscription[]>();

  constructor(private readonly executor: ExecutionContext) {}

  /** Indexes the latest version of every process, after the state was loaded. */
  rebuild(): void {
    this.messages.clear();
    this.signals.clear();
    const ids = new Set([...this.executor.state.processDefinitions.values()].map((definition) => definition.bpmnProcessId));
    for (const id of ids) {
      const latest = this.latest(id);
      if (latest) this.index(latest);
    }
  }

  /**
   * The start events of `current` replace those of `previous`: a new version was deployed,
   * or the latest version was deleted and the one before it is the latest again.
   */
  replace(previous: ProcessDefinitionRow | undefined, current: ProcessDefinitionRow | undefined): void {
    const { state } = this.executor;
    const now = this.executor.now();
    if (previous) {
      for (const event of this.startEventsOf(previous)) {
        if (event.eventType === 'MESSAGE') state.appendRecord('MESSAGE_START_EVENT_SUBSCRIPTION', 'DELETED', state.newKey(), this.messageValue(previous, event), now);
        if (event.eventType === 'SIGNAL') state.appendRecord('SIGNAL_SUBSCRIPTION', 'DELETED', state.newKey(), this.signalValue(previous, event), now);
      }
      for (const timer of state.timersOf(NO_KEY)) if (timer.processDefinitionKey === previous.key) this.executor.removeTimer(timer);
      this.unindex(previous);
    }
    if (!current) return;
    for (const event of this.startEventsOf(current)) {
      if (event.eventType === 'MESSAGE') state.appendRecord('MESSAGE_START_EVENT_SUBSCRIPTION', 'CREATED', state.newKey(), this.messageValue(current, event), now);
      if (event.eventType === 'SIGNAL') state.appendRecord('SIGNAL_SUBSCRIPTION', 'CREATED', state.newKey(), this.signalValue(current, event), now);
      if (event.eventType === 'TIMER') {
        // Start timers see no variables; the parser checked that the expression yields a valid timer.
        const value = evaluate(event.timer!.expression, {}, now, 'ANY');
        this.executor.addTimer({
          key: state.newKey(),
          elementInstanceKey: NO_KEY,
          processInstanceKey: NO_KEY,
          processDefinitionKey: current.key,
          targetElementId: event.id,
          ...this.executor.schedule(event.timer!.kind, value),
        });
      }
    }
    this.index(current);
  }

  /** A timer start event is due: an instance of its process version starts, and a cycle goes on. */
  timerDue(timer: TimerRow): void {
    const { state } = this.executor;
    state.removeTimer(timer.key);
    const definition = state.processDefinitions.get(timer.processDefinitionKey);
    if (!definition) return;
    state.appendRecord('TIMER', 'TRIGGERED', timer.key, timerValue(timer), this.executor.now());
    const next = this.executor.nextTimer(timer);
    if (next) this.executor.addTimer(next);
    this.executor.createProcessInstance(definition, {}, { trigger: { elementId: timer.targetElementId } });
  }

  /**
   * Starts the processes whose message start event waits for this message. Zeebe's rules: a
   * message starts a process at most once, and while an instance that a message with the
   * same correlation key started is active, no second one starts.
   */
  correlateMessage(message: MessageRow): void {
    for (const subscription of this.messages.get(message.name) ?? []) this.startByMessage(subscription, message);
  }

  private startByMessage(subscription: StartSubscription, message: MessageRow): boolean {
    const { state } = this.executor;
    const { definition, event } = subscription;
    if (message.startedProcesses?.includes(definition.bpmnProcessId)) return false;
    if (message.correlationKey && state.messageStartedInstance(definition.bpmnProcessId, message.correlationKey)) return false;
    (message.startedProcesses ??= []).push(definition.bpmnProcessId);
    state.appendRecord('MESSAGE_START_EVENT_SUBSCRIPTION', 'CORRELATED', state.newKey(), {
      ...this.messageValue(definition, event),
      messageKey: message.key,
      correlationKey: message.correlationKey,
      variables: JSON.stringify(message.variables),
    }, this.executor.now());
    this.executor.createProcessInstance(definition, {}, {
      trigger: { elementId: event.id, variables: message.variables },
      messageStart: message.correlationKey ? { messageName: message.name, correlationKey: message.correlationKey } : undefined,
    });
    return true;
  }

  /** A process instance ended: a message buffered for its correlation key may now start the next one. */
  instanceEnded(instance: ElementInstanceRow): void {
    if (!instance.messageStart || instance.parentProcessInstanceKey !== NO_KEY) return;
    const latest = this.latest(instance.bpmnProcessId);
    if (!latest) return;
    const now = this.executor.now();
    for (const event of this.startEventsOf(latest)) {
      if (event.eventType !== 'MESSAGE') continue;
      const name = this.staticName(event.message!.name);
      for (const message of this.executor.state.messagesFor(name, instance.messageStart.correlationKey)) {
        if (message.deadline <= now) continue;
        if (this.startByMessage({ definition: latest, event }, message)) {
          this.executor.state.messages.put(message);
          return;
        }
      }
    }
  }

  /** Starts an instance of every process whose signal start event waits for this signal. */
  signalBroadcast(signalName: string, variables: Record<string, unknown>): void {
    for (const { definition, event } of this.signals.get(signalName) ?? []) {
      this.executor.createProcessInstance(definition, {}, { trigger: { elementId: event.id, variables } });
    }
  }

  private latest(bpmnProcessId: string): ProcessDefinitionRow | undefined {
    const versions = this.executor.state.definitionVersions(bpmnProcessId);
    return versions[versions.length - 1];
  }

  private startEventsOf(definition: ProcessDefinitionRow): FlowElement[] {
    return eventStartEvents(this.executor.models.process(definition.key));
  }

  private index(definition: ProcessDefinitionRow): void {
    for (const event of this.startEventsOf(definition)) {
      if (event.eventType === 'MESSAGE') add(this.messages, this.staticName(event.message!.name), { definition, event });
      if (event.eventType === 'SIGNAL') add(this.signals, this.staticName(event.signal!.name), { definition, event });
    }
  }

  private unindex(definition: ProcessDefinitionRow): void {
    for (const index of [this.messages, this.signals]) {
      for (const [name, subscriptions] of index) {
        const kept = subscriptions.filter((subscription) => subscription.definition.key !== definition.key);
        if (kept.length > 0) index.set(name, kept);
        else index.delete(name);
      }
    }
  }

  /** Start events subscribe before any instance exists, so a name given as an expression sees no variables. */
  private staticName(name: string): string {
    return String(evaluate(name, {}, this.executor.now(), 'STRING'));
  }

  private messageValue(definition: ProcessDefinitionRow, event: FlowElement): Record<string, unknown> {
    return {
      processDefinitionKey: definition.key,
      bpmnProcessId: definition.bpmnProcessId,
      startEventId: event.id,
      messageName: this.staticName(event.message!.name),
      tenantId: DEFAULT_TENANT,
    };
  }

  private signalValue(definition: ProcessDefinitionRow, event: FlowElement): Record<string, unknown> {
    return {
      processDefinitionKey: definition.key,
      bpmnProcessId: definition.bpmnProcessId,
      catchEventId: event.id,
      catchEventInstanceKey: NO_KEY,
      signalName: this.staticName(event.signal!.name),
      tenantId: DEFAULT_TENANT,
    };
  }
}

function add(index: Map<string, StartSubscription[]>, name: string, subscription: StartSubscription): void {
  const subscriptions = index.get(name) ?? [];
  subscriptions.push(subscription);
  index.set(name, subscriptions);
}
