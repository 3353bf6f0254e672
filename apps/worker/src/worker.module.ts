import { Module, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { CatalogModule } from '@app/catalog';
import { AppConfigModule, type AppConfig } from '@app/config';
import { DeploymentModule } from '@app/deployment';
import { InboxWorkerModule } from '@app/inbox';
import { databaseModule } from '@app/persistence';
import { PlanningModule } from '@app/planning';
import { ZeebeModule } from '@app/zeebe';
import { ActionPlanWorker } from './workers/action-plan.worker.js';
import { DeclarationWorker } from './workers/declaration.worker.js';
import { DistrictReviewWorker } from './workers/district-review.worker.js';
import { IntentionWorker } from './workers/intention.worker.js';
import { NotificationWorker } from './workers/notification.worker.js';
import { ResolutionWorker } from './workers/resolution.worker.js';
import { TerritoryWorker } from './workers/territory.worker.js';
import { WorkerLivenessReporter } from './worker-liveness.js';
import { UserTaskWorker } from './workers/user-task.worker.js';

/** The job workers' process: the database, the Zeebe client and one provider per business capability. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig & { databaseUrl: string }): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        AppConfigModule.forRoot(config),
        LoggerModule.forRoot({ pinoHttp: { level: config.logLevel } }),
        databaseModule(config.databaseUrl),
        ZeebeModule,
        PlanningModule,
        CatalogModule,
        InboxWorkerModule,
        DeploymentModule,
      ],
      providers: [IntentionWorker, NotificationWorker, DeclarationWorker, DistrictReviewWorker, ResolutionWorker, ActionPlanWorker, TerritoryWorker, UserTaskWorker, WorkerLivenessReporter],
    };
  }
}
