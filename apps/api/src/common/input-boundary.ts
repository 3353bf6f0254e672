import { hasUnstorableCharacter, isSafeNumber, type FieldViolation } from '@app/domain';

/**
 * The one input boundary of the API: rules every string, number, key and null of every body,
 * query and path parameter obeys before any DTO rule or use case sees it. A violation is a
 * 400 naming the field; nothing is written.
 *
 * - Text is Unicode PostgreSQL can store: no NUL character and no lone UTF-16 surrogate.
 * - Numbers are finite and exact: within ±Number.MAX_SAFE_INTEGER (beyond it, integers are not
 *   what was sent; a Zeebe client refuses them in variables).
 * - No key names an object's prototype (`__proto__`, `constructor`, `prototype`).
 * - `null` only where the OpenAPI document says `nullable` (see {@link nullViolations}).
 */

export const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Deeper than this a request is refused outright: no endpoint takes data nested this deep. */
export const MAX_DEPTH = 32;

export const BOUNDARY_CODES = {
  invalidCharacter: 'INVALID_CHARACTER',
  unsafeNumber: 'UNSAFE_NUMBER',
  prototypeKey: 'UNKNOWN_PROPERTY',
  tooDeep: 'TOO_DEEP',
  nullNotAllowed: 'NULL_NOT_ALLOWED',
} as const;

function join(parent: string, key: string): string {
  return parent === '' ? key : `${parent}.${key}`;
}

/**
 * The boundary's violations of a parsed input (a JSON body, a query object, a parameter), each
 * with its dotted field path (`variables.note`, `targetGroups.0`); `root` names a scalar input.
 */
export function boundaryViolations(value: unknown, root = ''): FieldViolation[] {
  const violations: FieldViolation[] = [];
  const walk = (current: unknown, path: string, depth: number): void => {
    if (typeof current === 'string') {
      if (hasUnstorableCharacter(current)) {
        violations.push({ field: path || root, code: BOUNDARY_CODES.invalidCharacter, message: 'Text must not contain a NUL character or a lone UTF-16 surrogate' });
      }
      return;
    }
    if (typeof current === 'number') {
      if (!isSafeNumber(current)) {
        violations.push({
          field: path || root,
          code: BOUNDARY_CODES.unsafeNumber,
          message: `A number must be finite and within ±${Number.MAX_SAFE_INTEGER}`,
        });
      }
      return;
    }
    if (current === null || typeof current !== 'object') return;
    if (depth > MAX_DEPTH) {
      violations.push({ field: path || root, code: BOUNDARY_CODES.tooDeep, message: `Data may be nested at most ${MAX_DEPTH} levels deep` });
      return;
    }
    const entries: [string, unknown][] = Array.isArray(current) ? current.map((item, index) => [String(index), item]) : Object.entries(current);
    if (!Array.isArray(current)) {
      // JSON.parse makes `__proto__` an own key; Object.entries lists it like any other.
      for (const key of Object.keys(current)) {
        if (PROTOTYPE_KEYS.has(key)) violations.push({ field: join(path, key), code: BOUNDARY_CODES.prototypeKey, message: `property ${key} should not exist` });
        else if (hasUnstorableCharacter(key)) {
          violations.push({ field: join(path, key), code: BOUNDARY_CODES.invalidCharacter, message: 'A property name must not contain a NUL character or a lone UTF-16 surrogate' });
        }
      }
    }
    for (const [key, item] of entries) if (!PROTOTYPE_KEYS.has(key)) walk(item, join(path, key), depth + 1);
  };
  walk(value, '', 0);
  return violations;
}

/** What a DTO class says of one property in the OpenAPI document (@nestjs/swagger's metadata). */
interface DocumentedProperty {
  nullable?: boolean;
  type?: unknown;
  isArray?: boolean;
}

const PROPERTIES_ARRAY = 'swagger/apiModelPropertiesArray';
const PROPERTIES = 'swagger/apiModelProperties';

function documentedProperties(type: unknown): Map<string, DocumentedProperty> | null {
  if (typeof type !== 'function' || !type.prototype) return null;
  const names = Reflect.getMetadata(PROPERTIES_ARRAY, type.prototype) as string[] | undefined;
  if (!names) return null;
  return new Map(
    names.map((name) => {
      const key = name.replace(/^:/, '');
      return [key, (Reflect.getMetadata(PROPERTIES, type.prototype, key) ?? {}) as DocumentedProperty];
    }),
  );
}

/** The class a property's `type` names: itself, the class a lazy `() => Class` returns, or the element of `[Class]`. */
function classOf(type: unknown): unknown {
  if (Array.isArray(type)) return classOf(type[0]);
  if (typeof type === 'function' && !type.prototype) {
    try {
      return (type as () => unknown)();
    } catch {
      return undefined;
    }
  }
  return type;
}

/**
 * `null` where the DTO's OpenAPI document does not declare the property `nullable` (e.g.
 * `{"ids": null}` for a list): refused, never taken as "not given" (which would mean "all").
 * Nested DTOs (and arrays of them) are followed; free-form objects are not.
 */
export function nullViolations(metatype: unknown, value: unknown, parent = ''): FieldViolation[] {
  const properties = documentedProperties(metatype);
  if (!properties || value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  const violations: FieldViolation[] = [];
  for (const [key, item] of Object.entries(value)) {
    const property = properties.get(key);
    if (!property) continue; // Unknown keys are the whitelist's.
    const field = join(parent, key);
    if (item === null) {
      if (property.nullable !== true) violations.push({ field, code: BOUNDARY_CODES.nullNotAllowed, message: `${field} must not be null: leave it out or give a value` });
      continue;
    }
    const nested = classOf(property.type);
    const items: unknown[] = Array.isArray(item) ? item : [item];
    items.forEach((element, index) => violations.push(...nullViolations(nested, element, Array.isArray(item) ? `${field}.${index}` : field)));
  }
  return violations;
}
