import { Injectable } from '@nestjs/common';
import { INTENTION_KINDS, NEED_DECISIONS } from '@app/domain';
import { NeedDeclarationService } from '@app/planning';
import { BpmnError, JobWorker, type WorkerJob } from '@app/zeebe';
import { JobVariables } from './job-variables.js';

/** `declaration.record`: the ORP's declaration of need and the municipalities' co-financing pledge. */
@Injectable()
export class DeclarationWorker {
  constructor(private readonly declarations: NeedDeclarationService) {}

  @JobWorker({
    type: 'declaration.record',
    fetchVariables: [
      'intentionId',
      'intentionKind',
      'yearlyCosts',
      'requiredCofinancingRate',
      'needDecision',
      'communityPlanTitle',
      'communityPlanPeriod',
      'communityPlanMeasure',
      'pledgedCofinancing',
      'refusalReason',
    ],
  })
  async record(job: WorkerJob) {
    const variables = new JobVariables(job.variables);
    const common = {
      job,
      intentionId: variables.id('intentionId'),
      intentionKind: variables.oneOf('intentionKind', INTENTION_KINDS),
      yearlyCosts: variables.integer('yearlyCosts'),
      requiredCofinancingRate: variables.number('requiredCofinancingRate'),
    };
    // Fields of the other decision may linger from an earlier round of the form; only this decision's are read.
    const outcome = await this.declarations.record(
      variables.oneOf('needDecision', NEED_DECISIONS) === 'declared'
        ? {
            ...common,
            decision: 'declared',
            communityPlan: {
              title: variables.text('communityPlanTitle'),
              period: variables.text('communityPlanPeriod'),
              measure: variables.text('communityPlanMeasure'),
            },
            pledgedCofinancing: common.intentionKind === 'new_service' ? variables.optionalInteger('pledgedCofinancing') : null,
          }
        : { ...common, decision: 'refused', refusalReason: variables.text('refusalReason') },
    );
    if (!outcome.accepted) {
      throw new BpmnError('PLEDGE_BELOW_REQUIRED', outcome.rejection, {
        requiredCofinancingAmount: outcome.requiredCofinancing,
        pledgeRejection: outcome.rejection,
      });
    }
    return { requiredCofinancingAmount: outcome.requiredCofinancing, pledgeRejection: null };
  }
}
