import { describe, expect, it } from '@jest/globals';
import {
  ActionPlanRule,
  checkActionPlanStart,
  checkPledge,
  defaultCallClosing,
  duplicateViolations,
  isCandidateGroup,
  isDecisionStatus,
  isResolutionDecision,
  nextPlanYear,
  summarizePlan,
  toPragueDateTime,
  type PlanItemFigures,
} from '@app/domain';

describe('checkPledge', () => {
  const pledge = (overrides: Partial<Parameters<typeof checkPledge>[0]> = {}) =>
    checkPledge({ kind: 'new_service', decision: 'declared', rate: 0.2, yearlyCosts: 12_000_000, pledged: 2_400_000, ...overrides });

  it('accepts a pledge of at least the required share and reports the amount', () => {
    expect(pledge()).toEqual({ accepted: true, requiredCofinancing: 2_400_000 });
    expect(pledge({ pledged: 5_000_000 })).toEqual({ accepted: true, requiredCofinancing: 2_400_000 });
  });

  it('refuses a pledge below the share with the required amount and a Czech reason', () => {
    const outcome = pledge({ pledged: 2_399_999 });
    expect(outcome).toMatchObject({ accepted: false, requiredCofinancing: 2_400_000 });
    expect(!outcome.accepted && outcome.rejection).toMatch(/^Závazek spolufinancování 2\s399\s999 Kč je nižší než požadovaný podíl 20 % ročních nákladů, tj\. 2\s400\s000 Kč\.$/);
  });

  it('refuses a declared new service without a pledge', () => {
    expect(pledge({ pledged: null })).toMatchObject({ accepted: false, requiredCofinancing: 2_400_000 });
  });

  it('needs no pledge for a capacity increase or a refusal', () => {
    expect(pledge({ kind: 'capacity_increase', pledged: null })).toEqual({ accepted: true, requiredCofinancing: null });
    expect(pledge({ decision: 'refused', pledged: null })).toEqual({ accepted: true, requiredCofinancing: null });
  });
});

describe('duplicateViolations', () => {
  it('names siblings still on their way through the cycle', () => {
    const violations = duplicateViolations('1', [
      { id: '1', status: 'submitted' },
      { id: '2', status: 'in_district_review' },
      { id: '3', status: 'in_reserve' },
    ]);
    expect(violations.map((violation) => [violation.field, violation.code])).toEqual([
      ['intention', 'DUPLICATE'],
      ['intention', 'DUPLICATE'],
    ]);
    expect(violations[0].message).toContain('Intention 2');
  });

  it('ignores drafts and intentions that have ended', () => {
    expect(
      duplicateViolations('1', [
        { id: '2', status: 'draft' },
        { id: '3', status: 'withdrawn' },
        { id: '4', status: 'need_refused' },
        { id: '5', status: 'included_in_action_plan' },
      ]),
    ).toEqual([]);
  });
});

describe('notifications', () => {
  it('tells the provider of decisions, not of the steps in between', () => {
    expect(['need_declared', 'not_recommended_by_district', 'approved_by_assembly', 'withdrawn'].every((status) => isDecisionStatus(status as never))).toBe(true);
    expect(['submitted', 'returned_for_completion', 'in_district_review', 'in_reserve'].some((status) => isDecisionStatus(status as never))).toBe(false);
  });

  it('recognises candidate groups', () => {
    expect(['orp:zidlochovice', 'orp-head:brno', 'region:jmk:social-dept', 'provider:70888337'].every(isCandidateGroup)).toBe(true);
    expect(['', 'zidlochovice', 'orp:', 'ORP:Brno', 42].some(isCandidateGroup)).toBe(false);
  });
});

describe('resolution decisions', () => {
  it('lets the Council recommend and the Assembly approve', () => {
    expect(isResolutionDecision('council', 'does-not-recommend')).toBe(true);
    expect(isResolutionDecision('council', 'approved')).toBe(false);
    expect(isResolutionDecision('assembly', 'rejected')).toBe(true);
    expect(isResolutionDecision('assembly', null)).toBe(false);
  });
});

describe('the call for intentions', () => {
  it('plans for the next year in Prague, also on New Year’s Eve night in UTC', () => {
    expect(nextPlanYear(new Date('2026-06-01T10:00:00Z'))).toBe(2027);
    expect(nextPlanYear(new Date('2026-12-31T23:30:00Z'))).toBe(2028);
  });

  it('closes on 31 March 23:59:59 Prague summer time', () => {
    const closing = defaultCallClosing(new Date('2027-01-04T07:00:00Z'));
    expect(closing.toISOString()).toBe('2027-03-31T21:59:59.000Z');
    expect(toPragueDateTime(closing)).toBe('2027-03-31T23:59:59+02:00');
  });

  it('closes 30 days from now when 31 March is less than 14 days away or has passed', () => {
    expect(defaultCallClosing(new Date('2027-03-20T12:00:00.500Z')).toISOString()).toBe('2027-04-19T12:00:00.000Z');
    expect(defaultCallClosing(new Date('2027-06-01T08:00:00Z')).toISOString()).toBe('2027-07-01T08:00:00.000Z');
    expect(defaultCallClosing(new Date('2027-03-17T21:59:59Z')).toISOString()).toBe('2027-03-31T21:59:59.000Z');
  });

  it('writes winter times with +01:00', () => {
    expect(toPragueDateTime(new Date('2027-01-04T07:00:00Z'))).toBe('2027-01-04T08:00:00+01:00');
  });

  it('opens plans for coming years with a whole-CZK ceiling and a future closing', () => {
    const now = new Date('2026-11-22T10:00:00Z');
    expect(checkActionPlanStart({ planYear: 2027, budgetCeiling: 0, callClosingDate: null }, now)).toEqual([]);
    expect(
      checkActionPlanStart({ planYear: 2026, budgetCeiling: 10.5, callClosingDate: new Date('2026-11-01T00:00:00Z') }, now).map((violation) => violation.code),
    ).toEqual([ActionPlanRule.PlanYearTooEarly, ActionPlanRule.AmountNotWholeCzk, ActionPlanRule.CallClosingInPast]);
  });
});

describe('summarizePlan', () => {
  const item = (overrides: Partial<PlanItemFigures>): PlanItemFigures => ({
    districtId: 'brno-venkov',
    orpId: 'zidlochovice',
    targetGroups: ['seniori'],
    serviceType: '49',
    yearlyCosts: 1000,
    requestedSubsidy: 400,
    municipalCofinancing: 200,
    capacity: 10,
    capacityUnit: 'beds',
    ...overrides,
  });

  it('totals the included intentions overall and by district, ORP, target group and service type', () => {
    const summary = summarizePlan([
      item({}),
      item({ orpId: 'kurim', serviceType: '48', targetGroups: ['seniori', 'osoby-se-zdravotnim-postizenim'], capacity: 5 }),
      item({ districtId: 'brno-mesto', orpId: 'brno', serviceType: '44', capacity: 1.1, capacityUnit: 'fte', municipalCofinancing: 0 }),
      item({ districtId: 'brno-mesto', orpId: 'brno', serviceType: '44', capacity: 2.2, capacityUnit: 'fte', municipalCofinancing: 0 }),
    ]);
    expect(summary.total).toEqual({ intentions: 4, yearlyCosts: 4000, requestedSubsidy: 1600, municipalCofinancing: 400, capacity: { beds: 15, fte: 3.3 } });
    expect(summary.byDistrict.map((row) => [row.districtId, row.intentions, row.capacity])).toEqual([
      ['brno-mesto', 2, { beds: 0, fte: 3.3 }],
      ['brno-venkov', 2, { beds: 15, fte: 0 }],
    ]);
    expect(summary.byOrp.map((row) => row.orpId)).toEqual(['brno', 'kurim', 'zidlochovice']);
    expect(summary.byServiceType.map((row) => [row.serviceType, row.requestedSubsidy])).toEqual([
      ['44', 800],
      ['48', 400],
      ['49', 400],
    ]);
    expect(summary.byTargetGroup.map((row) => [row.targetGroup, row.intentions])).toEqual([
      ['osoby-se-zdravotnim-postizenim', 1],
      ['seniori', 4],
    ]);
  });

  it('is all zeros for an empty plan', () => {
    expect(summarizePlan([])).toEqual({
      total: { intentions: 0, yearlyCosts: 0, requestedSubsidy: 0, municipalCofinancing: 0, capacity: { beds: 0, fte: 0 } },
      byDistrict: [],
      byOrp: [],
      byTargetGroup: [],
      byServiceType: [],
    });
  });
});
