/** The five criteria the region evaluates services by. */
export const REVIEW_CRITERIA = ['need', 'availability', 'cost', 'quality', 'interconnection'] as const;
export type ReviewCriterion = (typeof REVIEW_CRITERIA)[number];

export interface DistrictOpinion extends Record<ReviewCriterion, number> {
  member: string;
  comment: string;
}

export interface DistrictScore {
  /** Mean of every criterion of every opinion, two decimals; null without opinions. */
  overall: number | null;
  byCriterion: Record<ReviewCriterion, number | null>;
}

const round2 = (value: number) => Math.round(value * 100) / 100;

export function isValidScore(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 5;
}

export function scoreOpinions(opinions: readonly DistrictOpinion[]): DistrictScore {
  for (const opinion of opinions) {
    for (const criterion of REVIEW_CRITERIA) {
      if (!isValidScore(opinion[criterion])) {
        throw new RangeError(`Score '${criterion}' of ${opinion.member} must be a whole number from 0 to 5`);
      }
    }
  }
  const mean = (values: number[]) => (values.length === 0 ? null : round2(values.reduce((sum, value) => sum + value, 0) / values.length));
  const byCriterion = Object.fromEntries(REVIEW_CRITERIA.map((criterion) => [criterion, mean(opinions.map((opinion) => opinion[criterion]))])) as Record<
    ReviewCriterion,
    number | null
  >;
  return { overall: mean(opinions.flatMap((opinion) => REVIEW_CRITERIA.map((criterion) => opinion[criterion]))), byCriterion };
}
