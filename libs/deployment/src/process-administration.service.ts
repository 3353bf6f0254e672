import { Inject, Injectable } from '@nestjs/common';
import { AuditLog, type AuditActor } from '@app/audit';
import { DomainError, DomainErrorCode } from '@app/domain';
import { ZEEBE_CLIENT, type ZeebeClient } from '@app/zeebe';
import { DeployedModels } from './deployed-models.service.js';

/** Administrators' acts on running processes; each one is audited. */
@Injectable()
export class ProcessAdministration {
  constructor(
    @Inject(ZEEBE_CLIENT) private readonly zeebe: ZeebeClient,
    private readonly models: DeployedModels,
    private readonly audit: AuditLog,
  ) {}

  /** Starts an instance of exactly this version, which must be one the product deployed. */
  async startInstance(bpmnProcessId: string, version: number, variables: Record<string, unknown>, actor: AuditActor, reason: string | null) {
    await this.models.processVersion(bpmnProcessId, version);
    const instance = await this.zeebe.createProcessInstance({ bpmnProcessId, version, variables: variables as never });
    await this.audit.record({
      ...actor,
      action: 'process-instance.start',
      entityType: 'process-instance',
      entityId: instance.processInstanceKey,
      data: { bpmnProcessId, version, variableNames: Object.keys(variables) },
      reason,
    });
    return { processInstanceKey: instance.processInstanceKey, bpmnProcessId, version: instance.version };
  }

  async cancelInstance(processInstanceKey: string, actor: AuditActor, reason: string): Promise<void> {
    try {
      await this.zeebe.cancelProcessInstance(processInstanceKey);
    } catch (error) {
      if (/NOT_FOUND/.test(error instanceof Error ? error.message : String(error))) {
        throw new DomainError(DomainErrorCode.NotFound, `No running process instance ${processInstanceKey}`);
      }
      throw error;
    }
    await this.audit.record({
      ...actor,
      action: 'process-instance.cancel',
      entityType: 'process-instance',
      entityId: processInstanceKey,
      reason,
    });
  }
}
