import { evaluate, parseExpression } from 'feelin';
import { hasUnstorableCharacter, isSafeNumber, type FieldViolation } from '@app/domain';

/** A form-js component, as far as the inbox reads it. */
export interface FormComponent {
  type: string;
  id?: string;
  key?: string;
  label?: string;
  subtype?: string;
  decimalDigits?: number;
  disabled?: boolean;
  readonly?: boolean;
  validate?: { required?: boolean; min?: number; max?: number; minLength?: number; maxLength?: number; pattern?: string };
  values?: { label: string; value: unknown }[];
  valuesKey?: string;
  conditional?: { hide?: string };
  components?: FormComponent[];
  [property: string]: unknown;
}

/** A Camunda form (form-js JSON), as in `bpmn/forms/*.form`. */
export interface FormSchema {
  id: string;
  components: FormComponent[];
  [property: string]: unknown;
}

/** Components that hold a value under their key; everything else only shows something. */
const INPUT_TYPES = new Set(['textfield', 'textarea', 'number', 'select', 'radio', 'checkbox', 'checklist', 'taglist', 'datetime']);

function components(form: FormSchema): FormComponent[] {
  const all: FormComponent[] = [];
  const walk = (list: readonly FormComponent[]) => {
    for (const component of list) {
      all.push(component);
      if (Array.isArray(component.components)) walk(component.components);
    }
  };
  walk(form.components);
  return all;
}

function inputs(form: FormSchema): FormComponent[] {
  return components(form).filter((component) => INPUT_TYPES.has(component.type) && typeof component.key === 'string');
}

/** The variable names a FEEL expression reads (function names and loop variables included; the caller intersects). */
function namesIn(expression: string): string[] {
  const names: string[] = [];
  try {
    const cursor = parseExpression(expression, {}, undefined).cursor();
    do {
      if (cursor.name === 'VariableName') names.push(expression.slice(cursor.from, cursor.to));
    } while (cursor.next());
  } catch {
    // An expression that does not parse reads nothing the inbox could provide.
  }
  return names;
}

/**
 * The process variables a form reads: its inputs' keys (pre-filled values), the lists behind
 * `valuesKey`, and every name in its FEEL expressions and `{{ }}` templates (texts, conditions).
 */
export function variablesUsedBy(form: FormSchema): Set<string> {
  const names = new Set<string>();
  const visit = (value: unknown): void => {
    if (typeof value === 'string') {
      if (value.startsWith('=')) for (const name of namesIn(value.slice(1))) names.add(name);
      // Templating blocks (`{{#loop reasons}}`, `{{#if x}}`) read the expression after the keyword; `{{/loop}}` reads nothing.
      for (const [, template] of value.matchAll(/\{\{([\s\S]*?)\}\}/g)) for (const name of namesIn(template.replace(/^\s*#(loop|if)\b/, ''))) names.add(name);
    } else if (Array.isArray(value)) {
      value.forEach(visit);
    } else if (value !== null && typeof value === 'object') {
      Object.values(value).forEach(visit);
    }
  };
  for (const component of components(form)) {
    if (component.key && INPUT_TYPES.has(component.type)) names.add(component.key);
    if (component.valuesKey) names.add(component.valuesKey);
    const { components: _children, ...own } = component;
    visit(own);
  }
  return names;
}

/** The variables of `available` that the form reads. */
export function formVariables(form: FormSchema | null, available: Record<string, unknown>): Record<string, unknown> {
  if (!form) return {};
  const used = variablesUsedBy(form);
  return Object.fromEntries(Object.entries(available).filter(([name]) => used.has(name)));
}

export interface Submission {
  /** What completes the task: the values of the visible, enabled inputs that were given. */
  values: Record<string, unknown>;
  violations: FieldViolation[];
}

/** Whether a component is hidden: its `conditional.hide` FEEL expression holds for the data. */
function hidden(component: FormComponent, context: Record<string, unknown>): boolean {
  const hide = component.conditional?.hide;
  if (typeof hide !== 'string' || hide.trim() === '') return false;
  try {
    return evaluate(hide.replace(/^=/, ''), context).value === true;
  } catch {
    return false;
  }
}

/** The allowed values of a choice: listed in the form, or taken from the variable `valuesKey` names. */
function allowedValues(component: FormComponent, variables: Record<string, unknown>): unknown[] {
  if (Array.isArray(component.values)) return component.values.map((option) => option.value);
  const source = component.valuesKey ? variables[component.valuesKey] : undefined;
  if (!Array.isArray(source)) return [];
  return source.map((option) => (option !== null && typeof option === 'object' && 'value' in option ? (option as { value: unknown }).value : option));
}

function isValidDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value;
}

function typeProblem(component: FormComponent, value: unknown): string | null {
  switch (component.type) {
    case 'textfield':
    case 'textarea':
      if (typeof value !== 'string') return 'a text';
      return hasUnstorableCharacter(value) ? 'a text without a NUL character or a lone UTF-16 surrogate' : null;
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'a number';
      if (!isSafeNumber(value)) return `a number within ±${Number.MAX_SAFE_INTEGER}`;
      const digits = component.decimalDigits;
      if (typeof digits === 'number' && Math.abs(value * 10 ** digits - Math.round(value * 10 ** digits)) > 1e-9) {
        return digits === 0 ? 'a whole number' : `a number with at most ${digits} decimal places`;
      }
      return null;
    }
    case 'checkbox':
      return typeof value === 'boolean' ? null : 'true or false';
    case 'select':
    case 'radio':
      return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? null : 'one of the listed values';
    case 'checklist':
    case 'taglist':
      return Array.isArray(value) ? null : 'a list of the listed values';
    case 'datetime':
      if (typeof value !== 'string') return 'a date or time as text';
      if (component.subtype === 'date') return isValidDate(value) ? null : 'a date YYYY-MM-DD';
      if (component.subtype === 'time') return /^([01]\d|2[0-3]):[0-5]\d$/.test(value) ? null : 'a time HH:mm';
      return !Number.isNaN(Date.parse(value)) && /^\d{4}-\d{2}-\d{2}T/.test(value) ? null : 'an ISO 8601 date-time';
    default:
      return null;
  }
}

function isEmpty(component: FormComponent, value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  // A required checkbox is one that must be ticked (a confirmation).
  return component.type === 'checkbox' && value === false;
}

/**
 * Checks a task's submitted data against its form as form-js would before submitting, but on
 * the server: unknown fields, types, required, min/max, length, pattern and allowed values.
 * Fields hidden by their `conditional.hide` (evaluated on the variables and the submitted
 * data) and disabled fields are neither validated nor submitted.
 */
export function validateSubmission(form: FormSchema, variables: Record<string, unknown>, data: Record<string, unknown>): Submission {
  const fields = inputs(form);
  const byKey = new Map(fields.map((component) => [component.key!, component]));
  const violations: FieldViolation[] = [];
  const values: Record<string, unknown> = {};
  const violation = (key: string, code: string, message: string) => violations.push({ field: `variables.${key}`, code, message });

  for (const key of Object.keys(data)) {
    if (!byKey.has(key)) violation(key, 'UNKNOWN_FIELD', `The form ${form.id} has no field ${key}`);
  }
  const context = { ...variables, ...data };
  for (const component of fields) {
    const key = component.key!;
    if (component.disabled || component.readonly || hidden(component, context)) continue;
    const value = data[key];
    const rules = component.validate ?? {};
    const label = component.label ? `${component.label} (${key})` : key;
    if (isEmpty(component, value)) {
      if (rules.required) violation(key, 'REQUIRED', `${label} is required`);
      else if (value !== undefined) values[key] = value;
      continue;
    }
    const problem = typeProblem(component, value);
    if (problem) {
      violation(key, 'INVALID_TYPE', `${label} must be ${problem}`);
      continue;
    }
    if (typeof value === 'number') {
      if (typeof rules.min === 'number' && value < rules.min) violation(key, 'TOO_SMALL', `${label} must be at least ${rules.min}`);
      if (typeof rules.max === 'number' && value > rules.max) violation(key, 'TOO_LARGE', `${label} must be at most ${rules.max}`);
    }
    if (typeof value === 'string') {
      if (typeof rules.minLength === 'number' && value.length < rules.minLength) violation(key, 'TOO_SHORT', `${label} must have at least ${rules.minLength} characters`);
      if (typeof rules.maxLength === 'number' && value.length > rules.maxLength) violation(key, 'TOO_LONG', `${label} must have at most ${rules.maxLength} characters`);
      if (typeof rules.pattern === 'string' && !new RegExp(rules.pattern).test(value)) violation(key, 'PATTERN_MISMATCH', `${label} does not have the required format`);
    }
    if (['select', 'radio', 'checklist', 'taglist'].includes(component.type)) {
      const allowed = allowedValues(component, variables);
      const given = Array.isArray(value) ? value : [value];
      const outside = given.filter((item) => !allowed.some((option) => option === item));
      if (outside.length > 0) violation(key, 'NOT_ALLOWED', `${label} must be one of: ${allowed.map((option) => JSON.stringify(option)).join(', ')}`);
    }
    values[key] = value;
  }
  return { values, violations };
}
