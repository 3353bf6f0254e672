import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { DeploymentModule } from '@app/deployment';
import { MonitoringModule } from '@app/monitoring';
import { AuditController } from './audit.controller.js';
import { MonitoringController } from './monitoring.controller.js';
import { ProcessesController } from './processes.controller.js';
import { RoleGuard } from '../auth/only-for.js';

/** What administrators use: the audit log, deployments and versions of the models, process instances, monitoring and incidents. */
@Module({
  imports: [AuditModule, DeploymentModule, MonitoringModule],
  controllers: [AuditController, ProcessesController, MonitoringController],
  providers: [RoleGuard],
})
export class AdminModule {}
