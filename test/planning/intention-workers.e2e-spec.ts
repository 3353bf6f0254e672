import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { IntentionEntity, IntentionEventEntity } from '@app/persistence';
import { IntentionLifecycleService, INTENTION_SUBMISSION_PROCESS } from '@app/planning';
import { aStoredIntention } from '../factories/planning.js';
import { aPrincipal } from '../factories/user.js';
import { aProcess, deploy, startWorkers, type PlanningTestContext } from './support.js';

/**
 * The check and the status change of `intention-submission`, run by the real worker app
 * against the embedded engine. The real model cannot be deployed yet (the engine does not
 * run event sub-processes), so this test deploys a process of the same id with the same
 * tasks, error and mappings, plus two test tasks: a gate the test opens after preparing
 * the data, and an end it reads the variables at.
 */
const SUBMISSION = aProcess(
  INTENTION_SUBMISSION_PROCESS,
  `<bpmn:startEvent id="start" />
   <bpmn:sequenceFlow id="toGate" sourceRef="start" targetRef="gate" />
   <bpmn:serviceTask id="gate"><bpmn:extensionElements><zeebe:taskDefinition type="test.gate" /></bpmn:extensionElements></bpmn:serviceTask>
   <bpmn:sequenceFlow id="toCheck" sourceRef="gate" targetRef="check" />
   <bpmn:serviceTask id="check"><bpmn:extensionElements><zeebe:taskDefinition type="intention.check-completeness" retries="1" /></bpmn:extensionElements></bpmn:serviceTask>
   <bpmn:boundaryEvent id="incomplete" attachedToRef="check"><bpmn:errorEventDefinition errorRef="intentionIncomplete" /></bpmn:boundaryEvent>
   <bpmn:sequenceFlow id="toChecked" sourceRef="check" targetRef="checked" />
   <bpmn:serviceTask id="checked"><bpmn:extensionElements><zeebe:taskDefinition type="test.checked" /></bpmn:extensionElements></bpmn:serviceTask>
   <bpmn:sequenceFlow id="toEnd" sourceRef="checked" targetRef="end" />
   <bpmn:endEvent id="end" />
   <bpmn:sequenceFlow id="toReturn" sourceRef="incomplete" targetRef="returnForCompletion" />
   <bpmn:serviceTask id="returnForCompletion">
     <bpmn:extensionElements>
       <zeebe:taskDefinition type="intention.set-status" retries="1" />
       <zeebe:ioMapping>
         <zeebe:input source="=&#34;returned_for_completion&#34;" target="status" />
         <zeebe:input source="=string join(for reason in incompletenessReasons return reason.message, &#34;; &#34;)" target="statusReason" />
       </zeebe:ioMapping>
     </bpmn:extensionElements>
   </bpmn:serviceTask>
   <bpmn:sequenceFlow id="toReturned" sourceRef="returnForCompletion" targetRef="returned" />
   <bpmn:serviceTask id="returned"><bpmn:extensionElements><zeebe:taskDefinition type="test.checked" /></bpmn:extensionElements></bpmn:serviceTask>
   <bpmn:sequenceFlow id="toReturnedEnd" sourceRef="returned" targetRef="returnedEnd" />
   <bpmn:endEvent id="returnedEnd" />`,
  `<bpmn:error id="intentionIncomplete" errorCode="INTENTION_INCOMPLETE" />`,
);

describe('intention workers against the embedded engine', () => {
  let context: PlanningTestContext;
  let lifecycle: IntentionLifecycleService;
  const provider = aPrincipal('provider', { userId: 'user:provider-1' });
  const dataSource = () => context.dataSource;

  /** Waits for the next job of a test task and completes it, returning what it saw. */
  async function takeJob(type: string) {
    for (let attempt = 0; attempt < 20; attempt++) {
      const [job] = await context.engine.zeebe.activateJobs({ type, worker: 'test', maxJobsToActivate: 1, timeout: 60_000, requestTimeout: 1_000 });
      if (job) {
        await context.engine.zeebe.completeJob({ jobKey: job.key, variables: {} });
        return job;
      }
    }
    throw new Error(`no job of type ${type}`);
  }

  beforeAll(async () => {
    context = await startWorkers();
    lifecycle = context.get(IntentionLifecycleService);
    await deploy(context.engine, INTENTION_SUBMISSION_PROCESS, SUBMISSION);
  });
  afterAll(() => context?.close());

  it('intention.check-completeness returns what the process needs about a complete intention', async () => {
    const draft = await aStoredIntention(dataSource(), 'draft', { planYear: 2030 });
    const submitted = await lifecycle.submit(provider, draft.id);
    expect((await takeJob('test.gate')).processInstanceKey).toBe(submitted.processInstanceKey);
    const checked = await takeJob('test.checked');
    expect(checked.variables).toEqual({
      intentionId: draft.id,
      providerId: '70888337',
      submittedBy: 'user:provider-1',
      orpId: 'zidlochovice',
      districtId: 'brno-venkov',
      planYear: 2030,
      serviceType: '49',
      provisionForm: 'pobytova',
      intentionKind: 'new_service',
      yearlyCosts: 12_000_000,
    });
  });

  it('an incomplete intention raises INTENTION_INCOMPLETE and intention.set-status returns it for completion with the reasons', async () => {
    const draft = await aStoredIntention(dataSource(), 'draft', { planYear: 2031 });
    await lifecycle.submit(provider, draft.id);
    // Between submission and the check, an intention of the same provider, type, ORP and year was submitted too.
    const other = await aStoredIntention(dataSource(), 'submitted', { planYear: 2031 });
    await takeJob('test.gate');
    const returned = await takeJob('test.checked');
    expect(returned.variables.incompletenessReasons).toEqual([
      { field: 'intention', code: 'DUPLICATE', message: expect.stringContaining(`Intention ${other.id} `) },
    ]);
    expect(await dataSource().manager.findOneByOrFail(IntentionEntity, { id: draft.id })).toMatchObject({
      status: 'returned_for_completion',
      statusReason: expect.stringContaining(`Intention ${other.id} `),
    });
    const events = await dataSource().manager.find(IntentionEventEntity, { where: { intentionId: draft.id }, order: { id: 'ASC' } });
    expect(events.map((event) => [event.action, event.actor, event.toStatus])).toEqual([
      ['submitted', 'user:provider-1', 'submitted'],
      ['status-changed', `process:${INTENTION_SUBMISSION_PROCESS}`, 'returned_for_completion'],
    ]);
  });
});
