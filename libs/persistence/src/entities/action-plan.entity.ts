import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { numberColumn } from './transformers.js';

export type ActionPlanStatus = 'call_open' | 'draft' | 'approved';
export type ActionPlanPlacement = 'included' | 'reserve';

/** The Action Plan (akční plán) of one year: the call, the draft under the ceiling, the Assembly's approval. */
@Entity({ name: 'action_plan' })
export class ActionPlanEntity {
  @PrimaryColumn({ name: 'plan_year', type: 'integer' })
  planYear: number;

  /** The `action-plan` instance that runs this plan; null only while the API is starting it. */
  @Column({ name: 'process_instance_key', type: 'text', nullable: true })
  processInstanceKey: string | null;

  @Column({ type: 'text' })
  status: ActionPlanStatus;

  /** Whole CZK; null until the regional officer sets it. */
  @Column({ name: 'budget_ceiling', type: 'bigint', nullable: true, transformer: numberColumn })
  budgetCeiling: number | null;

  @Column({ name: 'call_closing_at', type: 'timestamptz' })
  callClosingAt: Date;

  /** The job that assembled the current draft: a redelivered job returns that draft. */
  @Column({ name: 'draft_job_key', type: 'text', nullable: true })
  draftJobKey: string | null;

  @Column({ name: 'included_count', type: 'integer' })
  includedCount: number;

  /** Requested subsidies of the included intentions, CZK. */
  @Column({ name: 'included_total', type: 'bigint', transformer: numberColumn })
  includedTotal: number;

  @Column({ name: 'reserve_count', type: 'integer' })
  reserveCount: number;

  /** The Assembly's resolution that approved the plan. */
  @Column({ name: 'resolution_id', type: 'bigint', nullable: true })
  resolutionId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** An intention in a plan's draft: included under the ceiling or on the reserve list (zásobník), by rank. */
@Entity({ name: 'action_plan_item' })
export class ActionPlanItemEntity {
  @PrimaryColumn({ name: 'plan_year', type: 'integer' })
  planYear: number;

  @PrimaryColumn({ name: 'intention_id', type: 'bigint' })
  intentionId: string;

  @Column({ type: 'text' })
  placement: ActionPlanPlacement;

  /** 1 = best placed in the draft's order. */
  @Column({ type: 'integer' })
  rank: number;
}
