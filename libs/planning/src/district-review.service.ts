import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditLog } from '@app/audit';
import { DomainError, DomainErrorCode, scoreOpinions, type DistrictOpinion, type DistrictScore } from '@app/domain';
import { DistrictEntity, DistrictOpinionEntity, DistrictReviewEntity, DistrictTeamMemberEntity, IntentionEntity } from '@app/persistence';
import { auditJobDecision, type DecidingJob } from './decision-audit.js';
import { lockIntention } from './intention-lock.js';

/** The district team's review: who gives opinions, and what they add up to. */
@Injectable()
export class DistrictReviewService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
  ) {}

  /** The user ids of the district's team, chair included (the chair is a member who also decides). */
  async loadTeam(districtId: string): Promise<string[]> {
    if (!(await this.dataSource.manager.existsBy(DistrictEntity, { id: districtId }))) {
      throw new DomainError(DomainErrorCode.NotFound, `District '${districtId}' does not exist`);
    }
    const members = await this.dataSource.manager.find(DistrictTeamMemberEntity, { where: { districtId }, order: { userId: 'ASC' } });
    return members.map((member) => member.userId);
  }

  /**
   * Stores one round of opinions and makes its mean the intention's district score, which
   * orders the Action Plan; the score and its opinions are audited. A redelivered job returns
   * the round it stored.
   */
  async summarizeOpinions(job: DecidingJob, intentionId: string, opinions: readonly DistrictOpinion[]): Promise<DistrictScore> {
    const score = scoreOpinions(opinions);
    return this.dataSource.transaction(async (manager) => {
      await lockIntention(manager, intentionId);
      const stored = await manager.findOneBy(DistrictReviewEntity, { jobKey: job.key });
      if (stored) return scoreOf(stored);
      const review = await manager.save(DistrictReviewEntity, {
        intentionId,
        jobKey: job.key,
        score: score.overall,
        scoreNeed: score.byCriterion.need,
        scoreAvailability: score.byCriterion.availability,
        scoreCost: score.byCriterion.cost,
        scoreQuality: score.byCriterion.quality,
        scoreInterconnection: score.byCriterion.interconnection,
      });
      if (opinions.length > 0) {
        await manager.insert(
          DistrictOpinionEntity,
          opinions.map((opinion) => ({ reviewId: review.id, ...opinion })),
        );
      }
      await manager.update(IntentionEntity, { id: intentionId }, { districtScore: score.overall });
      await auditJobDecision(this.audit, manager, job, {
        action: 'district-review.scored',
        entityType: 'district-review',
        entityId: review.id,
        data: { intentionId, score: score.overall, scoreByCriterion: score.byCriterion, opinions },
      });
      return score;
    });
  }
}

function scoreOf(review: DistrictReviewEntity): DistrictScore {
  return {
    overall: review.score,
    byCriterion: {
      need: review.scoreNeed,
      availability: review.scoreAvailability,
      cost: review.scoreCost,
      quality: review.scoreQuality,
      interconnection: review.scoreInterconnection,
    },
  };
}
