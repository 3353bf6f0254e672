import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { DeploymentModule } from '@app/deployment';
import { AuditController } from './audit.controller.js';
import { ProcessesController } from './processes.controller.js';
import { RoleGuard } from './only-for.js';

/** What administrators use: the audit log, deployments and versions of the models, process instances. */
@Module({
  imports: [AuditModule, DeploymentModule],
  controllers: [AuditController, ProcessesController],
  providers: [RoleGuard],
})
export class AdminModule {}
