import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One entry of the append-only, hash-chained audit log; the database refuses UPDATE and DELETE. */
@Entity({ name: 'audit_entry' })
export class AuditEntryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  @Column({ name: 'actor_id', type: 'text' })
  actorId: string;

  @Column({ name: 'actor_role', type: 'text', nullable: true })
  actorRole: string | null;

  @Column({ name: 'actor_territory', type: 'text', nullable: true })
  actorTerritory: string | null;

  @Column({ type: 'text' })
  action: string;

  @Column({ name: 'entity_type', type: 'text' })
  entityType: string;

  @Column({ name: 'entity_id', type: 'text' })
  entityId: string;

  @Column({ type: 'jsonb' })
  data: Record<string, unknown>;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ name: 'previous_hash', type: 'char', length: 64 })
  previousHash: string;

  @Column({ type: 'char', length: 64 })
  hash: string;
}
