import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath, type ApiPropertyOptions } from '@nestjs/swagger';

/*
 * What the OpenAPI document says of responses: property helpers for the shapes every
 * response uses, and the one error body (`ApiErrorFilter`) with its statuses.
 */

type PropertyOptions = ApiPropertyOptions & { nullable?: boolean };

/** A 64-bit id or engine key: written as a decimal string, as JSON numbers cannot hold it. */
export const ApiInt64 = (options: PropertyOptions = {}) =>
  ApiProperty({ type: String, description: '64-bit integer as a decimal string', example: '2251799813685249', ...options } as ApiPropertyOptions);

/** An instant as an ISO 8601 string. */
export const ApiDateTime = (options: PropertyOptions = {}) => ApiProperty({ type: String, format: 'date-time', ...options } as ApiPropertyOptions);

/** A free-form JSON object: process variables, form schemas, audited data. */
export const ApiFreeForm = (options: PropertyOptions = {}) =>
  ApiProperty({ type: 'object', additionalProperties: true, ...options } as ApiPropertyOptions);

/** A whole number (counts, versions, CZK amounts). */
export const ApiInteger = (options: PropertyOptions = {}) => ApiProperty({ type: 'integer', ...options } as ApiPropertyOptions);

/** A text that may be null. */
export const ApiNullableString = (options: PropertyOptions = {}) => ApiProperty({ type: String, nullable: true, ...options } as ApiPropertyOptions);

/** The `nextCursor` of a keyset page. */
export const ApiNextCursor = () => ApiNullableString({ description: 'Pass as `after` for the next page; null on the last page' });

/** One refused field of a request (`fields` of an error). */
export class ApiFieldViolation {
  @ApiProperty({ example: 'planYear', description: 'The field (a dotted path for nested ones, e.g. `targetGroups.0`)' })
  field: string;

  @ApiProperty({ example: 'PLAN_YEAR_TOO_EARLY', description: 'Machine-readable reason' })
  code: string;

  @ApiProperty({ example: 'An intention can be planned for 2027 at the earliest' })
  message: string;

  @ApiPropertyOptional({ example: 'confirm', description: 'Within a model of a deployment: the id of the offending element' })
  elementId?: string;

  @ApiPropertyOptional({ enum: ['error', 'warn'], description: 'Problems of a deployment: error refuses it, warn is advice' })
  severity?: 'error' | 'warn';
}

export class ApiErrorDetail {
  @ApiProperty({
    example: 'VALIDATION_FAILED',
    description:
      'A domain error code (VALIDATION_FAILED, RULE_VIOLATED, NOT_FOUND, FORBIDDEN, UNAUTHENTICATED, …), the HTTP status name ' +
      '(e.g. NOT_FOUND, SERVICE_UNAVAILABLE), MALFORMED_BODY for unparsable JSON, or INTERNAL_ERROR',
  })
  code: string;

  @ApiProperty({ example: 'The request is not valid' })
  message: string;

  @ApiPropertyOptional({ type: () => ApiFieldViolation, isArray: true, description: 'Each refused field, when the error is about fields' })
  fields?: ApiFieldViolation[];

  @ApiPropertyOptional({ description: 'The request id (also the x-request-id header)' })
  requestId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Unexpected errors (500) only: the id to quote, also in the log' })
  errorId?: string;
}

/** Every failure answers in this shape. */
export class ApiError {
  @ApiProperty({ type: () => ApiErrorDetail })
  error: ApiErrorDetail;
}

const ERRORS = {
  400: 'The request is not valid (VALIDATION_FAILED with `fields`, or MALFORMED_BODY)',
  401: 'No valid bearer token, or wrong credentials (UNAUTHENTICATED, INVALID_CREDENTIALS)',
  403: 'The caller may see this but not do it (FORBIDDEN)',
  404: 'No such resource, or none the caller may see (NOT_FOUND)',
  409: 'The resource is not in a state that allows this',
  422: 'The request breaks a rule (RULE_VIOLATED, FORM_INVALID, DEPLOYMENT_REJECTED, with `fields`), or the engine refuses a migration (MIGRATION_REJECTED, with its reason)',
  500: 'Unexpected error (INTERNAL_ERROR) with an `errorId` to quote',
  501: 'Monitoring needs the embedded engine (MONITORING_UNAVAILABLE)',
  503: 'A dependency is down (SERVICE_UNAVAILABLE)',
} as const;

export type ErrorStatus = keyof typeof ERRORS;

/**
 * The error responses of a route, in the one error shape (always JSON, whatever the route
 * produces on success); 500 is listed on every route.
 */
export function ApiErrors(...statuses: ErrorStatus[]): MethodDecorator & ClassDecorator {
  const listed = [...new Set<ErrorStatus>([...statuses, 500])].sort();
  return applyDecorators(
    ApiExtraModels(ApiError),
    ...listed.map((status) =>
      ApiResponse({ status, description: ERRORS[status], content: { 'application/json': { schema: { $ref: getSchemaPath(ApiError) } } } }),
    ),
  );
}

/** A success without JSON: the content type and a string schema (CSV, XML, the event stream). */
export function ApiTextResponse(status: number, mediaType: string, description: string): MethodDecorator & ClassDecorator {
  return ApiResponse({ status, description, content: { [mediaType]: { schema: { type: 'string' } } } });
}
