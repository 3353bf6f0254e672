import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Principal } from '@app/auth';
import { IntentionsService, type IntentionDetail } from '@app/intentions';
import { DistrictOpinionEntity, DistrictReviewEntity, NeedDeclarationEntity, ResolutionEntity, ResolutionSubjectEntity } from '@app/persistence';

export interface IntentionDossier extends IntentionDetail {
  needDeclarations: NeedDeclarationEntity[];
  districtReviews: (DistrictReviewEntity & { opinions: DistrictOpinionEntity[] })[];
  resolutions: { body: string; number: string; date: string; decision: string; recordedAt: Date }[];
}

/** Everything recorded about an intention, read from the database without asking the engine. */
@Injectable()
export class IntentionDossierService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly intentions: IntentionsService,
  ) {}

  /** The caller's: outside their scope the intention answers 404. */
  async get(principal: Principal, id: string): Promise<IntentionDossier> {
    const detail = await this.intentions.get(principal, id);
    const manager = this.dataSource.manager;
    const needDeclarations = await manager.find(NeedDeclarationEntity, { where: { intentionId: id }, order: { id: 'ASC' } });
    const reviews = await manager.find(DistrictReviewEntity, { where: { intentionId: id }, order: { id: 'ASC' } });
    const opinions = reviews.length === 0 ? [] : await manager.find(DistrictOpinionEntity, { where: reviews.map((review) => ({ reviewId: review.id })), order: { member: 'ASC' } });
    const resolutions = await manager
      .createQueryBuilder(ResolutionSubjectEntity, 'subject')
      .innerJoin(ResolutionEntity, 'resolution', 'resolution.id = subject.resolution_id')
      .select(['resolution.body AS body', 'resolution.number AS number', `to_char(resolution.adopted_on, 'YYYY-MM-DD') AS date`])
      .addSelect(['subject.decision AS decision', 'subject.recorded_at AS "recordedAt"'])
      .where(`subject.subject = 'intention' AND subject.subject_id = :id`, { id })
      .orderBy('subject.recorded_at', 'ASC')
      .getRawMany<IntentionDossier['resolutions'][number]>();
    return Object.assign(detail, {
      needDeclarations,
      districtReviews: reviews.map((review) => Object.assign(review, { opinions: opinions.filter((opinion) => opinion.reviewId === review.id) })),
      resolutions,
    });
  }
}
