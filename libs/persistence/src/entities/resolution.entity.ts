import type { ResolutionBody } from '@app/domain';
import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

export type ResolutionSubjectKind = 'intention' | 'action-plan';

/** A numbered resolution (usnesení) of the Regional Council or Assembly: one number, one date. */
@Entity({ name: 'resolution' })
export class ResolutionEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'text' })
  body: ResolutionBody;

  @Column({ type: 'text' })
  number: string;

  /** YYYY-MM-DD. */
  @Column({ name: 'adopted_on', type: 'date' })
  adoptedOn: string;
}

/** What a resolution decided about one intention or one Action Plan. */
@Entity({ name: 'resolution_subject' })
export class ResolutionSubjectEntity {
  @PrimaryColumn({ name: 'resolution_id', type: 'bigint' })
  resolutionId: string;

  @PrimaryColumn({ type: 'text' })
  subject: ResolutionSubjectKind;

  /** The intention id, or the plan year, as text. */
  @PrimaryColumn({ name: 'subject_id', type: 'text' })
  subjectId: string;

  @Column({ type: 'text' })
  decision: string;

  @Column({ name: 'job_key', type: 'text' })
  jobKey: string;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;
}
