import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { JobWorkerTransport } from '@app/zeebe';
import { startInbox, type InboxTestContext } from '../inbox/support.js';

const USER_TASKS = 'io.camunda.zeebe:userTask';

/**
 * Issue 17, defect 7: the declaration worker once stopped taking jobs for minutes and /health
 * was 200. Now each job type's last poll is part of /health, and one silent beyond
 * WORKER_STALL_MS makes it 503, named.
 */
describe('job workers in /health', () => {
  let inbox: InboxTestContext;

  beforeAll(async () => {
    inbox = await startInbox({ workerStallMs: 1_500 });
  });
  afterAll(() => inbox?.close());

  it('reports every job type’s last poll while the workers poll', async () => {
    const health = await inbox.eventually(async () => {
      const response = await inbox.http().get('/health');
      return response.status === 200 && response.body.details.workers?.jobTypes?.[USER_TASKS] ? response.body : undefined;
    }, 'the workers in /health');
    expect(health.info.workers).toMatchObject({ status: 'up', jobTypes: { [USER_TASKS]: { lastPollAt: expect.any(String) } } });
    expect(Object.keys(health.info.workers.jobTypes)).toEqual(expect.arrayContaining(['intention.check-completeness', USER_TASKS]));
  });

  it('answers 503 naming the job type whose poller stopped taking jobs', async () => {
    await inbox.worker.get(JobWorkerTransport).pollerOf(USER_TASKS)!.close();
    const response = await inbox.eventually(async () => {
      const answer = await inbox.http().get('/health');
      return answer.status === 503 ? answer : undefined;
    }, '/health to notice the stopped poller');
    expect(response.body.error).toMatchObject({ code: 'SERVICE_UNAVAILABLE', message: expect.stringContaining(USER_TASKS) });
    expect(response.body.error.message).not.toContain('intention.check-completeness');
  });
});
