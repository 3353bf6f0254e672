import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditLog } from '@app/audit';
import { checkResolution, DomainError, DomainErrorCode, type ResolutionBody, type ResolutionSubject } from '@app/domain';
import { ActionPlanEntity, IntentionEntity, ResolutionEntity, ResolutionSubjectEntity } from '@app/persistence';
import { auditJobDecision, type DecidingJob } from './decision-audit.js';

export interface ResolutionInput {
  /** The secretary's record goes through this job; recording the same again changes nothing. */
  job: DecidingJob;
  body: ResolutionBody;
  subject: ResolutionSubject;
  /** The intention id, or the plan year as text. */
  subjectId: string;
  /** The form's decision value, e.g. `recommends` or `approved`. */
  decision: string;
  number: string;
  /** YYYY-MM-DD. */
  date: string;
}

export type ResolutionOutcome = { recorded: true } | { recorded: false; rejection: string };

const BODY_LABEL: Readonly<Record<ResolutionBody, string>> = { council: 'Rady kraje', assembly: 'Zastupitelstva kraje' };

/** Resolutions (usnesení) of the Regional Council and Assembly, validated and unique by body and number. */
@Injectable()
export class ResolutionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
  ) {}

  /**
   * Stores the resolution and what it decided about the subject, and audits that decision. A
   * malformed number or date, a number already stored with another date, or another decision
   * about the same subject is rejected with a Czech text for the secretary (no decision, so not
   * audited); the same record again changes nothing.
   */
  record(input: ResolutionInput): Promise<ResolutionOutcome> {
    const number = input.number.trim();
    const violations = checkResolution(input.body, number, input.date, new Date());
    if (violations.length > 0) return Promise.resolve({ recorded: false, rejection: violations.map((violation) => violation.message).join('. ') });
    return this.dataSource.transaction(async (manager) => {
      await assertSubjectExists(manager, input.subject, input.subjectId);
      await manager.createQueryBuilder().insert().into(ResolutionEntity).values({ body: input.body, number, adoptedOn: input.date }).orIgnore().execute();
      const resolution = await manager.findOneOrFail(ResolutionEntity, { where: { body: input.body, number }, lock: { mode: 'pessimistic_write' } });
      const label = `Usnesení ${BODY_LABEL[input.body]} č. ${number}`;
      if (resolution.adoptedOn !== input.date) {
        return { recorded: false, rejection: `${label} je již zaznamenáno s datem ${resolution.adoptedOn}` };
      }
      const key = { resolutionId: resolution.id, subject: input.subject, subjectId: input.subjectId };
      const stored = await manager.findOneBy(ResolutionSubjectEntity, key);
      if (stored) {
        return stored.decision === input.decision
          ? { recorded: true }
          : { recorded: false, rejection: `${label} je již zaznamenáno s jiným rozhodnutím (${stored.decision})` };
      }
      await manager.insert(ResolutionSubjectEntity, { ...key, decision: input.decision, jobKey: input.job.key });
      await auditJobDecision(this.audit, manager, input.job, {
        action: 'resolution.recorded',
        entityType: 'resolution',
        entityId: resolution.id,
        data: {
          body: input.body,
          number,
          date: input.date,
          subject: input.subject,
          ...(input.subject === 'intention' ? { intentionId: input.subjectId } : { planYear: Number(input.subjectId) }),
          decision: input.decision,
        },
      });
      return { recorded: true };
    });
  }
}

/** A resolution about something that does not exist means the model passed the wrong id: a fault. */
async function assertSubjectExists(manager: EntityManager, subject: ResolutionSubject, subjectId: string): Promise<void> {
  const exists =
    subject === 'intention'
      ? await manager.existsBy(IntentionEntity, { id: subjectId })
      : await manager.existsBy(ActionPlanEntity, { planYear: Number(subjectId) });
  if (!exists) throw new DomainError(DomainErrorCode.NotFound, `The ${subject} ${subjectId} of the resolution does not exist`);
}
