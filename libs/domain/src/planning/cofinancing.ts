/**
 * The municipal co-financing a new service needs: the decision table's rate of the yearly
 * costs, rounded up to whole CZK so that a pledge of exactly the amount suffices.
 */
export function requiredCofinancing(rate: number, yearlyCosts: number): number {
  if (!(rate >= 0 && rate <= 1)) throw new RangeError(`A co-financing rate is a share from 0 to 1, not ${rate}`);
  // Round the product to cents first: 0.15 * 1_000_000 is 150000.00000000003 in floating point.
  return Math.ceil(Math.round(rate * yearlyCosts * 100) / 100);
}

export function isPledgeSufficient(pledged: number, required: number): boolean {
  return pledged >= required;
}
