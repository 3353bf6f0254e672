import { Injectable } from '@nestjs/common';
import { RESOLUTION_BODIES, RESOLUTION_DECISIONS, RESOLUTION_SUBJECTS } from '@app/domain';
import { ResolutionService } from '@app/planning';
import { BpmnError, JobWorker, type WorkerJob } from '@app/zeebe';
import { JobVariables } from './job-variables.js';

/** `resolution.record`: the Council's and the Assembly's resolutions, about intentions and Action Plans. */
@Injectable()
export class ResolutionWorker {
  constructor(private readonly resolutions: ResolutionService) {}

  @JobWorker({
    type: 'resolution.record',
    fetchVariables: ['resolutionBody', 'resolutionSubject', 'subjectId', 'resolutionDecision', 'resolutionNumber', 'resolutionDate'],
  })
  async record(job: WorkerJob) {
    const variables = new JobVariables(job.variables);
    const body = variables.oneOf('resolutionBody', RESOLUTION_BODIES);
    const outcome = await this.resolutions.record({
      job,
      body,
      subject: variables.oneOf('resolutionSubject', RESOLUTION_SUBJECTS),
      subjectId: variables.id('subjectId'),
      decision: variables.oneOf('resolutionDecision', RESOLUTION_DECISIONS[body]),
      number: variables.text('resolutionNumber'),
      date: variables.text('resolutionDate'),
    });
    if (!outcome.recorded) throw new BpmnError('RESOLUTION_REJECTED', outcome.rejection, { resolutionRejection: outcome.rejection });
    return { resolutionRejection: null };
  }
}
