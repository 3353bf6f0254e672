import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditLog } from '@app/audit';
import { checkPledge, type IntentionKind, type PledgeOutcome } from '@app/domain';
import { NeedDeclarationEntity } from '@app/persistence';
import { auditJobDecision, type DecidingJob } from './decision-audit.js';
import { lockIntention } from './intention-lock.js';

export interface CommunityPlanCitation {
  title: string;
  /** e.g. `2025–2027`. */
  period: string;
  measure: string;
}

export type NeedDeclarationInput = {
  /** The job that records it: one declaration per job, however often it is delivered. */
  job: DecidingJob;
  intentionId: string;
  intentionKind: IntentionKind;
  yearlyCosts: number;
  /** The decision table's share for the service's type and form, 0–1. */
  requiredCofinancingRate: number;
} & (
  | { decision: 'declared'; communityPlan: CommunityPlanCitation; pledgedCofinancing: number | null }
  | { decision: 'refused'; refusalReason: string }
);

/** The ORP's declaration of need (deklarace potřebnosti) with the municipalities' co-financing pledge. */
@Injectable()
export class NeedDeclarationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
  ) {}

  /**
   * Stores the declaration or refusal, and audits it; a pledge below the required share is
   * refused and nothing is stored.
   */
  record(input: NeedDeclarationInput): Promise<PledgeOutcome> {
    return this.dataSource.transaction(async (manager) => {
      await lockIntention(manager, input.intentionId);
      const stored = await manager.findOneBy(NeedDeclarationEntity, { jobKey: input.job.key });
      if (stored) return { accepted: true, requiredCofinancing: stored.requiredCofinancing };
      const declared = input.decision === 'declared';
      const pledged = declared && input.intentionKind === 'new_service' ? input.pledgedCofinancing : null;
      const outcome = checkPledge({
        kind: input.intentionKind,
        decision: input.decision,
        rate: input.requiredCofinancingRate,
        yearlyCosts: input.yearlyCosts,
        pledged,
      });
      if (!outcome.accepted) return outcome;
      const declaration = await manager.save(NeedDeclarationEntity, {
        intentionId: input.intentionId,
        jobKey: input.job.key,
        decision: input.decision,
        communityPlanTitle: declared ? input.communityPlan.title : null,
        communityPlanPeriod: declared ? input.communityPlan.period : null,
        communityPlanMeasure: declared ? input.communityPlan.measure : null,
        cofinancingRate: outcome.requiredCofinancing === null ? null : input.requiredCofinancingRate,
        requiredCofinancing: outcome.requiredCofinancing,
        pledgedCofinancing: pledged,
        refusalReason: declared ? null : input.refusalReason,
      });
      await auditJobDecision(this.audit, manager, input.job, {
        action: `need-declaration.${input.decision}`,
        entityType: 'need-declaration',
        entityId: declaration.id,
        data: {
          intentionId: input.intentionId,
          decision: input.decision,
          intentionKind: input.intentionKind,
          yearlyCosts: input.yearlyCosts,
          communityPlan: declared ? input.communityPlan : null,
          cofinancingRate: declaration.cofinancingRate,
          requiredCofinancing: declaration.requiredCofinancing,
          pledgedCofinancing: declaration.pledgedCofinancing,
        },
        reason: declaration.refusalReason,
      });
      return outcome;
    });
  }
}
