import { Global, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { loadConfig, type AppConfig } from './environment.js';

/** Injection token of the validated `AppConfig`. */
export const APP_CONFIG = Symbol('APP_CONFIG');

/**
 * Validates the environment with @nestjs/config at boot and offers the typed result.
 * `overrides` lets a launcher or a test pass values it resolved itself (e.g. the
 * embedded database's URL).
 */
@Global()
@Module({})
export class AppConfigModule {
  static forRoot(overrides: Partial<AppConfig> = {}) {
    return {
      module: AppConfigModule,
      imports: [ConfigModule.forRoot({ ignoreEnvFile: true, validate: (env) => ({ ...loadConfig(env), ...overrides }) })],
      providers: [{ provide: APP_CONFIG, useFactory: () => ({ ...loadConfig(process.env), ...overrides }) }],
      exports: [APP_CONFIG],
    };
  }
}
