import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { AuditController } from './audit.controller.js';
import { RoleGuard } from './only-for.js';

/** What administrators and auditors use: the audit log (and, later, deployments and monitoring). */
@Module({
  imports: [AuditModule],
  controllers: [AuditController],
  providers: [RoleGuard],
})
export class AdminModule {}
