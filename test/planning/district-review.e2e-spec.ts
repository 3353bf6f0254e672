import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DomainErrorCode } from '@app/domain';
import { DistrictOpinionEntity, DistrictReviewEntity, IntentionEntity } from '@app/persistence';
import { DistrictReviewService } from '@app/planning';
import { aDistrictTeam, aJob, anOpinion, aStoredIntention } from '../factories/planning.js';
import { auditOf, startPlanning, type PlanningTestContext } from './support.js';

describe('DistrictReviewService', () => {
  let context: PlanningTestContext;
  let reviews: DistrictReviewService;
  const scoreOf = async (id: string) => (await context.dataSource.manager.findOneByOrFail(IntentionEntity, { id })).districtScore;

  beforeAll(async () => {
    context = await startPlanning();
    reviews = context.get(DistrictReviewService);
    await aDistrictTeam(context.dataSource, 'brno-venkov', { 'user:novak': 'chair', 'user:dvorakova': 'member', 'user:svoboda': 'member' });
    await aDistrictTeam(context.dataSource, 'znojmo', { 'user:kral': 'member' });
  });
  afterAll(() => context?.close());

  it('loads the district’s team, chair included', async () => {
    expect(await reviews.loadTeam('brno-venkov')).toEqual(['user:dvorakova', 'user:novak', 'user:svoboda']);
    expect(await reviews.loadTeam('blansko')).toEqual([]);
  });

  it('refuses an unknown district', async () => {
    await expect(reviews.loadTeam('atlantida')).rejects.toMatchObject({ code: DomainErrorCode.NotFound });
  });

  it('stores the opinions and makes their mean the intention’s score, once per job', async () => {
    const intention = await aStoredIntention(context.dataSource, 'in_district_review');
    const job = aJob('district-review');
    const opinions = [anOpinion('user:dvorakova', [5, 4, 3, 4, 5]), anOpinion('user:svoboda', [4, 4, 2, 3, 5]), anOpinion('user:novak', [5, 3, 3, 4, 4])];
    const expected = { overall: 3.87, byCriterion: { need: 4.67, availability: 3.67, cost: 2.67, quality: 3.67, interconnection: 4.67 } };
    expect(await reviews.summarizeOpinions(job, intention.id, opinions)).toEqual(expected);
    expect(await reviews.summarizeOpinions(job, intention.id, opinions)).toEqual(expected);
    expect(await scoreOf(intention.id)).toBe(3.87);
    const stored = await context.dataSource.manager.findBy(DistrictReviewEntity, { intentionId: intention.id });
    expect(stored).toEqual([expect.objectContaining({ score: 3.87, scoreNeed: 4.67, scoreCost: 2.67 })]);
    expect(await context.dataSource.manager.count(DistrictOpinionEntity, { where: { reviewId: stored[0].id } })).toBe(3);
    const entries = await auditOf(context, intention.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actorId: 'process:district-review', action: 'district-review.scored', entityType: 'district-review', entityId: stored[0].id });
    expect(entries[0].data).toEqual({
      intentionId: intention.id,
      score: 3.87,
      scoreByCriterion: expected.byCriterion,
      opinions,
      processInstanceKey: job.processInstanceKey,
      jobKey: job.key,
    });
  });

  it('has no score without opinions (an empty team)', async () => {
    const intention = await aStoredIntention(context.dataSource, 'in_district_review');
    expect(await reviews.summarizeOpinions(aJob('district-review'), intention.id, [])).toEqual({
      overall: null,
      byCriterion: { need: null, availability: null, cost: null, quality: null, interconnection: null },
    });
    expect(await scoreOf(intention.id)).toBeNull();
  });

  it('keeps every round and scores the intention by the latest', async () => {
    const intention = await aStoredIntention(context.dataSource, 'in_district_review');
    await reviews.summarizeOpinions(aJob('district-review'), intention.id, [anOpinion('user:kral', [1, 1, 1, 1, 1])]);
    await reviews.summarizeOpinions(aJob('district-review'), intention.id, [anOpinion('user:kral', [4, 4, 4, 4, 4])]);
    expect(await context.dataSource.manager.countBy(DistrictReviewEntity, { intentionId: intention.id })).toBe(2);
    expect(await scoreOf(intention.id)).toBe(4);
    expect((await auditOf(context, intention.id)).map((entry) => entry.data.score)).toEqual([1, 4]);
  });

  it('refuses scores outside whole 0–5, storing nothing', async () => {
    const intention = await aStoredIntention(context.dataSource, 'in_district_review');
    await expect(reviews.summarizeOpinions(aJob('district-review'), intention.id, [anOpinion('user:kral', [6, 1, 1, 1, 1])])).rejects.toThrow(RangeError);
    expect(await context.dataSource.manager.countBy(DistrictReviewEntity, { intentionId: intention.id })).toBe(0);
    expect(await auditOf(context, intention.id)).toEqual([]);
  });
});
