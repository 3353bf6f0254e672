import { inspectBpmn, inspectDmn, lintBpmn } from '@app/modeling';
import type { FieldViolation } from '@app/domain';
import type { ModelFile } from './model-bundle.js';

export enum DeploymentProblem {
  UnsupportedFile = 'UNSUPPORTED_FILE',
  Lint = 'LINT_ERROR',
  LintWarning = 'LINT_WARNING',
  JobTypeWithoutWorker = 'JOB_TYPE_WITHOUT_WORKER',
  FormNotFound = 'FORM_NOT_FOUND',
  FormInvalid = 'FORM_INVALID',
  DecisionInvalid = 'DECISION_INVALID',
  DuplicateResource = 'DUPLICATE_RESOURCE',
}

export interface DeploymentCheckContext {
  /** Job types some worker of the product serves. */
  jobTypes: readonly string[];
  /** Form ids already deployed to the orchestrator. */
  deployedFormIds: readonly string[];
}

/** `error` refuses a deployment; `warn` is advice the editors show beside the errors. */
export type ProblemSeverity = 'error' | 'warn';

/** One problem of a bundle: the file in `field`, the element where there is one. */
export type DeploymentCheckProblem = FieldViolation & { elementId?: string; severity: ProblemSeverity };

/** The problems that refuse a deployment; warnings never do. */
export function blockingProblems(problems: readonly DeploymentCheckProblem[]): DeploymentCheckProblem[] {
  return problems.filter((problem) => problem.severity === 'error');
}

/** The form id of a form-js schema, or a problem. */
function formIdOf(file: ModelFile): { id: string } | { problem: string } {
  try {
    const schema = JSON.parse(file.content.toString('utf8')) as { id?: unknown; components?: unknown };
    if (typeof schema.id !== 'string' || !schema.id) return { problem: 'A form needs a string "id" (the formId user tasks link to)' };
    if (!Array.isArray(schema.components)) return { problem: 'A form needs a "components" list' };
    return { id: schema.id };
  } catch (error) {
    return { problem: `Not a form-js JSON document: ${(error as Error).message}` };
  }
}

/**
 * Everything that would make a deployment fail later rather than now (errors): lint errors
 * (Camunda 8.8 rules), job types no worker serves, forms that do not resolve (of user tasks
 * and start events), unreadable decisions and forms; and the lint rules' warnings. The
 * bundle may be deployed when no problem is an error ({@link blockingProblems}).
 */
export async function checkDeployment(files: readonly ModelFile[], context: DeploymentCheckContext): Promise<DeploymentCheckProblem[]> {
  const problems: DeploymentCheckProblem[] = [];
  const formIds = new Set(context.deployedFormIds);
  const names = new Set<string>();
  for (const file of files) {
    if (names.has(file.name)) problems.push(anError({ field: file.name, code: DeploymentProblem.DuplicateResource, message: 'The same file name is uploaded twice' }));
    names.add(file.name);
    if (file.kind !== 'form') continue;
    const form = formIdOf(file);
    if ('id' in form) formIds.add(form.id);
    else problems.push(anError({ field: file.name, code: DeploymentProblem.FormInvalid, message: form.problem }));
  }
  // Each file on its own, all at once: lint runs in its worker thread while the models are read here.
  const problemsOfFiles = await Promise.all(files.map((file) => problemsOf(file, formIds, context)));
  return [...problems, ...problemsOfFiles.flat()];
}

function anError(problem: FieldViolation & { elementId?: string }): DeploymentCheckProblem {
  return { ...problem, severity: 'error' };
}

async function problemsOf(file: ModelFile, formIds: ReadonlySet<string>, context: DeploymentCheckContext): Promise<DeploymentCheckProblem[]> {
  const text = file.content.toString('utf8');
  if (file.kind === 'dmn') {
    return inspectDmn(text).then(
      () => [],
      (failure: Error) => [anError({ field: file.name, code: DeploymentProblem.DecisionInvalid, message: `The decision cannot be read: ${failure.message}` })],
    );
  }
  if (file.kind !== 'bpmn') return [];
  const [lint, inventory] = await Promise.all([lintBpmn(text), inspectBpmn(text).catch((failure: Error) => failure)]);
  const problems = lint.map(
    (problem): DeploymentCheckProblem => ({
      field: file.name,
      ...(problem.elementId ? { elementId: problem.elementId } : {}),
      code: problem.category === 'error' ? DeploymentProblem.Lint : DeploymentProblem.LintWarning,
      message: `${problem.rule}: ${problem.message}`,
      severity: problem.category,
    }),
  );
  // What cannot be read as a whole has no dependencies worth naming.
  if (lint.some((problem) => problem.rule === 'xml-import')) return problems;
  if (inventory instanceof Error) return [...problems, anError({ field: file.name, code: DeploymentProblem.Lint, message: `xml-import: ${inventory.message}` })];
  for (const use of inventory.jobTypes) {
    // A job type computed by FEEL is known only at run time.
    if (!use.type.startsWith('=') && !context.jobTypes.includes(use.type)) {
      problems.push(anError({ field: file.name, elementId: use.elementId, code: DeploymentProblem.JobTypeWithoutWorker, message: `No worker of the product serves jobs of type '${use.type}'` }));
    }
  }
  for (const user of [...inventory.userTasks, ...inventory.startForms]) {
    const reference = user.formId ?? user.formKey;
    if (reference && !formIds.has(reference)) {
      problems.push(anError({ field: file.name, elementId: user.elementId, code: DeploymentProblem.FormNotFound, message: `Form '${reference}' is neither in this deployment nor deployed before` }));
    }
  }
  return problems;
}
