import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '@app/auth';
import { CatalogService } from '@app/catalog';
import {
  assertTransition,
  canTransition,
  checkIntentionRules,
  DomainError,
  DomainErrorCode,
  duplicateViolations,
  isDecisionStatus,
  missingForSubmission,
  providerGroup,
  type FieldViolation,
  type IntentionKind,
  type IntentionStatus,
  type ProvisionForm,
} from '@app/domain';
import { TaskCancellation } from '@app/inbox';
import { IntentionHistory, intentionNotFound, IntentionsService, type IntentionDetail } from '@app/intentions';
import { IntentionEntity, IntentionEventEntity, OrpEntity } from '@app/persistence';
import { ZEEBE_CLIENT, type ZeebeClient } from '@app/zeebe';
import { processActor, type DecidingJob } from './decision-audit.js';
import { lockIntention } from './intention-lock.js';
import { NotificationService } from './notification.service.js';
import { isAlreadyExists } from './zeebe-errors.js';

export const INTENTION_SUBMISSION_PROCESS = 'intention-submission';
export const INTENTION_WITHDRAWN_MESSAGE = 'intention-withdrawn';
/** A withdrawal waits this long for the instance to take it (it is subscribed at once; this covers a busy engine). */
const WITHDRAWAL_TIME_TO_LIVE_MS = 3_600_000;
const WITHDRAWAL_REQUESTED = 'withdrawal-requested';

export interface StatusChange {
  intentionId: string;
  status: IntentionStatus;
  /** Why, in words the provider reads (a refusal, a withdrawal, what is missing). */
  reason: string | null;
  /**
   * The job through which a process changes it: the process is the actor; a redelivered job
   * finds its history entry and changes nothing.
   */
  job: DecidingJob;
}

/** What the process needs to know about a complete intention. */
export interface IntentionFacts {
  orpId: string;
  districtId: string;
  planYear: number;
  serviceType: string;
  provisionForm: ProvisionForm;
  intentionKind: IntentionKind;
  yearlyCosts: number;
}

export type CompletenessCheck = { complete: true; facts: IntentionFacts } | { complete: false; reasons: FieldViolation[] };

/**
 * The intention's way through the cycle: submission, withdrawal, and every status change.
 * `setStatus` is the only writer of an intention's status after submission.
 */
@Injectable()
export class IntentionLifecycleService {
  private readonly logger = new Logger(IntentionLifecycleService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ZEEBE_CLIENT) private readonly zeebe: ZeebeClient,
    private readonly catalog: CatalogService,
    private readonly intentions: IntentionsService,
    private readonly history: IntentionHistory,
    private readonly notifications: NotificationService,
    private readonly tasks: TaskCancellation,
  ) {}

  /** Returns whether the status changed; the same status again changes nothing. A transition the domain forbids throws. */
  setStatus(change: StatusChange): Promise<boolean> {
    return this.dataSource.transaction((manager) => this.setStatusIn(manager, change));
  }

  /** `setStatus` within the caller's transaction (publishing a plan moves its whole reserve list at once). */
  async setStatusIn(manager: EntityManager, change: StatusChange): Promise<boolean> {
    const intention = await lockIntention(manager, change.intentionId);
    const alreadyDone = await manager
      .createQueryBuilder(IntentionEventEntity, 'event')
      .where('event.intention_id = :id AND event.data ->> :field = :jobKey', { id: change.intentionId, field: 'jobKey', jobKey: change.job.key })
      .getExists();
    if (alreadyDone || intention.status === change.status) return false;
    assertTransition(intention.status, change.status);
    const fromStatus = intention.status;
    await manager.update(IntentionEntity, { id: intention.id }, { status: change.status, statusReason: change.reason });
    const event = await this.history.append(manager, {
      intentionId: intention.id,
      actor: processActor(change.job),
      action: 'status-changed',
      fromStatus,
      toStatus: change.status,
      data: { jobKey: change.job.key, processInstanceKey: change.job.processInstanceKey },
      comment: change.reason,
    });
    // Whatever the process left open (a task created while the withdrawal travelled) ends with it.
    if (change.status === 'withdrawn') await this.tasks.cancelOpenTasksOfIntention(manager, intention.id, change.reason);
    if (isDecisionStatus(change.status)) {
      await this.notifications.sendIn(manager, {
        idempotencyKey: `intention-event:${event.id}`,
        template: 'intention-status-changed',
        recipientGroups: [providerGroup(intention.providerIco)],
        intentionId: intention.id,
        data: { fromStatus, status: change.status, reason: change.reason },
      });
    }
    return true;
  }

  /**
   * Reads the intention as its provider left it and checks what submission needs: the
   * fields, the domain rules, and no open intention of the same provider, type, ORP and year.
   * The row is read under a share lock so that a submission still committing is waited for;
   * an instance that is not the intention's own (a submission that failed) is a fault.
   */
  checkCompleteness(intentionId: string, processInstanceKey: string): Promise<CompletenessCheck> {
    return this.dataSource.transaction(async (manager) => {
      const intention = await manager.findOne(IntentionEntity, { where: { id: intentionId }, lock: { mode: 'pessimistic_read' } });
      if (!intention) throw intentionNotFound(intentionId);
      if (intention.processInstanceKey !== processInstanceKey) {
        throw new Error(`Intention ${intentionId} belongs to process instance ${intention.processInstanceKey ?? '(none: a draft)'}, not ${processInstanceKey}`);
      }
      const reasons = await this.submissionViolations(manager, intention);
      if (reasons.length > 0) return { complete: false, reasons };
      const orp = await manager.findOneByOrFail(OrpEntity, { id: intention.orpId });
      return {
        complete: true,
        facts: {
          orpId: intention.orpId,
          districtId: orp.districtId,
          planYear: intention.planYear,
          serviceType: intention.serviceType,
          // Complete: missingForSubmission has checked these.
          provisionForm: intention.form!,
          intentionKind: intention.kind,
          yearlyCosts: intention.yearlyCosts!,
        },
      };
    });
  }

  /**
   * Submits a complete draft: the status, the submission time and the started
   * `intention-submission` instance are written together. The instance is started inside
   * the transaction (a failed start writes nothing) and cancelled if the commit fails, so
   * neither a submitted intention without a process nor a process of a draft remains.
   */
  async submit(principal: Principal, id: string): Promise<IntentionDetail> {
    let startedInstance: string | null = null;
    try {
      await this.dataSource.transaction(async (manager) => {
        const intention = await this.intentions.lockForAct(manager, principal, id);
        if (intention.status !== 'draft') {
          throw new DomainError(DomainErrorCode.IntentionNotDraft, `Intention ${id} is '${intention.status}'; only a draft can be submitted`);
        }
        const violations = await this.submissionViolations(manager, intention);
        if (violations.length > 0) {
          throw new DomainError(DomainErrorCode.RuleViolated, 'The intention is not ready for submission', violations);
        }
        const instance = await this.zeebe.createProcessInstance({
          bpmnProcessId: INTENTION_SUBMISSION_PROCESS,
          variables: { intentionId: id, providerId: intention.providerIco, submittedBy: principal.userId },
        });
        startedInstance = instance.processInstanceKey;
        await manager.update(
          IntentionEntity,
          { id },
          { status: 'submitted', submittedAt: () => 'now()', processInstanceKey: instance.processInstanceKey },
        );
        await this.history.append(manager, {
          intentionId: id,
          actor: principal,
          action: 'submitted',
          fromStatus: 'draft',
          toStatus: 'submitted',
          data: { processInstanceKey: instance.processInstanceKey },
          comment: null,
        });
      });
    } catch (error) {
      if (startedInstance !== null) await this.cancelInstance(startedInstance, id);
      throw error;
    }
    return this.intentions.get(principal, id);
  }

  /**
   * Asks the intention's process to withdraw it, and ends its open inbox tasks in the same
   * transaction (they leave every inbox at once; the process terminates their jobs and sets the
   * status). Allowed until the Assembly decides. Asking again records nothing new and
   * publishes the same message (its id is the intention's).
   */
  async withdraw(principal: Principal, id: string, reason: string): Promise<IntentionDetail> {
    await this.dataSource.transaction(async (manager) => {
      const intention = await this.intentions.lockForAct(manager, principal, id);
      if (!canTransition(intention.status, 'withdrawn')) {
        throw new DomainError(DomainErrorCode.TransitionNotAllowed, `An intention in status '${intention.status}' can no longer be withdrawn`);
      }
      if (!(await manager.existsBy(IntentionEventEntity, { intentionId: id, action: WITHDRAWAL_REQUESTED }))) {
        await this.history.append(manager, {
          intentionId: id,
          actor: principal,
          action: WITHDRAWAL_REQUESTED,
          fromStatus: intention.status,
          toStatus: intention.status,
          data: {},
          comment: reason,
        });
      }
      await this.tasks.cancelOpenTasksOfIntention(manager, id, reason);
      try {
        await this.zeebe.publishMessage({
          name: INTENTION_WITHDRAWN_MESSAGE,
          correlationKey: id,
          // One withdrawal per intention: a repeated request is the same message.
          messageId: `withdrawal-${id}`,
          timeToLive: WITHDRAWAL_TIME_TO_LIVE_MS,
          variables: { withdrawalReason: reason },
        });
      } catch (error) {
        if (!isAlreadyExists(error)) throw error;
      }
    });
    return this.intentions.get(principal, id);
  }

  private async submissionViolations(manager: EntityManager, intention: IntentionEntity): Promise<FieldViolation[]> {
    const siblings = await manager.find(IntentionEntity, {
      select: { id: true, status: true },
      where: { providerIco: intention.providerIco, serviceType: intention.serviceType, orpId: intention.orpId, planYear: intention.planYear },
    });
    return [
      ...missingForSubmission(intention),
      ...checkIntentionRules(intention, await this.catalog.intentionContext(new Date())),
      ...duplicateViolations(intention.id, siblings),
    ];
  }

  private async cancelInstance(processInstanceKey: string, intentionId: string): Promise<void> {
    try {
      await this.zeebe.cancelProcessInstance(processInstanceKey);
    } catch (error) {
      // Nothing was written; the orphan instance's first job fails into an incident (not the intention's instance).
      this.logger.error({ err: error, processInstanceKey, intentionId }, 'could not cancel the instance of a failed submission');
    }
  }
}
