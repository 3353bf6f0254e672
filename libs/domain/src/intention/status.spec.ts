import { describe, expect, it } from '@jest/globals';
import { assertTransition, canTransition, DomainError, INTENTION_STATUSES, isEditableStatus, isFinalStatus } from '@app/domain';

describe('intention lifecycle', () => {
  it('follows the planning cycle from draft to the Action Plan', () => {
    const path = [
      'draft',
      'submitted',
      'need_declared',
      'in_district_review',
      'recommended_by_district',
      'recommended_by_council',
      'approved_by_assembly',
      'included_in_action_plan',
    ] as const;
    for (let i = 1; i < path.length; i++) expect(canTransition(path[i - 1], path[i])).toBe(true);
  });

  it('lets the Assembly decide whatever the Council recommended', () => {
    expect(canTransition('not_recommended_by_council', 'approved_by_assembly')).toBe(true);
  });

  it('allows withdrawal only before the Assembly decides', () => {
    expect(canTransition('draft', 'withdrawn')).toBe(false);
    expect(canTransition('in_district_review', 'withdrawn')).toBe(true);
    expect(canTransition('not_recommended_by_council', 'withdrawn')).toBe(true);
    expect(canTransition('approved_by_assembly', 'withdrawn')).toBe(false);
  });

  it('refuses skipping steps with a typed error', () => {
    expect(() => assertTransition('draft', 'approved_by_assembly')).toThrow(DomainError);
    expect(() => assertTransition('submitted', 'need_declared')).not.toThrow();
  });

  it('knows which statuses end the intention', () => {
    const final = INTENTION_STATUSES.filter(isFinalStatus);
    expect(final).toEqual([
      'need_refused',
      'not_recommended_by_district',
      'rejected_by_assembly',
      'included_in_action_plan',
      'withdrawn',
    ]);
  });

  it('lets the provider change a draft and an intention returned for completion, nothing else', () => {
    expect(INTENTION_STATUSES.filter(isEditableStatus)).toEqual(['draft', 'returned_for_completion']);
  });
});
