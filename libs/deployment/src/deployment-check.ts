import { inspectBpmn, inspectDmn, lintBpmn } from '@app/modeling';
import type { FieldViolation } from '@app/domain';
import type { ModelFile } from './model-bundle.js';

export enum DeploymentProblem {
  UnsupportedFile = 'UNSUPPORTED_FILE',
  Lint = 'LINT_ERROR',
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

type Problem = FieldViolation & { elementId?: string };

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
 * Everything that would make a deployment fail later rather than now: lint errors (Camunda
 * 8.8 rules), job types no worker serves, forms that do not resolve, unreadable decisions
 * and forms. An empty list means the bundle may be deployed.
 */
export async function checkDeployment(files: readonly ModelFile[], context: DeploymentCheckContext): Promise<Problem[]> {
  const problems: Problem[] = [];
  const formIds = new Set(context.deployedFormIds);
  const names = new Set<string>();
  for (const file of files) {
    if (names.has(file.name)) problems.push({ field: file.name, code: DeploymentProblem.DuplicateResource, message: 'The same file name is uploaded twice' });
    names.add(file.name);
    if (file.kind !== 'form') continue;
    const form = formIdOf(file);
    if ('id' in form) formIds.add(form.id);
    else problems.push({ field: file.name, code: DeploymentProblem.FormInvalid, message: form.problem });
  }

  for (const file of files) {
    const text = file.content.toString('utf8');
    if (file.kind === 'dmn') {
      await inspectDmn(text).catch((error: Error) =>
        problems.push({ field: file.name, code: DeploymentProblem.DecisionInvalid, message: `The decision cannot be read: ${error.message}` }),
      );
    }
    if (file.kind !== 'bpmn') continue;
    const lintErrors = (await lintBpmn(text)).filter((problem) => problem.category === 'error');
    for (const problem of lintErrors) {
      problems.push({ field: file.name, elementId: problem.elementId, code: DeploymentProblem.Lint, message: `${problem.rule}: ${problem.message}` });
    }
    if (lintErrors.some((problem) => problem.rule === 'xml-import')) continue;
    const inventory = await inspectBpmn(text);
    for (const use of inventory.jobTypes) {
      // A job type computed by FEEL is known only at run time.
      if (!use.type.startsWith('=') && !context.jobTypes.includes(use.type)) {
        problems.push({ field: file.name, elementId: use.elementId, code: DeploymentProblem.JobTypeWithoutWorker, message: `No worker of the product serves jobs of type '${use.type}'` });
      }
    }
    for (const task of inventory.userTasks) {
      const reference = task.formId ?? task.formKey;
      if (reference && !formIds.has(reference)) {
        problems.push({ field: file.name, elementId: task.elementId, code: DeploymentProblem.FormNotFound, message: `Form '${reference}' is neither in this deployment nor deployed before` });
      }
    }
  }
  return problems;
}
