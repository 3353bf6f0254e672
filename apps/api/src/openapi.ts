import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

/** The API's OpenAPI document: served at /docs, and the source of the web application's types. */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Plánování sociálních služeb')
      .setDescription('Development intentions of social services through the yearly planning cycle of the region')
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
}
