import { Injectable } from '@nestjs/common';
import { ActionPlanService } from '@app/planning';
import { BpmnError, JobWorker, type WorkerJob } from '@app/zeebe';
import { JobVariables } from './job-variables.js';

/** The yearly Action Plan: the call, the draft, publication and the message to each included intention. */
@Injectable()
export class ActionPlanWorker {
  constructor(private readonly plans: ActionPlanService) {}

  /** Started by the yearly timer, the instance has no variables and the defaults apply. */
  @JobWorker({ type: 'action-plan.open-call', fetchVariables: ['planYear', 'budgetCeiling', 'callClosingDate'] })
  async openCall(job: WorkerJob) {
    const variables = new JobVariables(job.variables);
    const outcome = await this.plans.openCall(
      {
        planYear: variables.optionalInteger('planYear', 2000),
        budgetCeiling: variables.optionalInteger('budgetCeiling'),
        callClosingDate: variables.optionalDateTime('callClosingDate'),
      },
      job,
    );
    if (!outcome.opened) throw new BpmnError('ACTION_PLAN_EXISTS', `Another instance already runs the Action Plan for ${outcome.planYear}`);
    return { ...outcome.call };
  }

  @JobWorker({ type: 'action-plan.assemble-draft', fetchVariables: ['planYear', 'budgetCeiling', 'excludedIntentionIds'] })
  async assembleDraft(job: WorkerJob) {
    const variables = new JobVariables(job.variables);
    const draft = await this.plans.assembleDraft(
      job,
      variables.integer('planYear', 2000),
      variables.optionalInteger('budgetCeiling'),
      variables.optionalIdList('excludedIntentionIds'),
    );
    return { ...draft };
  }

  @JobWorker({
    type: 'action-plan.publish',
    fetchVariables: ['planYear', 'includedIntentionIds', 'reserveIntentionIds', 'planResolutionNumber', 'planResolutionDate'],
  })
  async publish(job: WorkerJob): Promise<void> {
    const variables = new JobVariables(job.variables);
    await this.plans.publish({
      job,
      planYear: variables.integer('planYear', 2000),
      includedIntentionIds: variables.idList('includedIntentionIds'),
      reserveIntentionIds: variables.idList('reserveIntentionIds'),
      resolutionNumber: variables.text('planResolutionNumber'),
      resolutionDate: variables.text('planResolutionDate'),
    });
  }

  @JobWorker({ type: 'action-plan.announce-inclusion', fetchVariables: ['includedIntentionId', 'planYear', 'planResolutionNumber'] })
  async announceInclusion(job: WorkerJob): Promise<void> {
    const variables = new JobVariables(job.variables);
    await this.plans.announceInclusion(variables.id('includedIntentionId'), variables.integer('planYear', 2000), variables.text('planResolutionNumber'));
  }
}
