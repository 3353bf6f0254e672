import { describe, expect, it } from '@jest/globals';
import { bpmn, chain, end, eventually, isCompleted, message, serviceTask, start, useEngineUnderTest, type EngineUnderTest } from './support.js';

/**
 * Stops the engine while instances wait on jobs, timers and messages, starts it again on
 * the same database and port, and finishes them all through clients that never restarted.
 */
let subject: EngineUnderTest;
useEngineUnderTest((started) => ({ subject } = started));

const model = bpmn(
  'durable',
  `${start()}${serviceTask('prepare', 'durable-prepare')}
   <bpmn:intermediateCatchEvent id="cooldown"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
   <bpmn:intermediateCatchEvent id="decision"><bpmn:messageEventDefinition messageRef="decided"/></bpmn:intermediateCatchEvent>
   ${end()}${chain('start', 'prepare', 'cooldown', 'decision', 'end')}`,
  message('decided', 'durable-decided', '=caseId'),
);

async function activate(type: string, timeout = 60_000) {
  return subject.sdk.activateJobs({ type, worker: 'restart-test', maxJobsToActivate: 10, timeout, requestTimeout: -1 });
}

describe('engine restart', () => {
  it('loses nothing acknowledged: waiting jobs, activated jobs, timers, subscriptions and buffered messages survive', async () => {
    await subject.sdk.deployResource({ process: model, name: 'durable.bpmn' });
    const waitingJob = await subject.sdk.createProcessInstance({ bpmnProcessId: 'durable', variables: { caseId: 'job' } });
    const atTimer = await subject.sdk.createProcessInstance({ bpmnProcessId: 'durable', variables: { caseId: 'timer' } });
    const atMessage = await subject.sdk.createProcessInstance({ bpmnProcessId: 'durable', variables: { caseId: 'message' } });
    const activatedBefore = await subject.zbc.createProcessInstance({ bpmnProcessId: 'durable', variables: { caseId: 'activated' } });

    const jobs = await activate('durable-prepare', 3 * 3600_000);
    const jobOf = (instance: { processInstanceKey: string }) => jobs.find((job) => job.processInstanceKey === instance.processInstanceKey)!;
    // One instance goes past its timer to wait for its message; one waits at its timer.
    await subject.sdk.completeJob({ jobKey: jobOf(atMessage).key, variables: {} });
    subject.engine.clock.increaseTime(3600_000 + 1000);
    await eventually(async () => (await subject.query(`SELECT 1 FROM engine.message_subscriptions WHERE data->>'correlationKey' = 'message'`)).length === 1);
    await subject.sdk.completeJob({ jobKey: jobOf(atTimer).key, variables: {} });
    // One job is activatable again (failed with retries), one stays activated (10 min timeout).
    await subject.sdk.failJob({ jobKey: jobOf(waitingJob).key, retries: 3, errorMessage: 'retry', retryBackOff: 0 });
    await subject.sdk.updateJobTimeout({ jobKey: jobOf(activatedBefore).key, timeout: 10 * 60_000 });
    // A message buffered for an instance that does not wait for it yet.
    await subject.sdk.publishMessage({ name: 'durable-decided', correlationKey: 'timer', variables: { late: true }, timeToLive: 24 * 3600_000 });
    await subject.sdk.deployResource({ process: bpmn('restartTimer', `${start()}<bpmn:intermediateCatchEvent id="t"><bpmn:timerEventDefinition><bpmn:timeDuration>PT2H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>${end()}${chain('start', 't', 'end')}`), name: 'restartTimer.bpmn' });
    const timerOnly = await subject.sdk.createProcessInstance({ bpmnProcessId: 'restartTimer', variables: {} });
    expect(await isCompleted(subject, atTimer.processInstanceKey)).toBe(false);

    await subject.restart();

    // The job that failed with retries is activatable; the activated one only after its deadline.
    const [again] = await activate('durable-prepare', 3600_000);
    expect(again.processInstanceKey).toBe(waitingJob.processInstanceKey);
    expect(await activate('durable-prepare')).toEqual([]);
    subject.engine.clock.increaseTime(10 * 60_000);
    const [timedOut] = await eventually(async () => {
      const found = await activate('durable-prepare');
      return found.length > 0 && found;
    });
    expect(timedOut.processInstanceKey).toBe(activatedBefore.processInstanceKey);
    await subject.zbc.completeJob({ jobKey: again.key, variables: {} });
    await subject.zbc.completeJob({ jobKey: timedOut.key, variables: {} });

    // Timers re-armed: the instance at the timer moved on and took the buffered message.
    subject.engine.clock.increaseTime(2 * 3600_000);
    await eventually(() => isCompleted(subject, atTimer.processInstanceKey));
    await eventually(() => isCompleted(subject, timerOnly.processInstanceKey));
    await subject.sdk.publishMessage({ name: 'durable-decided', correlationKey: 'message', variables: {}, timeToLive: 0 });
    expect(await isCompleted(subject, atMessage.processInstanceKey)).toBe(true);
    for (const caseId of ['job', 'activated']) await subject.sdk.publishMessage({ name: 'durable-decided', correlationKey: caseId, variables: {}, timeToLive: 60_000 });
    await eventually(() => isCompleted(subject, waitingJob.processInstanceKey));
    await eventually(() => isCompleted(subject, activatedBefore.processInstanceKey));

    // Keys keep counting after the restart.
    const later = await subject.sdk.createProcessInstance({ bpmnProcessId: 'durable', variables: {} });
    expect(BigInt(later.processInstanceKey)).toBeGreaterThan(BigInt(timerOnly.processInstanceKey));
  });
});
