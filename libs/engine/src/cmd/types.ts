// The requests and answers of the engine's commands, as the gateway passes them.

export type DeployedMetadata =
  | { process: { bpmnProcessId: string; version: number; processDefinitionKey: string; resourceName: string; tenantId: string } }
  | {
      decision: {
        dmnDecisionId: string;
        dmnDecisionName: string;
        version: number;
        decisionKey: string;
        dmnDecisionRequirementsId: string;
        decisionRequirementsKey: string;
        tenantId: string;
      };
    }
  | {
      decisionRequirements: {
        dmnDecisionRequirementsId: string;
        dmnDecisionRequirementsName: string;
        version: number;
        decisionRequirementsKey: string;
        resourceName: string;
        tenantId: string;
      };
    }
  | { form: { formId: string; version: number; formKey: string; resourceName: string; tenantId: string } };

export interface ActivatedJob {
  key: string;
  type: string;
  processInstanceKey: string;
  bpmnProcessId: string;
  processDefinitionVersion: number;
  processDefinitionKey: string;
  elementId: string;
  elementInstanceKey: string;
  customHeaders: string;
  worker: string;
  retries: number;
  deadline: string;
  variables: string;
  tenantId: string;
}

export interface ActivationRequest {
  type: string;
  worker: string;
  timeoutMs: number;
  maxJobs: number;
  fetchVariables: readonly string[];
}

export interface CreatedInstance {
  processDefinitionKey: string;
  bpmnProcessId: string;
  version: number;
  processInstanceKey: string;
  tenantId: string;
}

/** CreateProcessInstance: the process by id (and version, else the latest) or by key; start instructions replace the none start event. */
export interface CreationRequest {
  bpmnProcessId?: string;
  version?: number;
  processDefinitionKey?: string;
  variables: Record<string, unknown>;
  /** Ids of the elements to start at. */
  startInstructions?: string[];
}

/** The named variables, those present. */
export function pick(variables: Record<string, unknown>, names: readonly string[]): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const name of names) if (name in variables) picked[name] = variables[name];
  return picked;
}
