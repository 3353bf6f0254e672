import { describe, expect, it } from '@jest/globals';
import { checkIntentionRules, IntentionRule, missingForSubmission, type IntentionContent } from '@app/domain';
import { aContext, anIntention } from '../../../../test/factories/intention.js';

const codes = (intention: IntentionContent, context = aContext()) =>
  checkIntentionRules(intention, context).map((violation) => [violation.field, violation.code]);

describe('checkIntentionRules', () => {
  it('accepts a complete, consistent intention', () => {
    expect(codes(anIntention())).toEqual([]);
  });

  it('validates the IČO checksum', () => {
    expect(codes(anIntention({ providerIco: '70888338' }))).toEqual([['providerIco', IntentionRule.IcoInvalid]]);
  });

  it('requires a known type of service', () => {
    expect(codes(anIntention({ serviceType: '53' }))).toEqual([['serviceType', IntentionRule.ServiceTypeUnknown]]);
  });

  it('allows only the forms of provision the type may take', () => {
    // Domovy pro seniory (§ 49) are residential only.
    expect(codes(anIntention({ form: 'terenni', capacityUnit: 'fte', capacity: 2 }))).toEqual([['form', IntentionRule.FormNotAllowed]]);
    // Odlehčovací služby (§ 44) may take all three forms.
    expect(codes(anIntention({ serviceType: '44', form: 'terenni', capacityUnit: 'fte', capacity: 2.5 }))).toEqual([]);
  });

  it('requires known target groups, each once', () => {
    expect(codes(anIntention({ targetGroups: ['seniori', 'studenti', 'seniori'] }))).toEqual([
      ['targetGroups.1', IntentionRule.TargetGroupUnknown],
      ['targetGroups.2', IntentionRule.TargetGroupDuplicate],
    ]);
  });

  it('requires an ORP that lies in the region', () => {
    expect(codes(anIntention({ orpId: 'atlantis' }))).toEqual([['orpId', IntentionRule.OrpUnknown]]);
    expect(codes(anIntention({ orpId: 'jihlava' }))).toEqual([['orpId', IntentionRule.OrpOutsideRegion]]);
  });

  it('counts residential capacity in whole beds and other forms in FTE with two decimals', () => {
    expect(codes(anIntention({ capacityUnit: 'fte' }))).toEqual([['capacityUnit', IntentionRule.UnitDoesNotFitForm]]);
    expect(codes(anIntention({ capacity: 2.5 }))).toEqual([['capacity', IntentionRule.CapacityPrecision]]);
    expect(codes(anIntention({ capacity: 0 }))).toEqual([['capacity', IntentionRule.CapacityNotPositive]]);
    const field = { serviceType: '69', form: 'terenni' as const, capacityUnit: 'fte' as const };
    expect(codes(anIntention({ ...field, capacity: 1.25 }))).toEqual([]);
    expect(codes(anIntention({ ...field, capacity: 1.255 }))).toEqual([['capacity', IntentionRule.CapacityPrecision]]);
  });

  it('takes whole non-negative CZK and a subsidy no larger than the costs', () => {
    expect(codes(anIntention({ yearlyCosts: -1 }))).toEqual([['yearlyCosts', IntentionRule.AmountNotWholeCzk]]);
    expect(codes(anIntention({ requestedSubsidy: 10.5 }))).toEqual([['requestedSubsidy', IntentionRule.AmountNotWholeCzk]]);
    expect(codes(anIntention({ yearlyCosts: 100, requestedSubsidy: 101 }))).toEqual([['requestedSubsidy', IntentionRule.SubsidyExceedsCosts]]);
    expect(codes(anIntention({ yearlyCosts: 100, requestedSubsidy: 100 }))).toEqual([]);
    expect(codes(anIntention({ yearlyCosts: 0, requestedSubsidy: 0 }))).toEqual([]);
  });

  it('plans for next year at the earliest', () => {
    expect(codes(anIntention({ planYear: 2026 }))).toEqual([['planYear', IntentionRule.PlanYearTooEarly]]);
    expect(codes(anIntention({ planYear: 2027 }))).toEqual([]);
    expect(codes(anIntention({ planYear: 2027 }), aContext({ today: new Date('2027-01-01T00:00:00Z') }))).toEqual([
      ['planYear', IntentionRule.PlanYearTooEarly],
    ]);
  });

  it('names the existing service only for a capacity increase, by its seven-digit registry id', () => {
    expect(codes(anIntention({ existingServiceRegistryId: '1234567' }))).toEqual([
      ['existingServiceRegistryId', IntentionRule.ExistingServiceNotApplicable],
    ]);
    expect(codes(anIntention({ kind: 'capacity_increase', existingServiceRegistryId: '123' }))).toEqual([
      ['existingServiceRegistryId', IntentionRule.ExistingServiceIdInvalid],
    ]);
    expect(codes(anIntention({ kind: 'capacity_increase', existingServiceRegistryId: '1234567' }))).toEqual([]);
  });
});

describe('missingForSubmission', () => {
  it('finds nothing missing in a complete intention', () => {
    expect(missingForSubmission(anIntention())).toEqual([]);
  });

  it('lists every field a draft left empty', () => {
    const draft = anIntention({
      kind: 'capacity_increase',
      form: null,
      capacity: null,
      capacityUnit: null,
      yearlyCosts: null,
      requestedSubsidy: null,
      targetGroups: [],
      justification: '  ',
    });
    expect(missingForSubmission(draft).map((violation) => [violation.field, violation.code])).toEqual([
      ['form', IntentionRule.Required],
      ['capacity', IntentionRule.Required],
      ['capacityUnit', IntentionRule.Required],
      ['yearlyCosts', IntentionRule.Required],
      ['requestedSubsidy', IntentionRule.Required],
      ['targetGroups', IntentionRule.Required],
      ['justification', IntentionRule.Required],
      ['existingServiceRegistryId', IntentionRule.ExistingServiceRequired],
    ]);
  });
});
