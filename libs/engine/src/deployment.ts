import { createHash } from 'node:crypto';
import type { ProcessModel } from './bpmn/model.js';
import { lintBpmn } from '@app/modeling';
import { BpmnValidationError, parseBpmn, type BpmnProblem } from './bpmn/parse.js';
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
  if (/\.(bpmn|xml)$/i.test(name)) return { kind: 'bpmn', name, checksum, text, processes: await checkBpmn(text) };
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

/**
 * A BPMN model deploys only when both bpmnlint's Camunda 8.8 rules (bpmnlint-plugin-camunda-compat:
 * what Zeebe 8.8 executes) and the engine's parser (what this engine runs) accept it; their
 * problems are reported together, by element. bpmnlint's style recommendations (labels,
 * diagram information, implicit splits) are for modellers, and Zeebe deploys models without
 * them, so only its errors from the Camunda rules and from reading the XML refuse a model.
 */
async function checkBpmn(text: string): Promise<ProcessModel[]> {
  const [lint, parsed] = await Promise.all([lintBpmn(text), parseBpmn(text).catch((error: unknown) => error)]);
  const lintProblems: BpmnProblem[] = lint
    .filter((problem) => problem.category === 'error' && (problem.rule.startsWith('camunda-compat/') || problem.rule === 'xml-import'))
    .map((problem) => ({ elementId: problem.elementId || undefined, message: `${problem.message} (bpmnlint ${problem.rule})` }));
  // XML that cannot be read is reported as the parser words it; bpmnlint has nothing to add.
  if (parsed instanceof BpmnValidationError && parsed.problems.length === 0) throw parsed;
  if (parsed instanceof BpmnValidationError || lintProblems.length > 0) {
    throw new BpmnValidationError([...(parsed instanceof BpmnValidationError ? parsed.problems : []), ...lintProblems]);
  }
  if (parsed instanceof Error) throw parsed;
  return (parsed as Awaited<ReturnType<typeof parseBpmn>>).processes;
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
