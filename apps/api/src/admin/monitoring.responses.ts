import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ApiDateTime, ApiFreeForm, ApiInt64, ApiInteger, ApiNextCursor, ApiNullableString } from '../common/openapi.js';

const STATES = ['ACTIVE', 'COMPLETED', 'TERMINATED'] as const;
type State = (typeof STATES)[number];
const ApiState = () => ApiProperty({ enum: STATES, enumName: 'InstanceState' });

export class InstanceSummaryResponse {
  @ApiInt64()
  processInstanceKey: string;

  @ApiProperty()
  bpmnProcessId: string;

  @ApiInteger()
  version: number;

  @ApiNullableString({ description: 'The intention id the instance carries' })
  businessKey: string | null;

  @ApiState()
  state: State;

  @ApiDateTime()
  startedAt: string;

  @ApiDateTime({ nullable: true })
  endedAt: string | null;
}

export class InstancePageResponse {
  @ApiProperty({ type: () => InstanceSummaryResponse, isArray: true })
  items: InstanceSummaryResponse[];

  @ApiNextCursor()
  nextCursor: string | null;
}

export class ElementInstanceResponse {
  @ApiInt64()
  key: string;

  @ApiProperty()
  elementId: string;

  @ApiPropertyOptional({ description: 'The element’s name in the model, when it has one' })
  elementName?: string;

  @ApiProperty({ example: 'SERVICE_TASK' })
  elementType: string;

  @ApiInt64({ description: 'The element instance it runs in; -1 for the process instance itself' })
  flowScopeKey: string;

  @ApiState()
  state: State;

  @ApiDateTime()
  startedAt: string;

  @ApiDateTime({ required: false })
  endedAt?: string;

  @ApiInt64({ required: false, description: 'Call activities: the process instance they started' })
  calledProcessInstanceKey?: string;
}

export class VariableScopeResponse {
  @ApiInt64()
  scopeKey: string;

  @ApiProperty()
  elementId: string;

  @ApiFreeForm({ description: 'The latest value of each variable' })
  variables: Record<string, unknown>;
}

export class InstanceIncidentResponse {
  @ApiInt64()
  key: string;

  @ApiProperty()
  errorType: string;

  @ApiProperty()
  errorMessage: string;

  @ApiProperty()
  elementId: string;

  @ApiInt64()
  elementInstanceKey: string;

  @ApiInt64({ description: '-1 when the incident is not a job’s' })
  jobKey: string;

  @ApiDateTime()
  createdAt: string;
}

/** One process instance: its element instances, variables by scope and open incidents. */
export class ProcessInstanceResponse {
  @ApiInt64()
  processInstanceKey: string;

  @ApiProperty()
  bpmnProcessId: string;

  @ApiInteger()
  version: number;

  @ApiInt64()
  processDefinitionKey: string;

  @ApiInt64({ description: '-1 for a root instance' })
  parentProcessInstanceKey: string;

  @ApiInt64({ description: '-1 for a root instance' })
  parentElementInstanceKey: string;

  @ApiState()
  state: State;

  @ApiDateTime()
  startedAt: string;

  @ApiDateTime({ required: false })
  endedAt?: string;

  @ApiProperty({ type: () => ElementInstanceResponse, isArray: true, description: 'The process instance first, in activation order' })
  elements: ElementInstanceResponse[];

  @ApiProperty({ type: () => VariableScopeResponse, isArray: true })
  variables: VariableScopeResponse[];

  @ApiProperty({ type: () => InstanceIncidentResponse, isArray: true })
  incidents: InstanceIncidentResponse[];

  @ApiProperty({ type: String, isArray: true, description: 'Ids of the sequence flows taken so far' })
  takenFlows: string[];
}

export class OpenIncidentResponse {
  @ApiInt64()
  incidentKey: string;

  @ApiInt64()
  processInstanceKey: string;

  @ApiProperty()
  bpmnProcessId: string;

  @ApiProperty()
  elementId: string;

  @ApiInt64()
  elementInstanceKey: string;

  @ApiInt64({ description: '-1 when the incident is not a job’s' })
  jobKey: string;

  @ApiProperty()
  errorType: string;

  @ApiProperty()
  errorMessage: string;

  @ApiDateTime()
  createdAt: string;
}

export class ElementDurationResponse {
  @ApiProperty()
  elementId: string;

  @ApiPropertyOptional()
  elementName?: string;

  @ApiInteger({ description: 'Completed element instances' })
  completed: number;

  @ApiInteger()
  medianMs: number;

  @ApiInteger()
  p95Ms: number;
}

export class ProcessFiguresResponse {
  @ApiProperty()
  bpmnProcessId: string;

  @ApiInteger()
  running: number;

  @ApiInteger()
  completed: number;

  @ApiInteger()
  terminated: number;

  @ApiInteger()
  openIncidents: number;

  @ApiProperty({ type: () => ElementDurationResponse, isArray: true, description: 'The longest median first' })
  elements: ElementDurationResponse[];
}
