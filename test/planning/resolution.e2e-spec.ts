import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DomainErrorCode } from '@app/domain';
import { ResolutionEntity, ResolutionSubjectEntity } from '@app/persistence';
import { ResolutionService, type ResolutionInput } from '@app/planning';
import { aJob, aStoredIntention } from '../factories/planning.js';
import { auditOf, startPlanning, type PlanningTestContext } from './support.js';

describe('ResolutionService', () => {
  let context: PlanningTestContext;
  let resolutions: ResolutionService;
  const council = (subjectId: string, overrides: Partial<ResolutionInput> = {}): ResolutionInput => ({
    job: aJob('council-approval'),
    body: 'council',
    subject: 'intention',
    subjectId,
    decision: 'recommends',
    number: '1234/26/R45',
    date: '2026-06-10',
    ...overrides,
  });
  const subjectsOf = (subjectId: string) => context.dataSource.manager.findBy(ResolutionSubjectEntity, { subject: 'intention', subjectId });

  beforeAll(async () => {
    context = await startPlanning();
    resolutions = context.get(ResolutionService);
  });
  afterAll(() => context?.close());

  it('stores a resolution once and lets it decide about many intentions', async () => {
    const first = await aStoredIntention(context.dataSource, 'recommended_by_district');
    const second = await aStoredIntention(context.dataSource, 'recommended_by_district');
    const record = council(first.id);
    expect(await resolutions.record(record)).toEqual({ recorded: true });
    expect(await resolutions.record(record)).toEqual({ recorded: true });
    expect(await resolutions.record(council(second.id, { decision: 'does-not-recommend' }))).toEqual({ recorded: true });
    expect(await context.dataSource.manager.findBy(ResolutionEntity, { number: '1234/26/R45' })).toEqual([
      expect.objectContaining({ body: 'council', adoptedOn: '2026-06-10' }),
    ]);
    expect(await subjectsOf(first.id)).toEqual([expect.objectContaining({ decision: 'recommends', jobKey: record.job.key })]);
    expect(await subjectsOf(second.id)).toEqual([expect.objectContaining({ decision: 'does-not-recommend' })]);
  });

  it('audits each decision of a resolution once, by the process, with body, number, date and decision', async () => {
    const intention = await aStoredIntention(context.dataSource, 'recommended_by_district');
    const record = council(intention.id, { number: '55/26/R50', date: '2026-06-12' });
    await resolutions.record(record);
    await resolutions.record(record);
    const [resolution] = await context.dataSource.manager.findBy(ResolutionEntity, { number: '55/26/R50' });
    const entries = await auditOf(context, intention.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actorId: 'process:council-approval', actorRole: null, action: 'resolution.recorded', entityType: 'resolution', entityId: resolution.id });
    expect(entries[0].data).toEqual({
      body: 'council',
      number: '55/26/R50',
      date: '2026-06-12',
      subject: 'intention',
      intentionId: intention.id,
      decision: 'recommends',
      processInstanceKey: record.job.processInstanceKey,
      jobKey: record.job.key,
    });
  });

  it('rejects a malformed number or a date that does not fit it, in Czech', async () => {
    const intention = await aStoredIntention(context.dataSource, 'recommended_by_district');
    expect(await resolutions.record(council(intention.id, { number: '567/26/Z12' }))).toEqual({
      recorded: false,
      rejection: 'Číslo usnesení Rady kraje má tvar např. 1234/26/R45',
    });
    expect(await resolutions.record(council(intention.id, { number: '1/25/R1', date: '2026-06-10' }))).toMatchObject({
      recorded: false,
      rejection: expect.stringContaining('neodpovídá datu usnesení'),
    });
    expect(await subjectsOf(intention.id)).toEqual([]);
    expect(await auditOf(context, intention.id)).toEqual([]);
  });

  it('rejects a number already stored with another date', async () => {
    const intention = await aStoredIntention(context.dataSource, 'recommended_by_district');
    expect(await resolutions.record(council(intention.id, { date: '2026-06-11' }))).toEqual({
      recorded: false,
      rejection: 'Usnesení Rady kraje č. 1234/26/R45 je již zaznamenáno s datem 2026-06-10',
    });
    expect(await subjectsOf(intention.id)).toEqual([]);
  });

  it('rejects another decision of the same resolution about the same intention', async () => {
    const intention = await aStoredIntention(context.dataSource, 'recommended_by_district');
    await resolutions.record(council(intention.id, { number: '77/26/R46', date: '2026-06-20' }));
    expect(await resolutions.record(council(intention.id, { number: '77/26/R46', date: '2026-06-20', decision: 'does-not-recommend' }))).toEqual({
      recorded: false,
      rejection: 'Usnesení Rady kraje č. 77/26/R46 je již zaznamenáno s jiným rozhodnutím (recommends)',
    });
    expect((await auditOf(context, intention.id)).map((entry) => entry.data.decision)).toEqual(['recommends']);
  });

  it('keeps the numbering of the Council and the Assembly apart', async () => {
    const intention = await aStoredIntention(context.dataSource, 'recommended_by_council');
    expect(await resolutions.record(council(intention.id, { body: 'assembly', number: '1234/26/Z12', decision: 'approved', date: '2026-06-25' }))).toEqual({ recorded: true });
  });

  it('refuses a resolution about something that does not exist', async () => {
    await expect(resolutions.record(council('987654321'))).rejects.toMatchObject({ code: DomainErrorCode.NotFound });
    await expect(resolutions.record(council('2099', { subject: 'action-plan', body: 'assembly', number: '5/26/Z1', decision: 'approved' }))).rejects.toMatchObject({
      code: DomainErrorCode.NotFound,
    });
  });
});
