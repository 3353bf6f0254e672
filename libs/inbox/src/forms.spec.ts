import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { formVariables, validateSubmission, variablesUsedBy, type FormSchema } from './forms.js';

const form = (id: string) => JSON.parse(readFileSync(join(process.cwd(), 'bpmn', 'forms', `${id}.form`), 'utf8')) as FormSchema;
const codes = (result: { violations: { field: string; code: string }[] }) => result.violations.map(({ field, code }) => `${field}:${code}`);

describe('forms on the server', () => {
  describe('variablesUsedBy', () => {
    it('names the inputs, the templates, the conditions and the variable lists a form reads', () => {
      expect([...variablesUsedBy(form('orp-need-declaration'))].sort()).toEqual(
        expect.arrayContaining([
          'communityPlanMeasure', 'communityPlanPeriod', 'communityPlanTitle', 'districtQuestion', 'intentionKind', 'needDecision',
          'pledgeRejection', 'pledgedCofinancing', 'refusalReason', 'requiredCofinancingAmount', 'requiredCofinancingRate', 'yearlyCosts',
        ]),
      );
      expect(variablesUsedBy(form('action-plan-draft-review')).has('draftItems')).toBe(true);
    });

    it('keeps only those of the process variables', () => {
      expect(formVariables(form('district-opinion'), { intentionId: '7', scoreNeed: 3, districtTeam: ['a', 'b'] })).toEqual({ scoreNeed: 3 });
    });
  });

  describe('validateSubmission', () => {
    const declaration = form('orp-need-declaration');
    const newService = { intentionKind: 'new_service', requiredCofinancingRate: 0.2, yearlyCosts: 12_000_000 };

    it('refuses amounts that are not exact numbers or above the form’s maximum, and text PostgreSQL cannot store', () => {
      const declared = {
        needDecision: 'declared',
        communityPlanTitle: 'Komunitní plán',
        communityPlanPeriod: '2025–2027',
        communityPlanMeasure: 'Opatření 2.1',
      };
      expect(codes(validateSubmission(declaration, newService, { ...declared, pledgedCofinancing: 1e308 }))).toEqual(['variables.pledgedCofinancing:INVALID_TYPE']);
      expect(codes(validateSubmission(declaration, newService, { ...declared, pledgedCofinancing: 2 ** 53 }))).toEqual(['variables.pledgedCofinancing:INVALID_TYPE']);
      expect(codes(validateSubmission(declaration, newService, { ...declared, pledgedCofinancing: 1e13 }))).toEqual(['variables.pledgedCofinancing:TOO_LARGE']);
      expect(codes(validateSubmission(declaration, newService, { ...declared, communityPlanTitle: 'Plán\u0000', pledgedCofinancing: 1 }))).toEqual([
        'variables.communityPlanTitle:INVALID_TYPE',
      ]);
      expect(codes(validateSubmission(declaration, newService, { ...declared, communityPlanTitle: 'Plán \ud800', pledgedCofinancing: 1 }))).toEqual([
        'variables.communityPlanTitle:INVALID_TYPE',
      ]);
    });

    it('accepts a complete declaration and submits the visible fields only', () => {
      const result = validateSubmission(declaration, newService, {
        needDecision: 'declared',
        communityPlanTitle: 'Komunitní plán sociálních služeb ORP Židlochovice',
        communityPlanPeriod: '2025–2027',
        communityPlanMeasure: 'Opatření 2.1 Rozvoj pobytových služeb pro seniory',
        pledgedCofinancing: 2_400_000,
        refusalReason: 'left over from an earlier choice',
      });
      expect(result.violations).toEqual([]);
      expect(result.values).toEqual({
        needDecision: 'declared',
        communityPlanTitle: 'Komunitní plán sociálních služeb ORP Židlochovice',
        communityPlanPeriod: '2025–2027',
        communityPlanMeasure: 'Opatření 2.1 Rozvoj pobytových služeb pro seniory',
        pledgedCofinancing: 2_400_000,
      });
    });

    it('requires what is visible, by the condition on variables and data', () => {
      expect(codes(validateSubmission(declaration, newService, { needDecision: 'declared' }))).toEqual([
        'variables.communityPlanTitle:REQUIRED',
        'variables.communityPlanPeriod:REQUIRED',
        'variables.communityPlanMeasure:REQUIRED',
        'variables.pledgedCofinancing:REQUIRED',
      ]);
      // A capacity increase pledges nothing: the field is hidden, so not required.
      expect(codes(validateSubmission(declaration, { ...newService, intentionKind: 'capacity_increase' }, { needDecision: 'declared' }))).not.toContain(
        'variables.pledgedCofinancing:REQUIRED',
      );
      expect(codes(validateSubmission(declaration, newService, { needDecision: 'refused' }))).toEqual(['variables.refusalReason:REQUIRED']);
      expect(codes(validateSubmission(declaration, newService, {}))).toEqual(['variables.needDecision:REQUIRED']);
    });

    it('checks types, allowed values, patterns, lengths and bounds', () => {
      const result = validateSubmission(declaration, newService, {
        needDecision: 'declared',
        communityPlanTitle: 'x'.repeat(301),
        communityPlanPeriod: '2025/2027',
        communityPlanMeasure: 42,
        pledgedCofinancing: -1,
      });
      expect(codes(result)).toEqual([
        'variables.communityPlanTitle:TOO_LONG',
        'variables.communityPlanPeriod:PATTERN_MISMATCH',
        'variables.communityPlanMeasure:INVALID_TYPE',
        'variables.pledgedCofinancing:TOO_SMALL',
      ]);
      expect(codes(validateSubmission(declaration, newService, { needDecision: 'maybe' }))).toEqual(['variables.needDecision:NOT_ALLOWED']);
      expect(codes(validateSubmission(declaration, newService, { needDecision: 'refused', refusalReason: 'krátce' }))).toEqual(['variables.refusalReason:TOO_SHORT']);
    });

    it('takes whole numbers where the form has no decimal digits, and bounds them', () => {
      const opinion = form('district-opinion');
      const scores = { scoreNeed: 5, scoreAvailability: 4, scoreCost: 3, scoreQuality: 0, scoreInterconnection: 2, opinionComment: 'Služba v území chybí.' };
      expect(validateSubmission(opinion, {}, scores).violations).toEqual([]);
      expect(codes(validateSubmission(opinion, {}, { ...scores, scoreNeed: 4.5, scoreCost: 6, scoreQuality: '3' }))).toEqual([
        'variables.scoreNeed:INVALID_TYPE',
        'variables.scoreCost:TOO_LARGE',
        'variables.scoreQuality:INVALID_TYPE',
      ]);
    });

    it('checks dates, a required confirmation checkbox, unknown fields and values listed in a variable', () => {
      const council = form('council-resolution');
      expect(codes(validateSubmission(council, {}, { councilDecision: 'recommends', councilResolutionNumber: '1234/26/R45', councilResolutionDate: '2026-02-30' }))).toEqual([
        'variables.councilResolutionDate:INVALID_TYPE',
      ]);
      expect(codes(validateSubmission(form('intention-resubmission'), {}, { resubmissionConfirmed: false, extra: 1 }))).toEqual([
        'variables.extra:UNKNOWN_FIELD',
        'variables.resubmissionConfirmed:REQUIRED',
      ]);
      const review = form('action-plan-draft-review');
      const draftItems = [{ label: 'Záměr 7', value: '7' }, { label: 'Záměr 9', value: '9' }];
      expect(validateSubmission(review, { draftItems }, { draftDecision: 'recompute', budgetCeiling: 10_000_000, excludedIntentionIds: ['9'] }).violations).toEqual([]);
      expect(codes(validateSubmission(review, { draftItems }, { draftDecision: 'recompute', budgetCeiling: 10_000_000, excludedIntentionIds: ['8'] }))).toEqual([
        'variables.excludedIntentionIds:NOT_ALLOWED',
      ]);
    });
  });
});
