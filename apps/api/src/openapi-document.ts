import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@app/config';
import { ApiModule } from './api.module.js';
import { openApiDocument } from './openapi.js';

/**
 * Prints the OpenAPI document without a database or an engine: the app is built in Nest's
 * preview mode, which reads the routes and their schemas but instantiates nothing.
 */
const config = loadConfig({ LOG_LEVEL: 'silent' });
const app = await NestFactory.create(ApiModule.forRoot({ ...config, databaseUrl: 'postgres://unused/unused' }), { preview: true, logger: false });
process.stdout.write(`${JSON.stringify(openApiDocument(app), null, 2)}\n`);
await app.close();
