import { randomUUID } from 'node:crypto';
import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import { AuthModule } from '@app/auth';
import { CatalogModule } from '@app/catalog';
import { AppConfigModule, type AppConfig } from '@app/config';
import { InboxModule } from '@app/inbox';
import { IntentionsModule } from '@app/intentions';
import { LiveEventsModule } from '@app/notifications';
import { databaseModule } from '@app/persistence';
import { PlanningModule } from '@app/planning';
import { ZeebeModule } from '@app/zeebe';
import { AuthController } from './auth/auth.controller.js';
import { AuthGuard } from './auth/auth.guard.js';
import { RoleGuard } from './auth/only-for.js';
import { SessionController } from './auth/session.controller.js';
import { ActionPlansController } from './action-plans/action-plans.controller.js';
import { CatalogController } from './catalog/catalog.controller.js';
import { AdminModule } from './admin/admin.module.js';
import { ApiErrorFilter } from './common/api-error.filter.js';
import { EngineHealthIndicator } from './health/engine.health.js';
import { HealthController } from './health/health.controller.js';
import { WorkersHealthIndicator } from './health/workers.health.js';
import { IntentionsController } from './intentions/intentions.controller.js';
import { EventsController } from './me/events.controller.js';
import { MeController } from './me/me.controller.js';
import { NotificationsController } from './notifications/notifications.controller.js';
import { TasksController } from './tasks/tasks.controller.js';

/** The HTTP app; `config.databaseUrl` is already resolved (embedded or configured). */
@Module({})
export class ApiModule {
  static forRoot(config: AppConfig & { databaseUrl: string }): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        AppConfigModule.forRoot(config),
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.logLevel,
            // A caller's request id is kept so that a call can be followed across services.
            genReqId: (request, response) => {
              const given = request.headers['x-request-id'];
              const id = typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
              response.setHeader('x-request-id', id);
              return id;
            },
            // Tokens never reach the log: bearer headers, cookies set and sent, the event stream's ?access_token=,
            // and the code and state the OIDC provider sends back to the web sign-in.
            redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'req.query.access_token', 'req.query.code', 'req.query.state', 'res.headers["set-cookie"]'], censor: '[redacted]' },
            serializers: {
              req: (request: { url?: string }) => ({ ...request, url: request.url?.replace(/([?&](?:access_token|code|state)=)[^&]*/g, '$1[redacted]') }),
            },
          },
        }),
        databaseModule(config.databaseUrl),
        TerminusModule,
        ZeebeModule,
        AdminModule,
        CatalogModule,
        IntentionsModule,
        PlanningModule,
        AuthModule,
        InboxModule,
        LiveEventsModule,
      ],
      controllers: [
        CatalogController,
        IntentionsController,
        ActionPlansController,
        HealthController,
        AuthController,
        SessionController,
        MeController,
        TasksController,
        NotificationsController,
        EventsController,
      ],
      providers: [{ provide: APP_FILTER, useClass: ApiErrorFilter }, { provide: APP_GUARD, useClass: AuthGuard }, RoleGuard, EngineHealthIndicator, WorkersHealthIndicator],
    };
  }
}
