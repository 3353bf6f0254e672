import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { AppConfigModule, type AppConfig } from '@app/config';
import { dataSourceOptions, runMigrations } from '@app/persistence';
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
        TypeOrmModule.forRootAsync({
          useFactory: () => dataSourceOptions(config.databaseUrl),
          dataSourceFactory: async (options) => {
            const dataSource = await new DataSource(options!).initialize();
            await runMigrations(dataSource);
            return dataSource;
          },
        }),
        ZeebeModule,
      ],
    };
  }
}
