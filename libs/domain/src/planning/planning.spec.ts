import { describe, expect, it } from '@jest/globals';
import { checkResolution, draftActionPlan, isPledgeSufficient, requiredCofinancing, ResolutionRule, scoreOpinions, type PlanCandidate } from '@app/domain';

const today = new Date('2026-11-22T10:00:00Z');

describe('checkResolution', () => {
  it('accepts the region’s numbering for the Council and the Assembly', () => {
    expect(checkResolution('council', '1234/26/R45', '2026-06-10', today)).toEqual([]);
    expect(checkResolution('assembly', '567/26/Z12', '2026-06-20', today)).toEqual([]);
  });

  it('refuses a number of the wrong body or shape', () => {
    expect(checkResolution('council', '567/26/Z12', '2026-06-20', today).map((v) => v.code)).toEqual([ResolutionRule.NumberFormat]);
    expect(checkResolution('assembly', 'Z12-567', '2026-06-20', today).map((v) => v.code)).toEqual([ResolutionRule.NumberFormat]);
  });

  it('requires the year in the number to be the year of the date', () => {
    expect(checkResolution('council', '1234/25/R45', '2026-06-10', today).map((v) => v.code)).toEqual([ResolutionRule.YearMismatch]);
  });

  it('refuses impossible and future dates', () => {
    expect(checkResolution('council', '1234/26/R45', '2026-02-30', today).map((v) => v.code)).toEqual([ResolutionRule.DateInvalid]);
    expect(checkResolution('council', '1234/26/R45', '2026-12-01', today).map((v) => v.code)).toEqual([ResolutionRule.DateInFuture]);
  });

  it('dates by Prague’s calendar: after midnight there, that day is today, the next one is still future', () => {
    const justAfterPragueMidnight = new Date('2026-12-07T23:30:00Z');
    expect(checkResolution('council', '1234/26/R45', '2026-12-08', justAfterPragueMidnight)).toEqual([]);
    expect(checkResolution('council', '1234/26/R45', '2026-12-09', justAfterPragueMidnight).map((v) => v.code)).toEqual([ResolutionRule.DateInFuture]);
  });
});

describe('requiredCofinancing', () => {
  it('takes the rate of the yearly costs, rounded up to whole CZK', () => {
    expect(requiredCofinancing(0.15, 1_000_000)).toBe(150_000);
    expect(requiredCofinancing(0.2, 12_345_679)).toBe(2_469_136);
    expect(requiredCofinancing(0.1, 0)).toBe(0);
  });

  it('accepts a pledge of at least the required amount', () => {
    expect(isPledgeSufficient(150_000, 150_000)).toBe(true);
    expect(isPledgeSufficient(149_999, 150_000)).toBe(false);
  });

  it('refuses a rate outside 0–1', () => {
    expect(() => requiredCofinancing(15, 1000)).toThrow(RangeError);
  });
});

describe('scoreOpinions', () => {
  const opinion = (member: string, scores: number[]) => ({
    member,
    comment: 'ok',
    need: scores[0],
    availability: scores[1],
    cost: scores[2],
    quality: scores[3],
    interconnection: scores[4],
  });

  it('averages every criterion of every opinion to two decimals', () => {
    const score = scoreOpinions([opinion('a', [5, 4, 3, 4, 5]), opinion('b', [4, 4, 2, 3, 5]), opinion('c', [5, 3, 3, 4, 4])]);
    expect(score.overall).toBe(3.87);
    expect(score.byCriterion).toEqual({ need: 4.67, availability: 3.67, cost: 2.67, quality: 3.67, interconnection: 4.67 });
  });

  it('has no score without opinions', () => {
    expect(scoreOpinions([])).toEqual({ overall: null, byCriterion: { need: null, availability: null, cost: null, quality: null, interconnection: null } });
  });

  it('refuses scores outside whole 0–5', () => {
    expect(() => scoreOpinions([opinion('a', [6, 4, 3, 4, 5])])).toThrow("Score 'need' of a");
    expect(() => scoreOpinions([opinion('a', [4.5, 4, 3, 4, 5])])).toThrow(RangeError);
  });
});

describe('draftActionPlan', () => {
  const candidate = (intentionId: string, requestedSubsidy: number, districtScore: number | null, approvedOn = '2026-06-20'): PlanCandidate => ({
    intentionId,
    requestedSubsidy,
    districtScore,
    approvedOn,
    submittedAt: new Date(`2026-01-0${intentionId}T00:00:00Z`),
  });
  const ids = (list: PlanCandidate[]) => list.map((item) => item.intentionId);

  it('includes the best-scored intentions that fit under the ceiling, first fit', () => {
    const draft = draftActionPlan([candidate('1', 600, 3.2), candidate('2', 500, 4.8), candidate('3', 300, 4.1), candidate('4', 100, null)], 1000);
    // 2 (500) and 3 (300) fit; 1 (600) would exceed; 4 (100) still fits.
    expect(ids(draft.included)).toEqual(['2', '3', '4']);
    expect(ids(draft.reserve)).toEqual(['1']);
    expect(draft.total).toBe(900);
  });

  it('breaks ties by the earlier Assembly decision, then submission', () => {
    const draft = draftActionPlan([candidate('1', 100, 4, '2026-06-21'), candidate('2', 100, 4, '2026-06-20'), candidate('3', 100, 4, '2026-06-20')], 200);
    expect(ids(draft.included)).toEqual(['2', '3']);
    expect(ids(draft.reserve)).toEqual(['1']);
  });

  it('puts excluded intentions, and everything without a ceiling, on the reserve list', () => {
    expect(ids(draftActionPlan([candidate('1', 100, 5), candidate('2', 100, 4)], 1000, new Set(['1'])).included)).toEqual(['2']);
    expect(draftActionPlan([candidate('1', 100, 5)], null)).toMatchObject({ included: [], total: 0 });
  });
});
