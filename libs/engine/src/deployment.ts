import { createHash } from 'node:crypto';
import type { ProcessModel } from './bpmn/model.js';
import { BpmnValidationError, parseBpmn } from './bpmn/parse.js';
import { DmnParseError, parseDecisionRequirements, type DecisionRequirements } from './dmn/index.js';

export interface ResourceInput {
  name: string;
  content: Buffer;
}

/** A resource checked and ready to be stored; what it becomes depends on its kind. */
export type PreparedResource =
  | { kind: 'bpmn'; name: string; checksum: string; text: string; processes: ProcessModel[] }
  | { kind: 'dmn'; name: string; checksum: string; text: string; drg: DecisionRequirements }
  | { kind: 'form'; name: string; checksum: string; text: string; formId: string };

/**
 * Checks and parses one resource. Kinds are chosen by file extension, as Zeebe does;
 * a new kind adds its case here and its metadata in `Engine.deploy`.
 */
export async function prepareResource(resource: ResourceInput): Promise<PreparedResource> {
  const text = resource.content.toString('utf8');
  const checksum = createHash('md5').update(resource.content).digest('hex');
  const name = resource.name;
  if (/\.(bpmn|xml)$/i.test(name)) {
    const { processes } = await parseBpmn(text);
    return { kind: 'bpmn', name, checksum, text, processes };
  }
  if (/\.dmn$/i.test(name)) return { kind: 'dmn', name, checksum, text, drg: await parseDecisionRequirements(text) };
  if (/\.form$/i.test(name)) {
    let form: unknown;
    try {
      form = JSON.parse(text);
    } catch (error) {
      throw new ResourceError([`Expected the form to be valid JSON, but it was not: ${(error as Error).message}`]);
    }
    const formId = (form as { id?: unknown } | null)?.id;
    if (typeof formId !== 'string' || formId === '') throw new ResourceError(["Expected the form to have an 'id'"]);
    return { kind: 'form', name, checksum, text, formId };
  }
  throw new ResourceError([`Expected to deploy a resource of a known type (.bpmn, .xml, .dmn, .form), but '${name}' is not`]);
}

export class ResourceError extends Error {
  constructor(readonly reasons: string[]) {
    super(reasons.join('\n'));
    this.name = 'ResourceError';
  }
}

/** Zeebe's layout of a failed deployment's message. */
export function deploymentFailure(failures: { name: string; reasons: string[] }[]): string {
  return `Expected to deploy new resources, but encountered the following errors:\n${failures
    .map(({ name, reasons }) => `'${name}': ${reasons.join('\n')}`)
    .join('\n')}`;
}

export function reasonsOf(error: unknown): string[] | undefined {
  if (error instanceof BpmnValidationError || error instanceof ResourceError || error instanceof DmnParseError) return error.reasons;
  return undefined;
}
