import { InvalidRequest } from '../rejection.js';

/** A JSON object document as Zeebe's gateway accepts it: empty means no variables. */
export function parseDocument(text: string | undefined, property = 'variables'): Record<string, unknown> {
  if (!text || text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InvalidRequest(`Property '${property}' is invalid: Expected document to be valid JSON, but it was not: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const kind = value === null ? 'NIL' : Array.isArray(value) ? 'ARRAY' : typeof value === 'string' ? 'STRING' : typeof value === 'number' ? 'NUMBER' : 'BOOLEAN';
    throw new InvalidRequest(`Property '${property}' is invalid: Expected document to be a root level object, but was '${kind}'`);
  }
  return value as Record<string, unknown>;
}

/** int64 fields arrive as decimal strings (proto-loader `longs: String`). */
export function int64(value: string | number | undefined): number {
  return value === undefined || value === '' ? 0 : Number(value);
}

export function key(value: string | number | undefined): string {
  return value === undefined || value === '' ? '0' : String(value);
}

export function ensureNotEmpty(name: string, value: string | undefined): void {
  if (!value) throw new InvalidRequest(`Expected to provide a non-empty ${name}, but was ''`);
}

export function ensureGreaterThan(name: string, value: number, bound: number): void {
  if (!(value > bound)) throw new InvalidRequest(`Expected argument '${name}' to be greater than ${bound}, but was ${value}`);
}

/** Multi-tenancy is off, as in a default Zeebe: only the default tenant may be named. */
export function ensureDefaultTenant(rpc: string, tenantId: string | undefined): void {
  if (tenantId && tenantId !== '<default>') {
    throw new InvalidRequest(`Expected to handle gRPC request ${rpc} with tenant identifier '${tenantId}', but multi-tenancy is disabled`);
  }
}
