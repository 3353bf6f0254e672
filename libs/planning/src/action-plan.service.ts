import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditLog, type AuditActor } from '@app/audit';
import {
  checkActionPlanStart,
  defaultCallClosing,
  DomainError,
  DomainErrorCode,
  draftActionPlan,
  nextPlanYear,
  toPragueDateTime,
  type PlanCandidate,
} from '@app/domain';
import { ActionPlanEntity, ActionPlanItemEntity, ResolutionEntity, ResolutionSubjectEntity } from '@app/persistence';
import { ZEEBE_CLIENT, type ZeebeClient } from '@app/zeebe';
import { ActionPlanReportService, type ActionPlanView } from './action-plan-report.service.js';
import { auditJobDecision, type DecidingJob } from './decision-audit.js';
import { IntentionLifecycleService } from './intention-lifecycle.service.js';
import { isAlreadyExists } from './zeebe-errors.js';

export const ACTION_PLAN_PROCESS = 'action-plan';
export const INTENTION_INCLUDED_MESSAGE = 'intention-included-in-action-plan';
/** P1D: the intention's instance is waiting for the message; a day covers a busy engine. */
const INCLUSION_TIME_TO_LIVE_MS = 86_400_000;

export interface CallRequest {
  /** Absent: next year in Prague. */
  planYear: number | null;
  /** Absent: the previous plan's ceiling, or none until the officer sets it. */
  budgetCeiling: number | null;
  /** Absent: 31 March of this year, or 30 days from now when that is too close. */
  callClosingDate: Date | null;
}

export interface OpenCall {
  planYear: number;
  budgetCeiling: number | null;
  /** ISO 8601 with Prague's offset, the value of the closing timer. */
  callClosingDate: string;
}

export type OpenCallOutcome = { opened: true; call: OpenCall } | { opened: false; planYear: number };

export interface PlanDraftSummary {
  includedIntentionIds: string[];
  reserveIntentionIds: string[];
  /** The review form's checklist: every ranked intention, value = intention id. */
  draftItems: { label: string; value: string }[];
  /** Requested subsidies of the included, CZK. */
  draftTotal: number;
}

export interface PlanPublication {
  job: DecidingJob;
  planYear: number;
  includedIntentionIds: readonly string[];
  reserveIntentionIds: readonly string[];
  resolutionNumber: string;
  /** YYYY-MM-DD. */
  resolutionDate: string;
}

interface ResolvedCall {
  planYear: number;
  budgetCeiling: number | null;
  callClosingAt: Date;
}

interface CandidateRow {
  id: string;
  requested_subsidy: string;
  district_score: string | null;
  approved_on: string | null;
  submitted_at: Date;
}

interface DraftRow {
  intention_id: string;
  placement: 'included' | 'reserve';
  rank: number;
  provider_name: string;
  service_type: string;
  orp_name: string;
  requested_subsidy: string;
  district_score: string | null;
}

const czk = (amount: number) => `${new Intl.NumberFormat('cs-CZ').format(amount)} Kč`;
const score = (value: number | null) => (value === null ? 'bez hodnocení' : `hodnocení ${new Intl.NumberFormat('cs-CZ', { minimumFractionDigits: 2 }).format(value)}`);

/** The yearly Action Plan (akční plán): the call, the draft under the ceiling, publication and the message to the included. */
@Injectable()
export class ActionPlanService {
  private readonly logger = new Logger(ActionPlanService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ZEEBE_CLIENT) private readonly zeebe: ZeebeClient,
    private readonly lifecycle: IntentionLifecycleService,
    private readonly reports: ActionPlanReportService,
    private readonly audit: AuditLog,
  ) {}

  /**
   * Opens the call of the job's `action-plan` instance. The instance that creates the plan
   * (audited as its opening) or that the API started for it gets the call; any other instance
   * for the same year is told that the plan already runs.
   */
  openCall(request: CallRequest, job: DecidingJob): Promise<OpenCallOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const call = await this.resolveCall(manager, request, new Date());
      const created = await this.insertPlan(manager, call, job.processInstanceKey);
      const plan = await lockPlan(manager, call.planYear);
      if (plan.processInstanceKey !== job.processInstanceKey) return { opened: false, planYear: plan.planYear };
      const opened = { planYear: plan.planYear, budgetCeiling: plan.budgetCeiling, callClosingDate: toPragueDateTime(plan.callClosingAt) };
      if (created) await auditJobDecision(this.audit, manager, job, { action: 'action-plan.opened', entityType: 'action-plan', entityId: String(plan.planYear), data: opened });
      return { opened: true, call: opened };
    });
  }

  /**
   * A regional officer opens the plan of a year: the plan row, its `action-plan` instance
   * and the audit entry are created together (the instance is cancelled if the commit fails).
   */
  async start(request: CallRequest & { planYear: number }, opener: AuditActor): Promise<ActionPlanView> {
    const now = new Date();
    const violations = checkActionPlanStart(request, now);
    if (violations.length > 0) throw new DomainError(DomainErrorCode.RuleViolated, 'The Action Plan cannot be opened', violations);
    let startedInstance: string | null = null;
    try {
      await this.dataSource.transaction(async (manager) => {
        const call = await this.resolveCall(manager, request, now);
        if (!(await this.insertPlan(manager, call, null))) {
          throw new DomainError(DomainErrorCode.ActionPlanExists, `The Action Plan for ${call.planYear} already exists`);
        }
        const opened = { planYear: call.planYear, budgetCeiling: call.budgetCeiling, callClosingDate: toPragueDateTime(call.callClosingAt) };
        const instance = await this.zeebe.createProcessInstance({
          bpmnProcessId: ACTION_PLAN_PROCESS,
          variables: { planYear: opened.planYear, callClosingDate: opened.callClosingDate, ...(opened.budgetCeiling === null ? {} : { budgetCeiling: opened.budgetCeiling }) },
        });
        startedInstance = instance.processInstanceKey;
        await manager.update(ActionPlanEntity, { planYear: call.planYear }, { processInstanceKey: instance.processInstanceKey });
        await this.audit.record(
          {
            ...opener,
            action: 'action-plan.opened',
            entityType: 'action-plan',
            entityId: String(call.planYear),
            data: { ...opened, processInstanceKey: instance.processInstanceKey },
          },
          manager,
        );
      });
    } catch (error) {
      if (startedInstance !== null) await this.cancelInstance(startedInstance);
      throw error;
    }
    return this.reports.view(request.planYear);
  }

  /**
   * Gathers the intentions the Assembly approved for the year or earlier and the reserve
   * list, orders them and fits them under the ceiling (`draftActionPlan`), and stores the
   * ranked draft, audited. A redelivered job returns the draft it stored.
   */
  assembleDraft(job: DecidingJob, planYear: number, budgetCeiling: number | null, excludedIntentionIds: readonly string[]): Promise<PlanDraftSummary> {
    return this.dataSource.transaction(async (manager) => {
      const plan = await lockPlan(manager, planYear);
      if (plan.status === 'approved') throw new Error(`The Action Plan ${planYear} is approved; its draft no longer changes`);
      if (plan.draftJobKey !== job.key) {
        const draft = draftActionPlan(await this.candidates(manager, planYear), budgetCeiling, new Set(excludedIntentionIds));
        const ranked = [...draft.included.map((candidate) => ({ candidate, placement: 'included' as const })), ...draft.reserve.map((candidate) => ({ candidate, placement: 'reserve' as const }))];
        await manager.delete(ActionPlanItemEntity, { planYear });
        if (ranked.length > 0) {
          await manager.insert(
            ActionPlanItemEntity,
            ranked.map(({ candidate, placement }, index) => ({ planYear, intentionId: candidate.intentionId, placement, rank: index + 1 })),
          );
        }
        await manager.update(
          ActionPlanEntity,
          { planYear },
          { status: 'draft', budgetCeiling, draftJobKey: job.key, includedCount: draft.included.length, includedTotal: draft.total, reserveCount: draft.reserve.length },
        );
        await auditJobDecision(this.audit, manager, job, {
          action: 'action-plan.drafted',
          entityType: 'action-plan',
          entityId: String(planYear),
          data: {
            planYear,
            budgetCeiling,
            excludedIntentionIds,
            includedIntentionIds: draft.included.map((candidate) => candidate.intentionId),
            reserveIntentionIds: draft.reserve.map((candidate) => candidate.intentionId),
            includedTotal: draft.total,
          },
        });
      }
      return this.draftSummary(manager, planYear);
    });
  }

  /**
   * Marks the plan approved by the Assembly's recorded resolution and moves its reserve list
   * to `in_reserve`, audited as its publication. The lists must be the stored draft's;
   * publishing again changes nothing.
   */
  publish(publication: PlanPublication): Promise<void> {
    const { planYear } = publication;
    const number = publication.resolutionNumber.trim();
    return this.dataSource.transaction(async (manager) => {
      const plan = await lockPlan(manager, planYear);
      const resolution = await manager.findOneBy(ResolutionEntity, { body: 'assembly', number });
      const approval =
        resolution &&
        (await manager.findOneBy(ResolutionSubjectEntity, { resolutionId: resolution.id, subject: 'action-plan', subjectId: String(planYear) }));
      if (!resolution || resolution.adoptedOn !== publication.resolutionDate || approval?.decision !== 'approved') {
        throw new Error(`No recorded Assembly resolution ${number} of ${publication.resolutionDate} approves the Action Plan ${planYear}`);
      }
      if (plan.status === 'approved') {
        if (plan.resolutionId === resolution.id) return;
        throw new Error(`The Action Plan ${planYear} was approved by another resolution`);
      }
      if (plan.status !== 'draft') throw new Error(`The Action Plan ${planYear} has no draft to publish`);
      const items = await manager.find(ActionPlanItemEntity, { where: { planYear }, order: { rank: 'ASC' } });
      const stored = (placement: string) => items.filter((item) => item.placement === placement).map((item) => item.intentionId);
      if (!sameIds(stored('included'), publication.includedIntentionIds) || !sameIds(stored('reserve'), publication.reserveIntentionIds)) {
        throw new Error(`The lists to publish differ from the stored draft of the Action Plan ${planYear}`);
      }
      const reserve = stored('reserve');
      // Their rows first, in id order: each status change then takes the audit chain's lock, which must not wait for a row.
      await manager.query('SELECT id FROM intention WHERE id = ANY($1::bigint[]) ORDER BY id FOR UPDATE', [reserve]);
      for (const intentionId of reserve) {
        await this.lifecycle.setStatusIn(manager, {
          intentionId,
          status: 'in_reserve',
          reason: `Zásobník akčního plánu ${planYear}`,
          job: publication.job,
        });
      }
      await manager.update(ActionPlanEntity, { planYear }, { status: 'approved', resolutionId: resolution.id });
      await auditJobDecision(this.audit, manager, publication.job, {
        action: 'action-plan.published',
        entityType: 'action-plan',
        entityId: String(planYear),
        data: {
          planYear,
          resolutionNumber: number,
          resolutionDate: resolution.adoptedOn,
          includedIntentionIds: stored('included'),
          reserveIntentionIds: reserve,
          includedTotal: plan.includedTotal,
        },
      });
    });
  }

  /**
   * Tells an included intention's instance that it is in the approved plan. The message id
   * makes a redelivered job publish the same message; ALREADY_EXISTS means it was published.
   */
  async announceInclusion(intentionId: string, planYear: number, planResolutionNumber: string): Promise<void> {
    const plan = await this.dataSource.manager.findOneBy(ActionPlanEntity, { planYear });
    const item = await this.dataSource.manager.findOneBy(ActionPlanItemEntity, { planYear, intentionId, placement: 'included' });
    if (plan?.status !== 'approved' || !item) throw new Error(`Intention ${intentionId} is not included in an approved Action Plan ${planYear}`);
    try {
      await this.zeebe.publishMessage({
        name: INTENTION_INCLUDED_MESSAGE,
        correlationKey: intentionId,
        messageId: `action-plan-${planYear}-${intentionId}`,
        timeToLive: INCLUSION_TIME_TO_LIVE_MS,
        variables: { actionPlanYear: planYear, actionPlanResolutionNumber: planResolutionNumber },
      });
    } catch (error) {
      if (!isAlreadyExists(error)) throw error;
    }
  }

  /** Creates the year's plan with its call unless it exists; whether it was created. */
  private async insertPlan(manager: EntityManager, call: ResolvedCall, processInstanceKey: string | null): Promise<boolean> {
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(ActionPlanEntity)
      .values({ planYear: call.planYear, processInstanceKey, status: 'call_open', budgetCeiling: call.budgetCeiling, callClosingAt: call.callClosingAt })
      .orIgnore()
      .returning('plan_year')
      .execute();
    return (inserted.raw as unknown[]).length > 0;
  }

  private async resolveCall(manager: EntityManager, request: CallRequest, now: Date): Promise<ResolvedCall> {
    const planYear = request.planYear ?? nextPlanYear(now);
    let budgetCeiling = request.budgetCeiling;
    if (budgetCeiling === null) {
      const previous = await manager
        .createQueryBuilder(ActionPlanEntity, 'plan')
        .where('plan.plan_year < :planYear AND plan.budget_ceiling IS NOT NULL', { planYear })
        .orderBy('plan.plan_year', 'DESC')
        .getOne();
      budgetCeiling = previous?.budgetCeiling ?? null;
    }
    return { planYear, budgetCeiling, callClosingAt: request.callClosingDate ?? defaultCallClosing(now) };
  }

  /** Approved for the year or earlier, or on the reserve list, and not included in another year's plan. */
  private async candidates(manager: EntityManager, planYear: number): Promise<PlanCandidate[]> {
    const rows: CandidateRow[] = await manager.query(
      `SELECT intention.id, intention.requested_subsidy, intention.district_score, intention.submitted_at,
              (SELECT to_char(resolution.adopted_on, 'YYYY-MM-DD')
                 FROM resolution_subject approval JOIN resolution ON resolution.id = approval.resolution_id
                WHERE approval.subject = 'intention' AND approval.subject_id = intention.id::text
                  AND resolution.body = 'assembly' AND approval.decision = 'approved'
                ORDER BY resolution.adopted_on DESC LIMIT 1) AS approved_on
         FROM intention
        WHERE ((intention.status = 'approved_by_assembly' AND intention.plan_year <= $1) OR intention.status = 'in_reserve')
          AND NOT EXISTS (SELECT 1 FROM action_plan_item other
                           WHERE other.intention_id = intention.id AND other.placement = 'included' AND other.plan_year <> $1)`,
      [planYear],
    );
    return rows.map((row) => {
      if (row.approved_on === null) throw new Error(`Intention ${row.id} is approved but no Assembly resolution approving it is recorded`);
      return {
        intentionId: row.id,
        requestedSubsidy: Number(row.requested_subsidy),
        districtScore: row.district_score === null ? null : Number(row.district_score),
        approvedOn: row.approved_on,
        submittedAt: row.submitted_at,
      };
    });
  }

  private async draftSummary(manager: EntityManager, planYear: number): Promise<PlanDraftSummary> {
    const plan = await manager.findOneByOrFail(ActionPlanEntity, { planYear });
    const rows: DraftRow[] = await manager.query(
      `SELECT item.intention_id, item.placement, item.rank, intention.provider_name, intention.service_type, orp.name AS orp_name,
              intention.requested_subsidy, intention.district_score
         FROM action_plan_item item
         JOIN intention ON intention.id = item.intention_id
         JOIN orp ON orp.id = intention.orp_id
        WHERE item.plan_year = $1
        ORDER BY item.rank`,
      [planYear],
    );
    return {
      includedIntentionIds: rows.filter((row) => row.placement === 'included').map((row) => row.intention_id),
      reserveIntentionIds: rows.filter((row) => row.placement === 'reserve').map((row) => row.intention_id),
      draftItems: rows.map((row) => ({
        label:
          `${row.rank}. ${row.provider_name} – § ${row.service_type}, ORP ${row.orp_name} – ${czk(Number(row.requested_subsidy))}, ` +
          `${score(row.district_score === null ? null : Number(row.district_score))} – ${row.placement === 'included' ? 'v návrhu' : 'zásobník'}`,
        value: row.intention_id,
      })),
      draftTotal: plan.includedTotal,
    };
  }

  private async cancelInstance(processInstanceKey: string): Promise<void> {
    try {
      await this.zeebe.cancelProcessInstance(processInstanceKey);
    } catch (error) {
      // Nothing was written; the orphan's open-call opens the same plan from its variables, as if the start had succeeded.
      this.logger.error({ err: error, processInstanceKey }, 'could not cancel the instance of a failed Action Plan start');
    }
  }
}

async function lockPlan(manager: EntityManager, planYear: number): Promise<ActionPlanEntity> {
  const plan = await manager.findOne(ActionPlanEntity, { where: { planYear }, lock: { mode: 'pessimistic_write' } });
  if (!plan) throw new DomainError(DomainErrorCode.NotFound, `There is no Action Plan for ${planYear}`);
  return plan;
}

function sameIds(stored: readonly string[], given: readonly string[]): boolean {
  return stored.length === given.length && [...stored].sort().join() === [...given].sort().join();
}
