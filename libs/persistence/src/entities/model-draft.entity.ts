import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** One file of a draft, as the administrators' editors hold it. */
export interface ModelDraftFile {
  /** `x.bpmn`, `y.dmn` or `z.form`. */
  name: string;
  /** The XML of a model or decision, the form-js JSON of a form. */
  content: string;
}

/**
 * Models, decisions and forms an administrator is editing, saved on the server under a name
 * of their own until they deploy them. Only its owner sees a draft.
 */
@Entity({ name: 'model_draft' })
export class ModelDraftEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The user account that saved it. */
  @Column({ name: 'owner_id', type: 'text' })
  ownerId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'jsonb' })
  files: ModelDraftFile[];

  /** Counts the saves, from 1: a save names the version it replaces, and a stale one is refused. */
  @Column({ type: 'integer' })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
