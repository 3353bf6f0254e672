import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { IntentionEntity, NotificationEntity } from '@app/persistence';
import { IntentionDossierService } from '@app/planning';
import { IntentionWorker } from '../../apps/worker/src/workers/intention.worker.js';
import { ResolutionWorker } from '../../apps/worker/src/workers/resolution.worker.js';
import { aStoredIntention } from '../factories/planning.js';
import { aPrincipal } from '../factories/user.js';
import { startPlanning, type PlanningTestContext } from './support.js';

const USER_TASK = 'io.camunda.zeebe:userTask';
/** What the test reads of a user task's job. */
interface UserTaskJob {
  key: string;
  processInstanceKey: string;
  variables: Record<string, unknown>;
  customHeaders: Record<string, string>;
}

/**
 * The real `council-approval` model (the one of the five the engine runs already) with the
 * resolution and status workers. The test plays the council secretary: it completes the
 * job-based user tasks with the forms' data, as the inbox will.
 */
describe('council-approval with its workers', () => {
  let context: PlanningTestContext;

  /** The next open user task of the instance, as the inbox would list it. */
  async function nextUserTask(processInstanceKey: string): Promise<UserTaskJob> {
    for (let attempt = 0; attempt < 40; attempt++) {
      const jobs = await context.engine.zeebe.activateJobs({ type: USER_TASK, worker: 'test-inbox', maxJobsToActivate: 10, timeout: 60_000, requestTimeout: 500 });
      const mine = jobs.find((job) => job.processInstanceKey === processInstanceKey);
      for (const other of jobs.filter((job) => job !== mine)) await context.engine.zeebe.failJob({ jobKey: other.key, errorMessage: 'not this test’s', retries: 1, retryBackOff: 0 });
      if (mine) return mine as unknown as UserTaskJob;
    }
    throw new Error(`no user task of instance ${processInstanceKey}`);
  }

  async function statusBecomes(id: string, status: string): Promise<void> {
    for (let attempt = 0; attempt < 100; attempt++) {
      if ((await context.dataSource.manager.findOneByOrFail(IntentionEntity, { id })).status === status) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`intention ${id} did not become ${status}`);
  }

  beforeAll(async () => {
    context = await startPlanning({ providers: [ResolutionWorker, IntentionWorker] });
    for (const form of ['council-resolution', 'assembly-resolution']) {
      await context.engine.zeebe.deployResource({ form: await readFile(`bpmn/forms/${form}.form`), name: `${form}.form` });
    }
    await context.engine.zeebe.deployResource({ process: await readFile('bpmn/council-approval.bpmn'), name: 'council-approval.bpmn' });
  });
  afterAll(() => context?.close());

  it('records both resolutions, sends a rejected number back to the secretary, and approves the intention', async () => {
    const intention = await aStoredIntention(context.dataSource, 'recommended_by_district');
    const { processInstanceKey } = await context.engine.zeebe.createProcessInstance({
      bpmnProcessId: 'council-approval',
      variables: { intentionId: intention.id, districtScore: 4.2 },
    });

    const council = await nextUserTask(processInstanceKey);
    expect(council.customHeaders['io.camunda.zeebe:candidateGroups']).toBe('["region:jmk:council-secretary"]');
    await context.engine.zeebe.completeJob({
      jobKey: council.key,
      variables: { councilDecision: 'recommends', councilResolutionNumber: '1234/25/R45', councilResolutionDate: '2026-06-10' },
    });

    const again = await nextUserTask(processInstanceKey);
    expect(again.variables.resolutionRejection).toBe('Rok v čísle usnesení (25) neodpovídá datu usnesení (2026-06-10)');
    await context.engine.zeebe.completeJob({
      jobKey: again.key,
      variables: { councilDecision: 'recommends', councilResolutionNumber: '1234/26/R45', councilResolutionDate: '2026-06-10' },
    });
    await statusBecomes(intention.id, 'recommended_by_council');

    const assembly = await nextUserTask(processInstanceKey);
    expect(assembly.variables.resolutionRejection).toBeNull();
    await context.engine.zeebe.completeJob({
      jobKey: assembly.key,
      variables: { assemblyDecision: 'approved', assemblyResolutionNumber: '567/26/Z12', assemblyResolutionDate: '2026-06-20' },
    });
    await statusBecomes(intention.id, 'approved_by_assembly');

    const dossier = await context.get(IntentionDossierService).get(aPrincipal('council_secretary'), intention.id);
    expect(dossier.resolutions).toEqual([
      expect.objectContaining({ body: 'council', number: '1234/26/R45', date: '2026-06-10', decision: 'recommends' }),
      expect.objectContaining({ body: 'assembly', number: '567/26/Z12', date: '2026-06-20', decision: 'approved' }),
    ]);
    expect(dossier.history.map((event) => [event.actor, event.fromStatus, event.toStatus])).toEqual([
      ['process:council-approval', 'recommended_by_district', 'recommended_by_council'],
      ['process:council-approval', 'recommended_by_council', 'approved_by_assembly'],
    ]);
    const told = await context.dataSource.manager.findBy(NotificationEntity, { intentionId: intention.id, recipientGroup: 'provider:70888337' });
    expect(told.map((notification) => notification.data.status).sort()).toEqual(['approved_by_assembly', 'recommended_by_council']);
  });

  it('lets the Assembly reject what the Council did not recommend', async () => {
    const intention = await aStoredIntention(context.dataSource, 'recommended_by_district');
    const { processInstanceKey } = await context.engine.zeebe.createProcessInstance({ bpmnProcessId: 'council-approval', variables: { intentionId: intention.id, districtScore: null } as never });
    await context.engine.zeebe.completeJob({
      jobKey: (await nextUserTask(processInstanceKey)).key,
      variables: { councilDecision: 'does-not-recommend', councilResolutionNumber: '1300/26/R46', councilResolutionDate: '2026-06-11' },
    });
    await statusBecomes(intention.id, 'not_recommended_by_council');
    await context.engine.zeebe.completeJob({
      jobKey: (await nextUserTask(processInstanceKey)).key,
      variables: { assemblyDecision: 'rejected', assemblyResolutionNumber: '600/26/Z12', assemblyResolutionDate: '2026-06-20' },
    });
    await statusBecomes(intention.id, 'rejected_by_assembly');
  });
});
