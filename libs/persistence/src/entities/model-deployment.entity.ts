import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A bundle of models deployed to an orchestrator, remembered by its checksum. */
@Entity({ name: 'model_deployment' })
export class ModelDeploymentEntity {
  /** The configured Zeebe address, or `embedded`. */
  @PrimaryColumn({ type: 'text' })
  target: string;

  @PrimaryColumn({ type: 'char', length: 64 })
  checksum: string;

  @Column({ name: 'deployment_key', type: 'text' })
  deploymentKey: string;

  @Column({ name: 'resource_names', type: 'text', array: true })
  resourceNames: string[];

  @CreateDateColumn({ name: 'deployed_at', type: 'timestamptz' })
  deployedAt: Date;
}
