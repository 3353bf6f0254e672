import { Module, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfigModule, type AppConfig } from '@app/config';
import { databaseModule } from '@app/persistence';
import { ZeebeModule } from '@app/zeebe';

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
      ],
    };
  }
}
