import { HttpException, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { json, type Request, type Response } from 'express';
import type { Observable } from 'rxjs';
import { MAX_MODEL_FILES_BODY } from '@app/deployment';

/**
 * The routes whose JSON bodies carry whole models: the administrators' drafts and checks, up
 * to MAX_MODEL_FILES files of MAX_MODEL_FILE_BYTES each. The app-wide parser (1 MB) leaves
 * them alone and {@link ModelFilesBody} reads them, after the guards, so that only an
 * administrator can make the server read a body that large.
 */
export const MODEL_FILES_JSON_PATHS: readonly string[] = ['/admin/drafts', '/admin/deployments/check'];

/** Whether a request's URL (with its query, as the app sees it) is one of MODEL_FILES_JSON_PATHS or below one. */
export function isModelFilesPath(url: string): boolean {
  const path = url.split('?', 1)[0];
  return MODEL_FILES_JSON_PATHS.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

const parseModelFiles = json({ limit: MAX_MODEL_FILES_BODY });

/** Reads the JSON body of a route of MODEL_FILES_JSON_PATHS; a body too large or malformed answers as the app-wide parser's do. */
@Injectable()
export class ModelFilesBody implements NestInterceptor {
  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    await new Promise<void>((resolve, reject) => {
      parseModelFiles(http.getRequest<Request>(), http.getResponse<Response>(), (error?: unknown) => (error ? reject(asHttpException(error)) : resolve()));
    });
    return next.handle();
  }
}

/** body-parser's errors carry their status (413, 400, 415); Nest's own handling wraps them alike. */
function asHttpException(error: unknown): unknown {
  const status = (error as { status?: unknown }).status;
  if (typeof status !== 'number' || status < 400 || status >= 500) return error;
  return new HttpException((error as Error).message, status, { cause: error });
}
