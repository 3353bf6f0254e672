import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { QueryFailedError, type DataSource } from 'typeorm';
import type { AuditActor } from '@app/audit';
import { DomainError, DomainErrorCode } from '@app/domain';
import { ModelDraftEntity, type ModelDraftFile } from '@app/persistence';
import { modelFileOfSource } from './model-bundle.js';
import { ModelDeployer, type DeploymentResult } from './model-deployer.service.js';

/** What an editor saves: a name of the owner's choosing and the files. */
export interface DraftInput {
  name: string;
  files: ModelDraftFile[];
}

export interface DraftSummary {
  id: string;
  name: string;
  version: number;
  /** The files without their contents. */
  files: { name: string; bytes: number }[];
  createdAt: Date;
  updatedAt: Date;
}

export type Draft = Omit<DraftSummary, 'files'> & { files: ModelDraftFile[] };

const SUMMARY_COLUMNS = `
  id, name, version, created_at AS "createdAt", updated_at AS "updatedAt",
  (SELECT coalesce(jsonb_agg(jsonb_build_object('name', entry.file->>'name', 'bytes', octet_length(entry.file->>'content')) ORDER BY entry.position), '[]')
     FROM jsonb_array_elements(files) WITH ORDINALITY AS entry(file, position)) AS files`;

/**
 * Administrators' drafts of models, decisions and forms: saved on the server under names of
 * their own until deployed. A draft is its owner's alone; anyone else's answers 404. A save
 * names the version it replaces, so that one from a stale copy (another tab, another
 * device) is refused rather than lost.
 */
@Injectable()
export class ModelDrafts {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly deployer: ModelDeployer,
  ) {}

  /** The owner's drafts, last saved first, without the files' contents. */
  list(ownerId: string): Promise<DraftSummary[]> {
    return this.dataSource.query(`SELECT ${SUMMARY_COLUMNS} FROM model_draft WHERE owner_id = $1 ORDER BY updated_at DESC, name`, [ownerId]);
  }

  async create(ownerId: string, input: DraftInput): Promise<DraftSummary> {
    const [created] = await this.dataSource.query(
      `INSERT INTO model_draft (owner_id, name, files) VALUES ($1, $2, $3::jsonb) ON CONFLICT (owner_id, name) DO NOTHING RETURNING ${SUMMARY_COLUMNS}`,
      [ownerId, input.name, JSON.stringify(filesOf(input))],
    );
    if (!created) throw nameTaken(input.name);
    return created;
  }

  async get(ownerId: string, id: string): Promise<Draft> {
    const draft = await this.dataSource.manager.findOneBy(ModelDraftEntity, { id, ownerId });
    if (!draft) throw notFound(id);
    const { ownerId: _owner, ...view } = draft;
    return view;
  }

  /** Replaces name and files of the draft saved as `version`; 409 when it was saved again since. */
  async replace(ownerId: string, id: string, version: number, input: DraftInput): Promise<DraftSummary> {
    let replaced: DraftSummary | undefined;
    try {
      // TypeORM answers an UPDATE with [rows, count].
      [[replaced]] = await this.dataSource.query<[DraftSummary[], number]>(
        `UPDATE model_draft SET name = $4, files = $5::jsonb, version = version + 1, updated_at = now()
          WHERE id = $1 AND owner_id = $2 AND version = $3 RETURNING ${SUMMARY_COLUMNS}`,
        [id, ownerId, version, input.name, JSON.stringify(filesOf(input))],
      );
    } catch (error) {
      if (isUniqueViolation(error)) throw nameTaken(input.name);
      throw error;
    }
    if (replaced) return replaced;
    const current = await this.dataSource.manager.findOne(ModelDraftEntity, { select: { version: true }, where: { id, ownerId } });
    if (!current) throw notFound(id);
    throw stale(current.version);
  }

  async delete(ownerId: string, id: string): Promise<void> {
    const deleted = await this.dataSource.manager.delete(ModelDraftEntity, { id, ownerId });
    if (!deleted.affected) throw notFound(id);
  }

  /**
   * Deploys the draft's files as an upload is deployed (the same checks, refusals and audit,
   * which names the draft) and deletes the draft with the deployment's record. A refused
   * draft stays as it is; one saved again while it was being deployed stays too, with its
   * newer files. `version`, when given, must be the draft's current one.
   */
  async deploy(ownerId: string, id: string, actor: AuditActor, version?: number): Promise<DeploymentResult> {
    const draft = await this.get(ownerId, id);
    if (version !== undefined && version !== draft.version) throw stale(draft.version);
    return this.deployer.deploy(draft.files.map(modelFileOfSource), actor, {
      auditData: { draft: { id: draft.id, name: draft.name, version: draft.version } },
      afterDeployed: async (manager) => {
        await manager.delete(ModelDraftEntity, { id, ownerId, version: draft.version });
      },
    });
  }
}

/** Only the two properties of each file are kept, in the order given. */
function filesOf(input: DraftInput): ModelDraftFile[] {
  return input.files.map(({ name, content }) => ({ name, content }));
}

function notFound(id: string): DomainError {
  return new DomainError(DomainErrorCode.NotFound, `No draft ${id} of yours`);
}

function nameTaken(name: string): DomainError {
  return new DomainError(DomainErrorCode.DraftNameTaken, `You have a draft named '${name}' already`, [
    { field: 'name', code: 'NAME_TAKEN', message: `You have a draft named '${name}' already; choose another name` },
  ]);
}

function stale(current: number): DomainError {
  return new DomainError(DomainErrorCode.DraftVersionStale, 'The draft was saved again meanwhile', [
    { field: 'version', code: 'STALE_VERSION', message: `The draft is at version ${current} now; reload it and apply your changes again` },
  ]);
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof QueryFailedError && (error.driverError as { code?: string } | undefined)?.code === '23505';
}
