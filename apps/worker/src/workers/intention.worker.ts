import { Injectable } from '@nestjs/common';
import { INTENTION_STATUSES } from '@app/domain';
import { IntentionLifecycleService } from '@app/planning';
import { BpmnError, JobWorker, type WorkerJob } from '@app/zeebe';
import { JobVariables } from './job-variables.js';

/** The intention's status and its completeness check (docs/PROCESSES.md, shared job types and intention-submission). */
@Injectable()
export class IntentionWorker {
  constructor(private readonly lifecycle: IntentionLifecycleService) {}

  /** A transition the domain forbids throws: the model and the domain disagree, so the job fails. */
  @JobWorker({ type: 'intention.set-status', fetchVariables: ['intentionId', 'status', 'statusReason'] })
  async setStatus(job: WorkerJob): Promise<void> {
    const variables = new JobVariables(job.variables);
    await this.lifecycle.setStatus({
      intentionId: variables.id('intentionId'),
      status: variables.oneOf('status', INTENTION_STATUSES),
      reason: variables.optionalText('statusReason'),
      job,
    });
  }

  @JobWorker({ type: 'intention.check-completeness', fetchVariables: ['intentionId'] })
  async checkCompleteness(job: WorkerJob) {
    const intentionId = new JobVariables(job.variables).id('intentionId');
    const check = await this.lifecycle.checkCompleteness(intentionId, job.processInstanceKey);
    if (!check.complete) {
      throw new BpmnError('INTENTION_INCOMPLETE', `Intention ${intentionId} is not complete`, { incompletenessReasons: check.reasons });
    }
    return { ...check.facts };
  }
}
