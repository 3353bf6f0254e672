import { Injectable } from '@nestjs/common';
import { DistrictReviewService } from '@app/planning';
import { JobWorker, type WorkerJob } from '@app/zeebe';
import { JobVariables } from './job-variables.js';

/** The district team's review: the team for the opinions, and their summary. */
@Injectable()
export class DistrictReviewWorker {
  constructor(private readonly reviews: DistrictReviewService) {}

  @JobWorker({ type: 'district-review.load-team', fetchVariables: ['districtId'] })
  async loadTeam(job: WorkerJob) {
    return { districtTeam: await this.reviews.loadTeam(new JobVariables(job.variables).text('districtId')) };
  }

  /** An empty team leaves no opinions (the multi-instance may not even create the collection). */
  @JobWorker({ type: 'district-review.summarize-opinions', fetchVariables: ['intentionId', 'districtOpinions'] })
  async summarizeOpinions(job: WorkerJob) {
    const variables = new JobVariables(job.variables);
    const opinions = variables.optionalObjectList('districtOpinions').map((opinion) => ({
      member: opinion.text('member'),
      need: opinion.number('need'),
      availability: opinion.number('availability'),
      cost: opinion.number('cost'),
      quality: opinion.number('quality'),
      interconnection: opinion.number('interconnection'),
      comment: opinion.text('comment'),
    }));
    const score = await this.reviews.summarizeOpinions(job, variables.id('intentionId'), opinions);
    return { districtScore: score.overall, districtCriteriaScores: score.byCriterion };
  }
}
