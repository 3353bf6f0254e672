import { migrateProcessInstance as migrate, type MigrationRequest } from '../execution/migration.js';
import type { EngineContext } from './context.js';

/** Moves a running process instance to another process definition (Zeebe's MigrateProcessInstance). */
export function migrateProcessInstance(engine: EngineContext, request: MigrationRequest): Promise<void> {
  return engine.run(() => migrate(engine.execution, request));
}
