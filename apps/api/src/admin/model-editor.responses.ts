import { ApiProperty } from '@nestjs/swagger';
import { ApiFieldViolation, ApiInt64 } from '../common/openapi.js';
import { DeployedResourceVersionResponse } from './processes.responses.js';

const SEVERITIES = ['error', 'warn'] as const;

export class DeploymentProblemResponse extends ApiFieldViolation {
  @ApiProperty({ example: 'intention-submission.bpmn', description: 'The file' })
  declare field: string;

  @ApiProperty({
    example: 'LINT_ERROR',
    description: 'LINT_ERROR, LINT_WARNING, JOB_TYPE_WITHOUT_WORKER, FORM_NOT_FOUND, FORM_INVALID, DECISION_INVALID, DUPLICATE_RESOURCE',
  })
  declare code: string;

  @ApiProperty({ example: "camunda-compat/user-task-form: Element of type <zeebe:FormDefinition> must have one property of type <formKey, formId>" })
  declare message: string;

  @ApiProperty({ required: true, enum: SEVERITIES, enumName: 'DeploymentProblemSeverity', description: 'error refuses a deployment; warn is advice' })
  declare severity: (typeof SEVERITIES)[number];
}

export class DeploymentCheckResponse {
  @ApiProperty({ type: () => DeploymentProblemResponse, isArray: true, description: 'Errors and warnings, file by file; none: the files deploy' })
  problems: DeploymentProblemResponse[];
}

export class FormVersionResponse extends DeployedResourceVersionResponse {
  @ApiInt64()
  formKey: string;
}

export class FormResponse {
  @ApiProperty({ example: 'orp-need-declaration' })
  formId: string;

  @ApiProperty({ type: () => FormVersionResponse, isArray: true, description: 'Newest first' })
  versions: FormVersionResponse[];
}

export class DecisionSummaryResponse {
  @ApiProperty({ example: 'cofinancing-rate' })
  decisionId: string;

  @ApiProperty()
  name: string;
}

export class DecisionRequirementsVersionResponse extends DeployedResourceVersionResponse {
  @ApiInt64()
  decisionRequirementsKey: string;

  @ApiProperty({ type: () => DecisionSummaryResponse, isArray: true, description: 'The decisions of this version' })
  decisions: DecisionSummaryResponse[];
}

export class DecisionRequirementsResponse {
  @ApiProperty({ example: 'cofinancing-rate-definitions', description: 'The id of the DMN definitions' })
  decisionRequirementsId: string;

  @ApiProperty({ type: () => DecisionRequirementsVersionResponse, isArray: true, description: 'Newest first' })
  versions: DecisionRequirementsVersionResponse[];
}
