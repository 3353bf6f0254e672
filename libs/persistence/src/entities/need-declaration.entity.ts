import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { numberColumn } from './transformers.js';

export type NeedDecision = 'declared' | 'refused';

/** The ORP's declaration of need (deklarace potřebnosti) or its refusal; one per round of the ORP's task. */
@Entity({ name: 'need_declaration' })
export class NeedDeclarationEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'intention_id', type: 'bigint' })
  intentionId: string;

  /** The job that recorded it: a redelivered job finds its declaration already stored. */
  @Column({ name: 'job_key', type: 'text' })
  jobKey: string;

  @Column({ type: 'text' })
  decision: NeedDecision;

  @Column({ name: 'community_plan_title', type: 'text', nullable: true })
  communityPlanTitle: string | null;

  @Column({ name: 'community_plan_period', type: 'text', nullable: true })
  communityPlanPeriod: string | null;

  @Column({ name: 'community_plan_measure', type: 'text', nullable: true })
  communityPlanMeasure: string | null;

  @Column({ name: 'cofinancing_rate', type: 'numeric', precision: 5, scale: 4, nullable: true, transformer: numberColumn })
  cofinancingRate: number | null;

  @Column({ name: 'required_cofinancing', type: 'bigint', nullable: true, transformer: numberColumn })
  requiredCofinancing: number | null;

  @Column({ name: 'pledged_cofinancing', type: 'bigint', nullable: true, transformer: numberColumn })
  pledgedCofinancing: number | null;

  @Column({ name: 'refusal_reason', type: 'text', nullable: true })
  refusalReason: string | null;

  @CreateDateColumn({ name: 'declared_at', type: 'timestamptz' })
  declaredAt: Date;
}
