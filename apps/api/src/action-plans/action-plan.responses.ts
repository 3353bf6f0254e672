import { ApiProperty } from '@nestjs/swagger';
import { CAPACITY_UNITS, PROVISION_FORMS, type CapacityUnit, type ProvisionForm } from '@app/domain';
import type { ActionPlanPlacement, ActionPlanStatus } from '@app/persistence';
import { TargetGroupResponse } from '../catalog/catalog.responses.js';
import { ApiInt64, ApiInteger } from '../common/openapi.js';

const ACTION_PLAN_STATUSES = ['call_open', 'draft', 'approved'] as const satisfies readonly ActionPlanStatus[];
const PLACEMENTS = ['included', 'reserve'] as const satisfies readonly ActionPlanPlacement[];

/** An intention on the plan (included) or on its reserve list. */
export class ActionPlanItemResponse {
  @ApiInteger({ description: '1 = first' })
  rank: number;

  @ApiProperty({ enum: PLACEMENTS, enumName: 'ActionPlanPlacement' })
  placement: ActionPlanPlacement;

  @ApiInt64()
  intentionId: string;

  @ApiProperty()
  providerName: string;

  @ApiProperty()
  providerIco: string;

  @ApiProperty({ example: '49' })
  serviceType: string;

  @ApiProperty()
  serviceTypeName: string;

  @ApiProperty({ enum: PROVISION_FORMS, enumName: 'ProvisionForm' })
  form: ProvisionForm;

  @ApiProperty()
  districtId: string;

  @ApiProperty()
  districtName: string;

  @ApiProperty()
  orpId: string;

  @ApiProperty()
  orpName: string;

  @ApiProperty({ type: () => TargetGroupResponse, isArray: true })
  targetGroups: TargetGroupResponse[];

  @ApiProperty()
  capacity: number;

  @ApiProperty({ enum: CAPACITY_UNITS, enumName: 'CapacityUnit' })
  capacityUnit: CapacityUnit;

  @ApiInteger({ description: 'Whole CZK' })
  yearlyCosts: number;

  @ApiInteger({ description: 'Whole CZK' })
  requestedSubsidy: number;

  @ApiInteger({ nullable: true, description: 'The municipalities’ pledge from the ORP’s latest declaration; null for a capacity increase' })
  municipalCofinancing: number | null;

  @ApiProperty({ type: Number, nullable: true })
  districtScore: number | null;
}

/** Beds and full-time equivalents are summed apart. */
export class CapacityTotalsResponse {
  @ApiProperty()
  beds: number;

  @ApiProperty()
  fte: number;
}

export class PlanTotalsResponse {
  @ApiInteger()
  intentions: number;

  @ApiInteger()
  yearlyCosts: number;

  @ApiInteger()
  requestedSubsidy: number;

  @ApiInteger()
  municipalCofinancing: number;

  @ApiProperty({ type: () => CapacityTotalsResponse })
  capacity: CapacityTotalsResponse;
}

export class DistrictTotalsResponse extends PlanTotalsResponse {
  @ApiProperty()
  districtId: string;
}

export class OrpTotalsResponse extends PlanTotalsResponse {
  @ApiProperty()
  orpId: string;
}

export class TargetGroupTotalsResponse extends PlanTotalsResponse {
  @ApiProperty()
  targetGroup: string;
}

export class ServiceTypeTotalsResponse extends PlanTotalsResponse {
  @ApiProperty()
  serviceType: string;
}

/** Totals of the included intentions; an intention serving several target groups counts in each. */
export class PlanSummaryResponse {
  @ApiProperty({ type: () => PlanTotalsResponse })
  total: PlanTotalsResponse;

  @ApiProperty({ type: () => DistrictTotalsResponse, isArray: true })
  byDistrict: DistrictTotalsResponse[];

  @ApiProperty({ type: () => OrpTotalsResponse, isArray: true })
  byOrp: OrpTotalsResponse[];

  @ApiProperty({ type: () => TargetGroupTotalsResponse, isArray: true })
  byTargetGroup: TargetGroupTotalsResponse[];

  @ApiProperty({ type: () => ServiceTypeTotalsResponse, isArray: true })
  byServiceType: ServiceTypeTotalsResponse[];
}

export class ActionPlanResolutionResponse {
  @ApiProperty({ example: '567/26/Z12' })
  number: string;

  @ApiProperty({ format: 'date', example: '2026-06-18' })
  date: string;
}

/** The Action Plan (akční plán) of a year. */
export class ActionPlanResponse {
  @ApiInteger()
  planYear: number;

  @ApiProperty({ enum: ACTION_PLAN_STATUSES, enumName: 'ActionPlanStatus' })
  status: ActionPlanStatus;

  @ApiInteger({ nullable: true, description: 'Whole CZK; null without a ceiling' })
  budgetCeiling: number | null;

  @ApiProperty({ format: 'date-time', example: '2040-03-31T23:59:59+02:00', description: 'Prague local time with its offset' })
  callClosingDate: string;

  @ApiInteger({ description: 'Requested subsidies of the included intentions, CZK' })
  includedTotal: number;

  @ApiProperty({ type: () => ActionPlanResolutionResponse, nullable: true, description: 'The Assembly’s resolution, once approved' })
  resolution: ActionPlanResolutionResponse | null;

  @ApiProperty({ type: () => ActionPlanItemResponse, isArray: true })
  included: ActionPlanItemResponse[];

  @ApiProperty({ type: () => ActionPlanItemResponse, isArray: true })
  reserve: ActionPlanItemResponse[];

  @ApiProperty({ type: () => PlanSummaryResponse, description: 'Over the included intentions only' })
  totals: PlanSummaryResponse;
}
