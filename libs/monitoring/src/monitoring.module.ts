import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { Monitoring } from './monitoring.service.js';

@Module({ imports: [AuditModule], providers: [Monitoring], exports: [Monitoring] })
export class MonitoringModule {}
