import { DataSource, type DataSourceOptions } from 'typeorm';
import { DistrictEntity, OrpEntity, RegionEntity } from './entities/territory.entity.js';
import { ServiceTypeEntity, TargetGroupEntity } from './entities/catalogue.entity.js';
import { IntentionEntity, IntentionEventEntity } from './entities/intention.entity.js';
import { NeedDeclarationEntity } from './entities/need-declaration.entity.js';
import { DistrictOpinionEntity, DistrictReviewEntity, DistrictTeamMemberEntity } from './entities/district-review.entity.js';
import { ResolutionEntity, ResolutionSubjectEntity } from './entities/resolution.entity.js';
import { ActionPlanEntity, ActionPlanItemEntity } from './entities/action-plan.entity.js';
import { NotificationEntity } from './entities/notification.entity.js';
import { AuditEntryEntity } from './entities/audit-entry.entity.js';
import { ModelDeploymentEntity } from './entities/model-deployment.entity.js';
import { DeployedResourceEntity } from './entities/deployed-resource.entity.js';
import { ModelDraftEntity } from './entities/model-draft.entity.js';
import { RefreshTokenEntity, UserAccountEntity } from './entities/user-account.entity.js';
import { TaskCommentEntity, TaskEntity } from './entities/task.entity.js';
import { NotificationPreferenceEntity, OutboxMessageEntity, UserNotificationEntity } from './entities/user-notification.entity.js';
import { InitialSchema1763800000000 } from './migrations/1763800000000-initial-schema.js';
import { SeedCatalogue1763800000001 } from './migrations/1763800000001-seed-catalogue.js';
import { PlanningCycle1763800000002 } from './migrations/1763800000002-planning-cycle.js';
import { Inbox1763800000003 } from './migrations/1763800000003-inbox.js';
import { AuditLog1763800000004 } from './migrations/1763800000004-audit-log.js';
import { ModelDeployment1763800000005 } from './migrations/1763800000005-model-deployment.js';
import { DeployedResources1763800000006 } from './migrations/1763800000006-deployed-resources.js';
import { TaskAccessAssigned1763800000007 } from './migrations/1763800000007-task-access-assigned.js';
import { AuditorRole1763800000008 } from './migrations/1763800000008-auditor-role.js';
import { AccountAuthorizationVersion1763800000009 } from './migrations/1763800000009-account-authorization-version.js';
import { ModelDraft1763800000010 } from './migrations/1763800000010-model-draft.js';
import { TaskPendingCompletion1764000000000 } from './migrations/1764000000000-task-pending-completion.js';
import { WorkerLiveness1764000000001 } from './migrations/1764000000001-worker-liveness.js';
import { TaskCanceledNotification1764000000002 } from './migrations/1764000000002-task-canceled-notification.js';

export const ENTITIES = [
  RegionEntity,
  DistrictEntity,
  OrpEntity,
  ServiceTypeEntity,
  TargetGroupEntity,
  IntentionEntity,
  IntentionEventEntity,
  NeedDeclarationEntity,
  DistrictTeamMemberEntity,
  DistrictReviewEntity,
  DistrictOpinionEntity,
  ResolutionEntity,
  ResolutionSubjectEntity,
  ActionPlanEntity,
  ActionPlanItemEntity,
  NotificationEntity,
  AuditEntryEntity,
  ModelDeploymentEntity,
  DeployedResourceEntity,
  ModelDraftEntity,
  UserAccountEntity,
  RefreshTokenEntity,
  TaskEntity,
  TaskCommentEntity,
  UserNotificationEntity,
  NotificationPreferenceEntity,
  OutboxMessageEntity,
];

export const MIGRATIONS = [InitialSchema1763800000000, SeedCatalogue1763800000001, PlanningCycle1763800000002, Inbox1763800000003, AuditLog1763800000004, ModelDeployment1763800000005, DeployedResources1763800000006, TaskAccessAssigned1763800000007, AuditorRole1763800000008, AccountAuthorizationVersion1763800000009, ModelDraft1763800000010, TaskPendingCompletion1764000000000, WorkerLiveness1764000000001, TaskCanceledNotification1764000000002];

export function dataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migration',
    migrationsTransactionMode: 'all',
    // The schema comes only from the committed migrations.
    synchronize: false,
    applicationName: 'planovani-socialnich-sluzeb',
  };
}

/** Any fixed number: it names the lock every process takes to migrate. */
const MIGRATION_LOCK = 4_2026_1122;

/**
 * Runs the pending migrations under an advisory lock, so that the api and the worker
 * starting together never migrate the same database twice.
 */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const lockHolder = dataSource.createQueryRunner();
  await lockHolder.connect();
  try {
    await lockHolder.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await dataSource.runMigrations({ transaction: 'all' });
    return applied.map((migration) => migration.name);
  } finally {
    await lockHolder.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await lockHolder.release();
  }
}

/** Opens a data source on `url` and brings its schema up to date. */
export async function openDataSource(url: string): Promise<DataSource> {
  const dataSource = await new DataSource(dataSourceOptions(url)).initialize();
  try {
    await runMigrations(dataSource);
    return dataSource;
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
}
