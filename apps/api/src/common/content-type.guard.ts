import { HttpException, HttpStatus, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

/** What @nestjs/swagger's @ApiConsumes stores on a handler: the route's OpenAPI `requestBody` media types. */
const API_CONSUMES = 'swagger/apiConsumes';

/** The media types a route takes a body in: those its OpenAPI document lists, JSON when it lists none. */
export function acceptedMediaTypes(handler: object, controller: object): string[] {
  const listed = (Reflect.getMetadata(API_CONSUMES, handler) ?? Reflect.getMetadata(API_CONSUMES, controller)) as string[] | undefined;
  return listed && listed.length > 0 ? listed : ['application/json'];
}

/** Whether a request carries a body: chunked, or a Content-Length above 0 (clients send 0 for a bodiless POST). */
function hasBody(request: Request): boolean {
  if (request.headers['transfer-encoding'] !== undefined) return true;
  const length = Number(request.headers['content-length'] ?? 0);
  return Number.isNaN(length) || length > 0;
}

/**
 * A request with a body whose content type the route does not take is 415, never read as an
 * empty body. A request without a body (no Content-Length, or 0) is let through whatever it says.
 */
@Injectable()
export class ContentTypeGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<Request>();
    if (!hasBody(request)) return true;
    const accepted = acceptedMediaTypes(context.getHandler(), context.getClass());
    if (request.is(accepted)) return true;
    throw new HttpException(
      `The body must be sent as ${accepted.join(' or ')}, not ${request.headers['content-type'] ?? 'without a content type'}`,
      HttpStatus.UNSUPPORTED_MEDIA_TYPE,
    );
  }
}
