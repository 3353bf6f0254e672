import { Inject, Injectable } from '@nestjs/common';
import { AuditLog, type AuditActor } from '@app/audit';
import { DeployedModels } from '@app/deployment';
import { DomainError, DomainErrorCode } from '@app/domain';
import { ZEEBE_CLIENT, type ZeebeClient } from '@app/zeebe';
import { Monitoring, type InstanceDefinition } from './monitoring.service.js';

export interface MappingInstruction {
  sourceElementId: string;
  targetElementId: string;
}

export interface MigrationResult {
  processInstanceKey: string;
  /** The target version, when the product deployed it (else only its key is known). */
  target: InstanceDefinition | { processDefinitionKey: string; bpmnProcessId: null; version: null };
}

/** gRPC status codes of the orchestrator's refusals. */
const NOT_FOUND = 5;
const REFUSED = new Set([3, 9]); // INVALID_ARGUMENT, FAILED_PRECONDITION (Zeebe's INVALID_STATE)

/**
 * Moves a running process instance to another process definition version (Zeebe's process
 * instance migration, embedded engine or real Zeebe alike); audited with the source and
 * target definitions and the mapping.
 */
@Injectable()
export class InstanceMigration {
  constructor(
    @Inject(ZEEBE_CLIENT) private readonly zeebe: ZeebeClient,
    private readonly monitoring: Monitoring,
    private readonly models: DeployedModels,
    private readonly audit: AuditLog,
  ) {}

  async migrate(processInstanceKey: string, targetProcessDefinitionKey: string, mappingInstructions: MappingInstruction[], actor: AuditActor, reason: string): Promise<MigrationResult> {
    const source = await this.monitoring.definitionOf(processInstanceKey);
    try {
      await this.zeebe.migrateProcessInstance({ processInstanceKey, migrationPlan: { targetProcessDefinitionKey, mappingInstructions } });
    } catch (error) {
      const { code, details } = error as { code?: number; details?: string };
      // The orchestrator's reason without its gateway prefix ("Command 'MIGRATE' rejected with code '…': ").
      const message = (details ?? '').replace(/^Command '\w+' rejected with code '\w+': /, '');
      if (code === NOT_FOUND) throw new DomainError(DomainErrorCode.NotFound, message);
      if (code !== undefined && REFUSED.has(code)) throw new DomainError(DomainErrorCode.MigrationRejected, message);
      throw error;
    }
    const target = (await this.models.processDefinition(targetProcessDefinitionKey)) ?? { processDefinitionKey: targetProcessDefinitionKey, bpmnProcessId: null, version: null };
    await this.audit.record({
      ...actor,
      action: 'instance.migrate',
      entityType: 'process-instance',
      entityId: processInstanceKey,
      data: { source, target, mappingInstructions },
      reason,
    });
    return { processInstanceKey, target };
  }
}
