import type { Mapping } from '../bpmn/model.js';
import { DEFAULT_TENANT, NO_KEY, type ElementInstanceRow, type VariableRow } from '../state/rows.js';
import type { EngineState } from '../state/state.js';
import { evaluate, IncidentError } from './expressions.js';

/**
 * Variables by scope with Zeebe's rules: a scope sees its own variables and those of its
 * ancestors (the nearest wins); a propagated variable updates the nearest scope that
 * already has it, or else is created in the process instance's root scope.
 */
export class Variables {
  constructor(
    private readonly state: EngineState,
    private readonly now: () => number,
  ) {}

  /** All variables visible from a scope, as a FEEL context. */
  visible(scopeKey: string): Record<string, unknown> {
    const layers: ReadonlyMap<string, VariableRow>[] = [];
    for (let key = scopeKey; key !== NO_KEY; ) {
      layers.push(this.state.variablesOf(key));
      const instance = this.state.elementInstances.get(key);
      if (!instance) break;
      key = instance.flowScopeKey;
    }
    const context: Record<string, unknown> = {};
    for (let i = layers.length - 1; i >= 0; i--) for (const [name, row] of layers[i]) context[name] = row.value;
    return context;
  }

  local(scopeKey: string): Record<string, unknown> {
    const context: Record<string, unknown> = {};
    for (const [name, row] of this.state.variablesOf(scopeKey)) context[name] = row.value;
    return context;
  }

  setLocal(scopeKey: string, document: Record<string, unknown>): void {
    const scope = this.state.elementInstances.get(scopeKey);
    if (!scope) return;
    for (const [name, value] of Object.entries(document)) this.write(scope, scopeKey, name, value);
  }

  /** Sets each variable in the nearest scope that has it, else in the root scope. */
  propagate(scopeKey: string, document: Record<string, unknown>): void {
    for (const [name, value] of Object.entries(document)) {
      let target: string | undefined;
      let root = scopeKey;
      for (let key = scopeKey; key !== NO_KEY; ) {
        if (this.state.variablesOf(key).has(name)) {
          target = key;
          break;
        }
        root = key;
        key = this.state.elementInstances.get(key)?.flowScopeKey ?? NO_KEY;
      }
      const scope = this.state.elementInstances.get(target ?? root);
      if (scope) this.write(scope, target ?? root, name, value);
    }
  }

  private write(scope: ElementInstanceRow, scopeKey: string, name: string, value: unknown): void {
    const existing = this.state.variablesOf(scopeKey).get(name);
    if (existing && JSON.stringify(existing.value) === JSON.stringify(value)) return;
    const row: VariableRow = {
      key: existing?.key ?? this.state.newKey(),
      name,
      value,
      scopeKey,
      processInstanceKey: scope.processInstanceKey,
      processDefinitionKey: scope.processDefinitionKey,
      bpmnProcessId: scope.bpmnProcessId,
    };
    this.state.putVariable(row);
    this.state.appendRecord('VARIABLE', existing ? 'UPDATED' : 'CREATED', row.key, variableValue(row), this.now());
  }

  /**
   * Evaluates mappings in order (later ones see earlier results) into one document;
   * dotted targets (`a.b`) merge into the object of their first segment.
   */
  evaluateMappings(mappings: readonly Mapping[], context: Record<string, unknown>, base: (name: string) => unknown): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    for (const mapping of mappings) {
      let value: unknown;
      try {
        // As in Zeebe, a source without '=' is a static string.
        value = evaluate(mapping.source, { ...context, ...result }, this.now(), 'ANY', 'IO_MAPPING_ERROR');
      } catch (error) {
        if (error instanceof IncidentError) throw new IncidentError('IO_MAPPING_ERROR', error.message);
        throw error;
      }
      const [head, ...path] = mapping.target.split('.');
      if (path.length === 0) {
        result[head] = value;
        continue;
      }
      const current = head in result ? result[head] : base(head);
      result[head] = setPath(isObject(current) ? structuredClone(current) : {}, path, value);
    }
    return result;
  }
}

/** The value of a VARIABLE record of a row. */
export function variableValue(row: VariableRow): Record<string, unknown> {
  return {
    name: row.name,
    value: JSON.stringify(row.value),
    scopeKey: row.scopeKey,
    processInstanceKey: row.processInstanceKey,
    processDefinitionKey: row.processDefinitionKey,
    bpmnProcessId: row.bpmnProcessId,
    tenantId: DEFAULT_TENANT,
  };
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> {
  let node = target;
  for (const segment of path.slice(0, -1)) {
    if (!isObject(node[segment])) node[segment] = {};
    node = node[segment] as Record<string, unknown>;
  }
  node[path[path.length - 1]] = value;
  return target;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
