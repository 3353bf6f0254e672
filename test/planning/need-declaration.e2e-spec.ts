import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DomainErrorCode } from '@app/domain';
import { NeedDeclarationEntity } from '@app/persistence';
import { NeedDeclarationService, type NeedDeclarationInput } from '@app/planning';
import { aJob, aStoredIntention } from '../factories/planning.js';
import { auditOf, startPlanning, type PlanningTestContext } from './support.js';

describe('NeedDeclarationService', () => {
  let context: PlanningTestContext;
  let declarations: NeedDeclarationService;
  const stored = (intentionId: string) => context.dataSource.manager.find(NeedDeclarationEntity, { where: { intentionId }, order: { id: 'ASC' } });
  const communityPlan = { title: 'Komunitní plán sociálních služeb ORP Židlochovice', period: '2025–2027', measure: 'Opatření 2.1 Pobytové služby pro seniory' };
  const declared = (intentionId: string, overrides: Partial<NeedDeclarationInput> = {}): NeedDeclarationInput =>
    ({
      job: aJob('orp-need-declaration'),
      intentionId,
      intentionKind: 'new_service',
      yearlyCosts: 12_000_000,
      requiredCofinancingRate: 0.2,
      decision: 'declared',
      communityPlan,
      pledgedCofinancing: 2_400_000,
      ...overrides,
    }) as NeedDeclarationInput;

  beforeAll(async () => {
    context = await startPlanning();
    declarations = context.get(NeedDeclarationService);
  });
  afterAll(() => context?.close());

  it('stores a declaration with the community plan and a sufficient pledge, once per job', async () => {
    const intention = await aStoredIntention(context.dataSource, 'submitted');
    const input = declared(intention.id);
    expect(await declarations.record(input)).toEqual({ accepted: true, requiredCofinancing: 2_400_000 });
    expect(await declarations.record(input)).toEqual({ accepted: true, requiredCofinancing: 2_400_000 });
    expect(await stored(intention.id)).toEqual([
      expect.objectContaining({
        decision: 'declared',
        communityPlanTitle: communityPlan.title,
        communityPlanPeriod: '2025–2027',
        communityPlanMeasure: communityPlan.measure,
        cofinancingRate: 0.2,
        requiredCofinancing: 2_400_000,
        pledgedCofinancing: 2_400_000,
        refusalReason: null,
      }),
    ]);
  });

  it('audits a declaration once per job, by the process, with the community plan and the pledge', async () => {
    const intention = await aStoredIntention(context.dataSource, 'submitted');
    const input = declared(intention.id);
    await declarations.record(input);
    await declarations.record(input);
    const [declaration] = await stored(intention.id);
    const entries = await auditOf(context, intention.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actorId: 'process:orp-need-declaration',
      actorRole: null,
      actorTerritory: null,
      action: 'need-declaration.declared',
      entityType: 'need-declaration',
      entityId: declaration.id,
      reason: null,
    });
    expect(entries[0].data).toEqual({
      intentionId: intention.id,
      decision: 'declared',
      intentionKind: 'new_service',
      yearlyCosts: 12_000_000,
      communityPlan,
      cofinancingRate: 0.2,
      requiredCofinancing: 2_400_000,
      pledgedCofinancing: 2_400_000,
      processInstanceKey: input.job.processInstanceKey,
      jobKey: input.job.key,
    });
  });

  it('refuses a pledge below the required share with the amount, storing nothing', async () => {
    const intention = await aStoredIntention(context.dataSource, 'submitted');
    const outcome = await declarations.record(declared(intention.id, { requiredCofinancingRate: 0.15, pledgedCofinancing: 1_000_000 } as Partial<NeedDeclarationInput>));
    expect(outcome).toEqual({ accepted: false, requiredCofinancing: 1_800_000, rejection: expect.stringContaining('je nižší než požadovaný podíl 15 %') });
    expect(await stored(intention.id)).toEqual([]);
    expect(await auditOf(context, intention.id)).toEqual([]);
  });

  it('needs no pledge for a capacity increase and ignores one left in the form', async () => {
    const intention = await aStoredIntention(context.dataSource, 'submitted', { kind: 'capacity_increase', existingServiceRegistryId: '1234567' });
    expect(await declarations.record(declared(intention.id, { intentionKind: 'capacity_increase', pledgedCofinancing: 5 } as Partial<NeedDeclarationInput>))).toEqual({
      accepted: true,
      requiredCofinancing: null,
    });
    expect(await stored(intention.id)).toEqual([expect.objectContaining({ decision: 'declared', cofinancingRate: null, requiredCofinancing: null, pledgedCofinancing: null })]);
  });

  it('stores a refusal with its reason only', async () => {
    const intention = await aStoredIntention(context.dataSource, 'submitted');
    const refusal = { job: aJob('orp-need-declaration'), intentionId: intention.id, intentionKind: 'new_service', yearlyCosts: 12_000_000, requiredCofinancingRate: 0.2 } as const;
    expect(await declarations.record({ ...refusal, decision: 'refused', refusalReason: 'Služba není v komunitním plánu ORP.' })).toEqual({
      accepted: true,
      requiredCofinancing: null,
    });
    expect(await stored(intention.id)).toEqual([
      expect.objectContaining({ decision: 'refused', refusalReason: 'Služba není v komunitním plánu ORP.', communityPlanTitle: null, pledgedCofinancing: null }),
    ]);
    expect(await auditOf(context, intention.id)).toEqual([
      expect.objectContaining({
        actorId: 'process:orp-need-declaration',
        action: 'need-declaration.refused',
        reason: 'Služba není v komunitním plánu ORP.',
        data: expect.objectContaining({ intentionId: intention.id, decision: 'refused', communityPlan: null, requiredCofinancing: null, pledgedCofinancing: null, jobKey: refusal.job.key }),
      }),
    ]);
  });

  it('keeps every round: a district question leads to a second declaration', async () => {
    const intention = await aStoredIntention(context.dataSource, 'in_district_review');
    await declarations.record(declared(intention.id));
    await declarations.record(declared(intention.id, { pledgedCofinancing: 3_000_000 } as Partial<NeedDeclarationInput>));
    expect((await stored(intention.id)).map((declaration) => declaration.pledgedCofinancing)).toEqual([2_400_000, 3_000_000]);
    expect((await auditOf(context, intention.id)).map((entry) => entry.data.pledgedCofinancing)).toEqual([2_400_000, 3_000_000]);
  });

  it('refuses a declaration of an unknown intention', async () => {
    await expect(declarations.record(declared('987654321'))).rejects.toMatchObject({ code: DomainErrorCode.NotFound });
  });
});
