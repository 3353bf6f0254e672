import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { DeployedResourceKind } from '@app/persistence';
import { ApiDateTime, ApiInt64, ApiInteger, ApiNullableString } from '../common/openapi.js';

const RESOURCE_KINDS = ['process', 'decision-requirements', 'form'] as const satisfies readonly DeployedResourceKind[];

export class DeployedVersionResponse {
  @ApiProperty({ enum: RESOURCE_KINDS, enumName: 'DeployedResourceKind' })
  kind: DeployedResourceKind;

  @ApiProperty({ description: 'The process, decision requirements or form id' })
  resourceId: string;

  @ApiInteger()
  version: number;

  @ApiInt64()
  definitionKey: string;

  @ApiProperty()
  resourceName: string;
}

export class DeploymentResponse {
  @ApiInt64()
  deploymentKey: string;

  @ApiProperty({ type: () => DeployedVersionResponse, isArray: true })
  resources: DeployedVersionResponse[];
}

/** Who deployed a version of a process, decision or form, when, and in which deployment. */
export class DeployedResourceVersionResponse {
  @ApiInteger()
  version: number;

  @ApiProperty()
  resourceName: string;

  @ApiInt64()
  deploymentKey: string;

  @ApiProperty({ description: 'Who deployed it (user id, or system:startup)' })
  deployedBy: string;

  @ApiDateTime()
  deployedAt: string;
}

export class ProcessVersionResponse extends DeployedResourceVersionResponse {
  @ApiInt64()
  processDefinitionKey: string;
}

export class ProcessResponse {
  @ApiProperty()
  bpmnProcessId: string;

  @ApiProperty({ type: () => ProcessVersionResponse, isArray: true, description: 'Newest first' })
  versions: ProcessVersionResponse[];
}

const ANY_VALUE = { nullable: true, oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }, { type: 'object' }, { type: 'array', items: {} }] };

export class PropertyChangeResponse {
  @ApiProperty()
  property: string;

  @ApiProperty({ ...ANY_VALUE, description: 'The value in `from`' })
  before: unknown;

  @ApiProperty({ ...ANY_VALUE, description: 'The value in `to`' })
  after: unknown;
}

export class ElementChangeResponse {
  @ApiProperty()
  elementId: string;

  @ApiProperty({ example: 'UserTask', description: 'The BPMN element type without its bpmn: prefix' })
  type: string;

  @ApiPropertyOptional()
  name?: string;

  @ApiPropertyOptional({ type: () => PropertyChangeResponse, isArray: true, description: 'Changed elements: the properties that differ' })
  changes?: PropertyChangeResponse[];
}

export class ProcessDiffResponse {
  @ApiInteger()
  from: number;

  @ApiInteger()
  to: number;

  @ApiProperty({ type: () => ElementChangeResponse, isArray: true })
  added: ElementChangeResponse[];

  @ApiProperty({ type: () => ElementChangeResponse, isArray: true })
  removed: ElementChangeResponse[];

  @ApiProperty({ type: () => ElementChangeResponse, isArray: true })
  changed: ElementChangeResponse[];
}

export class StartedInstanceResponse {
  @ApiInt64()
  processInstanceKey: string;

  @ApiProperty()
  bpmnProcessId: string;

  @ApiInteger()
  version: number;
}

export class MigratedInstanceResponse {
  @ApiInt64()
  processInstanceKey: string;

  @ApiInt64({ description: 'The process definition the instance runs on now' })
  processDefinitionKey: string;

  @ApiNullableString({ description: 'Its process id; null when the product did not deploy it' })
  bpmnProcessId: string | null;

  @ApiInteger({ nullable: true, description: 'Its version; null when the product did not deploy it' })
  version: number | null;
}
