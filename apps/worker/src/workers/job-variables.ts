/**
 * Reads a job's variables by the contract in docs/PROCESSES.md. A variable of the wrong
 * shape means the model and the worker disagree: it throws a plain Error, which fails the
 * job (an incident after the retries) instead of guessing.
 */
export class JobVariables {
  /** `path` names a nested object in messages, e.g. `districtOpinions[2].`. */
  constructor(
    private readonly variables: Record<string, unknown>,
    private readonly path = '',
  ) {}

  /** A 64-bit id as a decimal string (intention ids travel as strings). */
  id(name: string): string {
    const value = this.variables[name];
    if (!isId(value)) throw this.malformed(name, 'an id as a decimal string', value);
    return value;
  }

  text(name: string): string {
    const value = this.variables[name];
    if (typeof value !== 'string' || value.trim() === '') throw this.malformed(name, 'a non-empty text', value);
    return value;
  }

  /** Blank counts as absent: an optional reason left empty is no reason. */
  optionalText(name: string): string | null {
    const value = this.variables[name];
    return this.isAbsent(name) || value === '' ? null : this.text(name);
  }

  oneOf<T extends string>(name: string, allowed: readonly T[]): T {
    const value = this.variables[name];
    if (!allowed.includes(value as T)) throw this.malformed(name, `one of ${allowed.join(', ')}`, value);
    return value as T;
  }

  /** A whole number, e.g. CZK or a year. */
  integer(name: string, min = 0): number {
    const value = this.variables[name];
    if (!Number.isSafeInteger(value) || (value as number) < min) throw this.malformed(name, `a whole number ≥ ${min}`, value);
    return value as number;
  }

  optionalInteger(name: string, min = 0): number | null {
    return this.isAbsent(name) ? null : this.integer(name, min);
  }

  number(name: string): number {
    const value = this.variables[name];
    if (typeof value !== 'number' || !Number.isFinite(value)) throw this.malformed(name, 'a number', value);
    return value;
  }

  /** An ISO 8601 date-time with an offset or Z. */
  optionalDateTime(name: string): Date | null {
    if (this.isAbsent(name)) return null;
    const value = this.variables[name];
    const parsed = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) ? new Date(value) : null;
    if (!parsed || Number.isNaN(parsed.getTime())) throw this.malformed(name, 'an ISO 8601 date-time with an offset', value);
    return parsed;
  }

  private list(name: string): unknown[] {
    const value = this.variables[name];
    if (!Array.isArray(value)) throw this.malformed(name, 'a list', value);
    return value;
  }

  textList(name: string): string[] {
    return this.list(name).map((value, index) => {
      if (typeof value !== 'string' || value.trim() === '') throw this.malformed(`${name}[${index}]`, 'a non-empty text', value);
      return value;
    });
  }

  /** Absent, null or an empty list: none given. */
  optionalTextList(name: string): string[] {
    return this.isAbsent(name) ? [] : this.textList(name);
  }

  idList(name: string): string[] {
    return this.list(name).map((value, index) => {
      if (!isId(value)) throw this.malformed(`${name}[${index}]`, 'an id as a decimal string', value);
      return value;
    });
  }

  optionalIdList(name: string): string[] {
    return this.isAbsent(name) ? [] : this.idList(name);
  }

  /** A list of objects, each read with its own `JobVariables`. */
  objectList(name: string): JobVariables[] {
    return this.list(name).map((value, index) => {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw this.malformed(`${name}[${index}]`, 'an object', value);
      return new JobVariables(value as Record<string, unknown>, `${this.path}${name}[${index}].`);
    });
  }

  optionalObjectList(name: string): JobVariables[] {
    return this.isAbsent(name) ? [] : this.objectList(name);
  }

  /** FEEL null and a missing variable both mean "not given". */
  private isAbsent(name: string): boolean {
    return this.variables[name] === undefined || this.variables[name] === null;
  }

  private malformed(name: string, expected: string, value: unknown): Error {
    return new Error(`Job variable '${this.path}${name}' must be ${expected}; got ${JSON.stringify(value) ?? 'nothing'}`);
  }
}

function isId(value: unknown): value is string {
  return typeof value === 'string' && /^[1-9]\d{0,18}$/.test(value);
}
