import type { DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions, openDataSource } from './data-source.js';

/** TypeORM for an app: the data source on `url`, migrated before the app serves anything. */
export function databaseModule(url: string): DynamicModule {
  return TypeOrmModule.forRootAsync({
    useFactory: () => dataSourceOptions(url),
    dataSourceFactory: () => openDataSource(url),
  });
}
