import type { CapacityUnit, IntentionKind, IntentionStatus, ProvisionForm } from '@app/domain';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { numberColumn } from './transformers.js';

@Entity({ name: 'intention' })
export class IntentionEntity {
  /** bigint identity; a string in TypeScript like every 64-bit id. */
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'text' })
  status: IntentionStatus;

  @Column({ type: 'text' })
  kind: IntentionKind;

  @Column({ name: 'existing_service_registry_id', type: 'text', nullable: true })
  existingServiceRegistryId: string | null;

  @Column({ name: 'provider_name', type: 'text' })
  providerName: string;

  @Column({ name: 'provider_ico', type: 'char', length: 8 })
  providerIco: string;

  @Column({ name: 'service_type', type: 'text' })
  serviceType: string;

  @Column({ type: 'text', nullable: true })
  form: ProvisionForm | null;

  @Column({ name: 'target_groups', type: 'text', array: true })
  targetGroups: string[];

  @Column({ name: 'orp_id', type: 'text' })
  orpId: string;

  @Column({ type: 'numeric', precision: 10, scale: 2, nullable: true, transformer: numberColumn })
  capacity: number | null;

  @Column({ name: 'capacity_unit', type: 'text', nullable: true })
  capacityUnit: CapacityUnit | null;

  @Column({ name: 'yearly_costs', type: 'bigint', nullable: true, transformer: numberColumn })
  yearlyCosts: number | null;

  @Column({ name: 'requested_subsidy', type: 'bigint', nullable: true, transformer: numberColumn })
  requestedSubsidy: number | null;

  @Column({ name: 'plan_year', type: 'integer' })
  planYear: number;

  @Column({ type: 'text', nullable: true })
  justification: string | null;

  /** The `intention-submission` instance started on submission. */
  @Column({ name: 'process_instance_key', type: 'text', nullable: true })
  processInstanceKey: string | null;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  /** The district team's latest score (0–5, two decimals); orders the Action Plan draft. */
  @Column({ name: 'district_score', type: 'numeric', precision: 4, scale: 2, nullable: true, transformer: numberColumn })
  districtScore: number | null;

  /** Why the intention is in its status (a refusal, a withdrawal, what is missing), when the status has a reason. */
  @Column({ name: 'status_reason', type: 'text', nullable: true })
  statusReason: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}

/** Append-only history of an intention: who did what, when and why. */
@Entity({ name: 'intention_event' })
export class IntentionEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'intention_id', type: 'bigint' })
  intentionId: string;

  @CreateDateColumn({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  @Column({ type: 'text' })
  actor: string;

  @Column({ type: 'text' })
  action: string;

  @Column({ name: 'from_status', type: 'text', nullable: true })
  fromStatus: IntentionStatus | null;

  @Column({ name: 'to_status', type: 'text', nullable: true })
  toStatus: IntentionStatus | null;

  @Column({ type: 'jsonb', default: () => `'{}'::jsonb` })
  data: Record<string, unknown>;

  @Column({ type: 'text', nullable: true })
  comment: string | null;
}
