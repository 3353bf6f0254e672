import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { MAX_MODEL_FILES_BODY } from '@app/deployment';
import { MAX_DEPTH } from './common/input-boundary.js';

/** The largest JSON body of any route but the administrators' model editors (which take MAX_MODEL_FILES_BODY). */
export const JSON_BODY_LIMIT = '1mb';

/** What every request obeys, whatever its route (the input boundary, `common/input-boundary.ts`). */
const LIMITS = `

Every request obeys the same input rules, checked before anything happens (400 \`VALIDATION_FAILED\` naming the field; nothing is written):
- a body is JSON (\`application/json\`), multipart only where a route says so; anything else is 415 \`UNSUPPORTED_MEDIA_TYPE\`;
- a JSON body is at most ${JSON_BODY_LIMIT} (the administrators’ drafts and checks: ${MAX_MODEL_FILES_BODY}); larger is 413;
- no text holds a NUL character or a lone UTF-16 surrogate (\`INVALID_CHARACTER\`); each text field has its own maximum length, listed with it;
- numbers are finite and within ±${Number.MAX_SAFE_INTEGER} (\`UNSAFE_NUMBER\`); money in CZK is a whole number up to the field's maximum;
- data is nested at most ${MAX_DEPTH} levels deep (\`TOO_DEEP\`);
- \`__proto__\`, \`constructor\` and \`prototype\` are refused as keys like any unknown property (\`UNKNOWN_PROPERTY\`);
- \`null\` is taken only where a property is \`nullable\` (\`NULL_NOT_ALLOWED\`), never as "no filter".`;

/** The API's OpenAPI document: served at /docs, and the source of the web application's types. */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Plánování sociálních služeb')
      .setDescription(`Development intentions of social services through the yearly planning cycle of the region.${LIMITS}`)
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
}
