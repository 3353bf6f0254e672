import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { DeploymentModule } from '@app/deployment';
import { InstanceMigration } from './instance-migration.service.js';
import { Monitoring } from './monitoring.service.js';

@Module({ imports: [AuditModule, DeploymentModule], providers: [Monitoring, InstanceMigration], exports: [Monitoring, InstanceMigration] })
export class MonitoringModule {}
