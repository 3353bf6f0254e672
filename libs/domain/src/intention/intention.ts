import { capacityUnitFor, type CapacityUnit } from '../catalogue/capacity.js';
import type { ProvisionForm, ServiceType } from '../catalogue/service-types.js';
import type { FieldViolation } from '../errors.js';
import { isValidIco } from '../ico.js';

export const INTENTION_KINDS = ['new_service', 'capacity_increase'] as const;
/** A new service, or more capacity of a service already in the registry. */
export type IntentionKind = (typeof INTENTION_KINDS)[number];

/** The content of a development intention (rozvojový záměr) as its provider writes it. */
export interface IntentionContent {
  kind: IntentionKind;
  /** Identifier of the existing service in the national registry; capacity increases only. */
  existingServiceRegistryId: string | null;
  providerName: string;
  providerIco: string;
  /** Paragraph of the service type, e.g. "49". */
  serviceType: string;
  form: ProvisionForm | null;
  targetGroups: string[];
  orpId: string;
  capacity: number | null;
  capacityUnit: CapacityUnit | null;
  /** Yearly costs of the service or of the added capacity, whole CZK. */
  yearlyCosts: number | null;
  /** Subsidy requested from the region, whole CZK. */
  requestedSubsidy: number | null;
  planYear: number;
  justification: string | null;
}

/** What the rules need to know about the catalogue and the territory. */
export interface IntentionContext {
  regionId: string;
  serviceTypes: readonly Pick<ServiceType, 'paragraph' | 'forms'>[];
  targetGroupCodes: readonly string[];
  /** Every known ORP with the region it lies in. */
  orps: readonly { id: string; regionId: string }[];
  today: Date;
}

export enum IntentionRule {
  Required = 'REQUIRED',
  IcoInvalid = 'ICO_INVALID',
  ServiceTypeUnknown = 'SERVICE_TYPE_UNKNOWN',
  FormNotAllowed = 'FORM_NOT_ALLOWED_FOR_SERVICE_TYPE',
  TargetGroupUnknown = 'TARGET_GROUP_UNKNOWN',
  TargetGroupDuplicate = 'TARGET_GROUP_DUPLICATE',
  OrpUnknown = 'ORP_UNKNOWN',
  OrpOutsideRegion = 'ORP_OUTSIDE_REGION',
  CapacityNotPositive = 'CAPACITY_NOT_POSITIVE',
  CapacityPrecision = 'CAPACITY_PRECISION',
  UnitDoesNotFitForm = 'UNIT_DOES_NOT_FIT_FORM',
  AmountNotWholeCzk = 'AMOUNT_NOT_WHOLE_CZK',
  SubsidyExceedsCosts = 'SUBSIDY_EXCEEDS_COSTS',
  PlanYearTooEarly = 'PLAN_YEAR_TOO_EARLY',
  ExistingServiceRequired = 'EXISTING_SERVICE_REQUIRED',
  ExistingServiceNotApplicable = 'EXISTING_SERVICE_NOT_APPLICABLE',
  ExistingServiceIdInvalid = 'EXISTING_SERVICE_ID_INVALID',
}

/** Identifier of a social service in the national registry of providers: seven digits. */
const REGISTRY_SERVICE_ID = /^\d{7}$/;

/**
 * Checks the rules that hold for every intention, draft or not, on the fields that are
 * filled in. Completeness for submission is `missingForSubmission`.
 */
export function checkIntentionRules(intention: IntentionContent, context: IntentionContext): FieldViolation[] {
  const violations: FieldViolation[] = [];
  const violate = (field: string, code: IntentionRule, message: string) => violations.push({ field, code, message });

  if (!isValidIco(intention.providerIco)) {
    violate('providerIco', IntentionRule.IcoInvalid, 'IČO must be eight digits with a valid check digit');
  }

  if (intention.kind === 'capacity_increase') {
    if (intention.existingServiceRegistryId !== null && !REGISTRY_SERVICE_ID.test(intention.existingServiceRegistryId)) {
      violate('existingServiceRegistryId', IntentionRule.ExistingServiceIdInvalid, 'The registry identifier of a service has seven digits');
    }
  } else if (intention.existingServiceRegistryId !== null) {
    violate('existingServiceRegistryId', IntentionRule.ExistingServiceNotApplicable, 'A new service has no registry identifier yet');
  }

  const serviceType = context.serviceTypes.find((type) => type.paragraph === intention.serviceType);
  if (!serviceType) {
    violate('serviceType', IntentionRule.ServiceTypeUnknown, `Unknown type of social service '§ ${intention.serviceType}'`);
  } else if (intention.form !== null && !serviceType.forms.includes(intention.form)) {
    violate('form', IntentionRule.FormNotAllowed, `The service of § ${serviceType.paragraph} can be provided only as: ${serviceType.forms.join(', ')}`);
  }

  const seen = new Set<string>();
  for (const [index, code] of intention.targetGroups.entries()) {
    if (!context.targetGroupCodes.includes(code)) {
      violate(`targetGroups.${index}`, IntentionRule.TargetGroupUnknown, `Unknown target group '${code}'`);
    } else if (seen.has(code)) {
      violate(`targetGroups.${index}`, IntentionRule.TargetGroupDuplicate, `Target group '${code}' is listed twice`);
    }
    seen.add(code);
  }

  const orp = context.orps.find((candidate) => candidate.id === intention.orpId);
  if (!orp) {
    violate('orpId', IntentionRule.OrpUnknown, `Unknown ORP '${intention.orpId}'`);
  } else if (orp.regionId !== context.regionId) {
    violate('orpId', IntentionRule.OrpOutsideRegion, `ORP '${orp.id}' does not lie in the region '${context.regionId}'`);
  }

  checkCapacity(intention, violate);
  checkAmounts(intention, violate);

  const nextYear = context.today.getUTCFullYear() + 1;
  if (intention.planYear < nextYear) {
    violate('planYear', IntentionRule.PlanYearTooEarly, `An intention can be planned for ${nextYear} at the earliest`);
  }
  return violations;
}

type Violate = (field: string, code: IntentionRule, message: string) => void;

function checkCapacity(intention: IntentionContent, violate: Violate): void {
  const { capacity, capacityUnit, form } = intention;
  if (capacity !== null) {
    if (!(capacity > 0)) {
      violate('capacity', IntentionRule.CapacityNotPositive, 'Capacity must be greater than zero');
    } else if (capacityUnit === 'beds' && !Number.isInteger(capacity)) {
      violate('capacity', IntentionRule.CapacityPrecision, 'Beds are counted in whole numbers');
    } else if (capacityUnit === 'fte' && !Number.isInteger(Math.round(capacity * 100 * 1e6) / 1e6)) {
      violate('capacity', IntentionRule.CapacityPrecision, 'Full-time equivalents have at most two decimal places');
    }
  }
  if (capacityUnit !== null && form !== null && capacityUnit !== capacityUnitFor(form)) {
    violate('capacityUnit', IntentionRule.UnitDoesNotFitForm, `Capacity of a ${form} service is counted in '${capacityUnitFor(form)}'`);
  }
}

function checkAmounts(intention: IntentionContent, violate: Violate): void {
  let wellFormed = true;
  for (const field of ['yearlyCosts', 'requestedSubsidy'] as const) {
    const amount = intention[field];
    if (amount !== null && !(Number.isSafeInteger(amount) && amount >= 0)) {
      violate(field, IntentionRule.AmountNotWholeCzk, 'Amounts are whole, non-negative CZK');
      wellFormed = false;
    }
  }
  const { yearlyCosts, requestedSubsidy } = intention;
  if (wellFormed && yearlyCosts !== null && requestedSubsidy !== null && requestedSubsidy > yearlyCosts) {
    violate('requestedSubsidy', IntentionRule.SubsidyExceedsCosts, 'The requested subsidy cannot exceed the yearly costs');
  }
}

/** The fields a draft may leave empty but a submitted intention must have. */
export function missingForSubmission(intention: IntentionContent): FieldViolation[] {
  const missing: string[] = [];
  for (const field of ['form', 'capacity', 'capacityUnit', 'yearlyCosts', 'requestedSubsidy'] as const) {
    if (intention[field] === null) missing.push(field);
  }
  if (intention.targetGroups.length === 0) missing.push('targetGroups');
  if (!intention.justification?.trim()) missing.push('justification');
  const violations = missing.map((field) => ({ field, code: IntentionRule.Required, message: `${field} is required before submission` }));
  if (intention.kind === 'capacity_increase' && intention.existingServiceRegistryId === null) {
    violations.push({
      field: 'existingServiceRegistryId',
      code: IntentionRule.ExistingServiceRequired,
      message: 'A capacity increase names the registry identifier of the existing service',
    });
  }
  return violations;
}
