import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { UserAdministrationModule } from '@app/auth';
import { DeploymentModule } from '@app/deployment';
import { MonitoringModule } from '@app/monitoring';
import { AuditController } from './audit.controller.js';
import { MonitoringController } from './monitoring.controller.js';
import { ProcessesController } from './processes.controller.js';
import { DraftsController } from './drafts.controller.js';
import { ModelEditorController } from './model-editor.controller.js';
import { RoleGuard } from '../auth/only-for.js';
import { UsersController } from './users.controller.js';

/** What administrators use: the audit log (auditors too), deployments and versions of the models, drafts and checks of the editors, process instances, monitoring and incidents, user accounts. */
@Module({
  imports: [AuditModule, DeploymentModule, MonitoringModule, UserAdministrationModule],
  controllers: [AuditController, ProcessesController, ModelEditorController, DraftsController, MonitoringController, UsersController],
  providers: [RoleGuard],
})
export class AdminModule {}
