import type { IncomingMessage } from 'node:http';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import type { Request } from 'express';
import { Logger } from 'nestjs-pino';
import type { AppConfig } from '@app/config';
import { ApiModule } from './api.module.js';
import { isModelFilesPath } from './admin/model-files-body.js';
import { JSON_BODY_LIMIT, openApiDocument } from './openapi.js';
import { ContentTypeGuard } from './common/content-type.guard.js';
import { createValidationPipe } from './common/validation.pipe.js';
import { serveWebApplication, useSecurityHeaders } from './web/web-application.js';

/** Builds the configured HTTP app; `main` listens with it, e2e tests drive it. */
export async function createApi(config: AppConfig & { databaseUrl: string }): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalGuards(new ContentTypeGuard());
  // The editors' bodies carry whole models: their routes read them once an administrator is let in (ModelFilesBody).
  app.useBodyParser('json', { limit: JSON_BODY_LIMIT, type: (request: IncomingMessage) => !isModelFilesPath(request.url ?? '') && Boolean((request as Request).is('application/json')) });
  app.disable('x-powered-by');
  useSecurityHeaders(app);
  app.use(cookieParser());
  serveWebApplication(app, config.webDir);
  const document = openApiDocument(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
  return app;
}
