import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Principal } from '@app/auth';

export const IS_PUBLIC = Symbol('IS_PUBLIC');
export const ACCEPTS_QUERY_TOKEN = Symbol('ACCEPTS_QUERY_TOKEN');

/** The endpoint answers without a token (sign-in, refresh, health). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/**
 * The endpoint also takes the token as `?access_token=`: a browser's EventSource cannot send
 * an Authorization header.
 */
export const AcceptsQueryToken = () => SetMetadata(ACCEPTS_QUERY_TOKEN, true);

export interface AuthenticatedRequest {
  principal?: Principal;
  /** When the caller's token expires (epoch seconds): a long-lived response (the event stream) ends then. */
  tokenExpiresAt?: number;
}

/** The signed-in caller (the global guard has put it on the request). */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new Error('CurrentUser on an endpoint the guard did not authenticate');
  return principal;
});
