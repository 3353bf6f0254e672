import { ApiProperty } from '@nestjs/swagger';
import {
  CAPACITY_UNITS,
  INTENTION_KINDS,
  INTENTION_STATUSES,
  NEED_DECISIONS,
  PROVISION_FORMS,
  RESOLUTION_BODIES,
  type CapacityUnit,
  type IntentionKind,
  type IntentionStatus,
  type NeedDecisionValue,
  type ProvisionForm,
  type ResolutionBody,
} from '@app/domain';
import { ApiDateTime, ApiFreeForm, ApiInt64, ApiInteger, ApiNextCursor, ApiNullableString } from '../common/openapi.js';

const ApiNullableNumber = (description?: string) => ApiProperty({ type: Number, nullable: true, description });
const ApiNullableInteger = (description?: string) => ApiInteger({ nullable: true, description });
const ApiStatus = (nullable = false) => ApiProperty({ enum: INTENTION_STATUSES, enumName: 'IntentionStatus', nullable });

/** A development intention (rozvojový záměr) as stored. */
export class IntentionResponse {
  @ApiInt64()
  id: string;

  @ApiStatus()
  status: IntentionStatus;

  @ApiProperty({ enum: INTENTION_KINDS, enumName: 'IntentionKind' })
  kind: IntentionKind;

  @ApiNullableString({ description: 'Capacity increases: the service in the national registry (seven digits)' })
  existingServiceRegistryId: string | null;

  @ApiProperty()
  providerName: string;

  @ApiProperty({ example: '25596641' })
  providerIco: string;

  @ApiProperty({ example: '49', description: 'Paragraph of the service type' })
  serviceType: string;

  @ApiProperty({ enum: PROVISION_FORMS, enumName: 'ProvisionForm', nullable: true })
  form: ProvisionForm | null;

  @ApiProperty({ type: String, isArray: true, description: 'Target group codes' })
  targetGroups: string[];

  @ApiProperty()
  orpId: string;

  @ApiNullableNumber('Beds (whole) or full-time equivalents (two decimals)')
  capacity: number | null;

  @ApiProperty({ enum: CAPACITY_UNITS, enumName: 'CapacityUnit', nullable: true })
  capacityUnit: CapacityUnit | null;

  @ApiNullableInteger('Whole CZK')
  yearlyCosts: number | null;

  @ApiNullableInteger('Whole CZK')
  requestedSubsidy: number | null;

  @ApiInteger()
  planYear: number;

  @ApiNullableString()
  justification: string | null;

  @ApiInt64({ nullable: true, description: 'The approval process instance, once submitted' })
  processInstanceKey: string | null;

  @ApiDateTime({ nullable: true })
  submittedAt: string | null;

  @ApiNullableNumber('The district team’s latest score, 0–5')
  districtScore: number | null;

  @ApiNullableString({ description: 'Why the intention is in its status, when the status has a reason' })
  statusReason: string | null;

  @ApiDateTime()
  createdAt: string;

  @ApiDateTime()
  updatedAt: string;

  @ApiInteger({ description: 'Optimistic version, +1 on each change' })
  version: number;
}

/** One entry of an intention's history. */
export class IntentionEventResponse {
  @ApiInt64()
  id: string;

  @ApiInt64()
  intentionId: string;

  @ApiDateTime()
  occurredAt: string;

  @ApiProperty({ description: 'A user id, or process:<bpmnProcessId>' })
  actor: string;

  @ApiProperty({ example: 'submitted', description: 'created, updated, submitted, withdrawal-requested, status-changed' })
  action: string;

  @ApiStatus(true)
  fromStatus: IntentionStatus | null;

  @ApiStatus(true)
  toStatus: IntentionStatus | null;

  @ApiFreeForm({ description: 'What changed' })
  data: Record<string, unknown>;

  @ApiNullableString({ description: 'The reason of a status change or of a withdrawal' })
  comment: string | null;
}

export class IntentionDetailResponse extends IntentionResponse {
  @ApiProperty({ type: () => IntentionEventResponse, isArray: true, description: 'Oldest first' })
  history: IntentionEventResponse[];
}

export class IntentionPageResponse {
  @ApiProperty({ type: () => IntentionResponse, isArray: true })
  items: IntentionResponse[];

  @ApiNextCursor()
  nextCursor: string | null;
}

/** The ORP's declaration of need or its refusal. */
export class NeedDeclarationResponse {
  @ApiInt64()
  id: string;

  @ApiInt64()
  intentionId: string;

  @ApiInt64({ description: 'The job that recorded it' })
  jobKey: string;

  @ApiProperty({ enum: NEED_DECISIONS, enumName: 'NeedDecision' })
  decision: NeedDecisionValue;

  @ApiNullableString()
  communityPlanTitle: string | null;

  @ApiNullableString()
  communityPlanPeriod: string | null;

  @ApiNullableString()
  communityPlanMeasure: string | null;

  @ApiNullableNumber('0–1, four decimals')
  cofinancingRate: number | null;

  @ApiNullableInteger('Whole CZK')
  requiredCofinancing: number | null;

  @ApiNullableInteger('Whole CZK')
  pledgedCofinancing: number | null;

  @ApiNullableString()
  refusalReason: string | null;

  @ApiDateTime()
  declaredAt: string;
}

/** One district team member's opinion (posudek), each criterion 0–5. */
export class DistrictOpinionResponse {
  @ApiInt64()
  reviewId: string;

  @ApiProperty({ description: 'The member’s user id' })
  member: string;

  @ApiInteger()
  need: number;

  @ApiInteger()
  availability: number;

  @ApiInteger()
  cost: number;

  @ApiInteger()
  quality: number;

  @ApiInteger()
  interconnection: number;

  @ApiProperty()
  comment: string;
}

/** One round of the district team's opinions with the scores they add up to (null without opinions). */
export class DistrictReviewResponse {
  @ApiInt64()
  id: string;

  @ApiInt64()
  intentionId: string;

  @ApiInt64()
  jobKey: string;

  @ApiNullableNumber()
  score: number | null;

  @ApiNullableNumber()
  scoreNeed: number | null;

  @ApiNullableNumber()
  scoreAvailability: number | null;

  @ApiNullableNumber()
  scoreCost: number | null;

  @ApiNullableNumber()
  scoreQuality: number | null;

  @ApiNullableNumber()
  scoreInterconnection: number | null;

  @ApiDateTime()
  summarizedAt: string;

  @ApiProperty({ type: () => DistrictOpinionResponse, isArray: true })
  opinions: DistrictOpinionResponse[];
}

export class IntentionResolutionResponse {
  @ApiProperty({ enum: RESOLUTION_BODIES, enumName: 'ResolutionBody' })
  body: ResolutionBody;

  @ApiProperty({ example: '567/26/Z12' })
  number: string;

  @ApiProperty({ format: 'date', example: '2026-06-18' })
  date: string;

  @ApiProperty({ example: 'recommends', description: 'The form’s decision, e.g. recommends or approved' })
  decision: string;

  @ApiDateTime()
  recordedAt: string;
}

/** An intention with everything recorded about it. */
export class IntentionDossierResponse extends IntentionDetailResponse {
  @ApiProperty({ type: () => NeedDeclarationResponse, isArray: true })
  needDeclarations: NeedDeclarationResponse[];

  @ApiProperty({ type: () => DistrictReviewResponse, isArray: true })
  districtReviews: DistrictReviewResponse[];

  @ApiProperty({ type: () => IntentionResolutionResponse, isArray: true })
  resolutions: IntentionResolutionResponse[];
}
