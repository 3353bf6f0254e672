import type { ProvisionForm, ServiceCategory } from '@app/domain';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'service_type' })
export class ServiceTypeEntity {
  @PrimaryColumn({ type: 'text' })
  paragraph: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  category: ServiceCategory;

  @Column({ type: 'text', array: true })
  forms: ProvisionForm[];

  @Column({ name: 'registry_id', type: 'text' })
  registryId: string;

  /** Keeps the order of the Act in listings. */
  @Column({ name: 'sort_order', type: 'integer' })
  sortOrder: number;
}

@Entity({ name: 'target_group' })
export class TargetGroupEntity {
  @PrimaryColumn({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'sort_order', type: 'integer' })
  sortOrder: number;
}
