import { randomUUID } from 'node:crypto';
import { Catch, HttpException, HttpStatus, Inject, Logger, NotFoundException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { DomainError, DomainErrorCode, type FieldViolation } from '@app/domain';
import { answersWithApplicationPage } from '../web/web-application.js';

/** The one place where domain error codes become HTTP statuses. */
const STATUS_OF: Readonly<Record<DomainErrorCode, number>> = {
  [DomainErrorCode.NotFound]: HttpStatus.NOT_FOUND,
  [DomainErrorCode.ValidationFailed]: HttpStatus.BAD_REQUEST,
  [DomainErrorCode.RuleViolated]: HttpStatus.UNPROCESSABLE_ENTITY,
  [DomainErrorCode.IntentionNotDraft]: HttpStatus.CONFLICT,
  [DomainErrorCode.IntentionNotEditable]: HttpStatus.CONFLICT,
  [DomainErrorCode.DeploymentRejected]: HttpStatus.UNPROCESSABLE_ENTITY,
  [DomainErrorCode.MigrationRejected]: HttpStatus.UNPROCESSABLE_ENTITY,
  [DomainErrorCode.MonitoringUnavailable]: HttpStatus.NOT_IMPLEMENTED,
  [DomainErrorCode.TransitionNotAllowed]: HttpStatus.CONFLICT,
  [DomainErrorCode.ActionPlanExists]: HttpStatus.CONFLICT,
  [DomainErrorCode.Unauthenticated]: HttpStatus.UNAUTHORIZED,
  [DomainErrorCode.InvalidCredentials]: HttpStatus.UNAUTHORIZED,
  [DomainErrorCode.Forbidden]: HttpStatus.FORBIDDEN,
  [DomainErrorCode.TaskAlreadyAssigned]: HttpStatus.CONFLICT,
  [DomainErrorCode.TaskNotAssignedToCaller]: HttpStatus.CONFLICT,
  [DomainErrorCode.TaskNotActive]: HttpStatus.CONFLICT,
  [DomainErrorCode.FormInvalid]: HttpStatus.UNPROCESSABLE_ENTITY,
  [DomainErrorCode.AccountExists]: HttpStatus.CONFLICT,
  [DomainErrorCode.AccountFromIdentityProvider]: HttpStatus.CONFLICT,
  [DomainErrorCode.DraftNameTaken]: HttpStatus.CONFLICT,
  [DomainErrorCode.DraftVersionStale]: HttpStatus.CONFLICT,
};

export interface ApiErrorBody {
  error: { code: string; message: string; fields?: readonly FieldViolation[]; errorId?: string; requestId?: string };
}

/**
 * Answers every failure in one shape. Typed domain errors and HTTP errors are the
 * caller's; anything else is ours: a 500 with an error id that is also in the log.
 */
@Catch()
export class ApiErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiError');

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request & { id?: string }>();
    const response = http.getResponse<Response>();
    // No route for the address: a browser gets the web application's own not-found page.
    if (isUnroutedAddress(exception) && answersWithApplicationPage(request, response, HttpStatus.NOT_FOUND, this.config.webDir)) return;
    const requestId = request.id === undefined ? undefined : String(request.id);
    const { status, body } = this.describe(exception, request, requestId);
    if (status === HttpStatus.UNAUTHORIZED) response.setHeader('WWW-Authenticate', 'Bearer');
    response.status(status).json(body);
  }

  private describe(exception: unknown, request: Request, requestId: string | undefined): { status: number; body: ApiErrorBody } {
    if (exception instanceof DomainError) {
      const fields = exception.violations.length > 0 ? exception.violations : undefined;
      return { status: STATUS_OF[exception.code], body: { error: { code: exception.code, message: exception.message, fields, requestId } } };
    }
    if (isUnroutedAddress(exception)) {
      // An API client (or a browser before the web application is built) gets the error shape, pointing at the API's description.
      return { status: HttpStatus.NOT_FOUND, body: { error: { code: 'NOT_FOUND', message: `There is no ${request.method} ${request.path}; the API is described at /docs (OpenAPI document: /docs/openapi.json)`, requestId } } };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code = isUnparsableBody(exception.cause) ? 'MALFORMED_BODY' : httpCode(status);
      return { status, body: { error: { code, message: unhealthyMessage(exception) ?? exception.message, requestId } } };
    }
    const errorId = randomUUID();
    this.logger.error({ err: exception, errorId, requestId }, 'Unexpected error');
    return {
      status: HttpStatus.INTERNAL_SERVER_ERROR,
      body: { error: { code: 'INTERNAL_ERROR', message: `Unexpected error; quote error id ${errorId}`, errorId, requestId } },
    };
  }
}

/** Nest's answer to an address that no controller serves ("Cannot GET /x"). */
function isUnroutedAddress(exception: unknown): boolean {
  return exception instanceof NotFoundException && exception.message.startsWith('Cannot ');
}

/** Terminus's 503 carries the indicators that are down: the message names each with what it reports. */
function unhealthyMessage(exception: HttpException): string | null {
  const response = exception.getResponse() as { status?: unknown; error?: Record<string, { message?: unknown }> };
  if (exception.getStatus() !== HttpStatus.SERVICE_UNAVAILABLE || response?.status !== 'error' || !response.error) return null;
  const down = Object.entries(response.error).map(([name, detail]) => (typeof detail?.message === 'string' ? `${name} (${detail.message})` : name));
  return `Not healthy: ${down.join('; ')}`;
}

function httpCode(status: number): string {
  return (HttpStatus[status] as string | undefined) ?? `HTTP_${status}`;
}

/** express's body parser rejects malformed JSON before any route runs; Nest wraps its error. */
function isUnparsableBody(cause: unknown): boolean {
  return (cause as { type?: unknown } | undefined)?.type === 'entity.parse.failed';
}
