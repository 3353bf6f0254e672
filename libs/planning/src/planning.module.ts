import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { CatalogModule } from '@app/catalog';
import { TaskCancellation } from '@app/inbox';
import { IntentionsModule } from '@app/intentions';
import { NotificationsModule } from '@app/notifications';
import { ActionPlanReportService } from './action-plan-report.service.js';
import { ActionPlanService } from './action-plan.service.js';
import { DistrictReviewService } from './district-review.service.js';
import { IntentionDossierService } from './intention-dossier.service.js';
import { IntentionLifecycleService } from './intention-lifecycle.service.js';
import { NeedDeclarationService } from './need-declaration.service.js';
import { NotificationService } from './notification.service.js';
import { ResolutionService } from './resolution.service.js';

const SERVICES = [
  IntentionLifecycleService,
  IntentionDossierService,
  NeedDeclarationService,
  DistrictReviewService,
  ResolutionService,
  ActionPlanService,
  ActionPlanReportService,
  NotificationService,
];

/** Use cases of the planning cycle; needs the data source, the Zeebe client (ZeebeModule) and the config. */
@Module({
  imports: [AuditModule, CatalogModule, IntentionsModule, NotificationsModule],
  providers: [...SERVICES, TaskCancellation],
  exports: SERVICES,
})
export class PlanningModule {}
