import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export type DeployedResourceKind = 'process' | 'decision-requirements' | 'form';

/**
 * A version of a process, decision requirements graph or form that the product deployed,
 * with its source: what administrators list, read and compare, embedded engine or real Zeebe.
 */
@Entity({ name: 'deployed_resource' })
export class DeployedResourceEntity {
  /** The configured Zeebe address, or `embedded`. */
  @PrimaryColumn({ type: 'text' })
  target: string;

  @PrimaryColumn({ type: 'text' })
  kind: DeployedResourceKind;

  /** bpmnProcessId, decision requirements id or form id. */
  @PrimaryColumn({ name: 'resource_id', type: 'text' })
  resourceId: string;

  @PrimaryColumn({ type: 'integer' })
  version: number;

  @Column({ name: 'definition_key', type: 'text' })
  definitionKey: string;

  @Column({ name: 'deployment_key', type: 'text' })
  deploymentKey: string;

  @Column({ name: 'resource_name', type: 'text' })
  resourceName: string;

  @Column({ type: 'text' })
  content: string;

  @Column({ name: 'deployed_by', type: 'text' })
  deployedBy: string;

  @CreateDateColumn({ name: 'deployed_at', type: 'timestamptz' })
  deployedAt: Date;
}
