import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { AuthService, decodeJwt } from '@app/auth';
import { DomainError, DomainErrorCode } from '@app/domain';
import { ACCEPTS_QUERY_TOKEN, IS_PUBLIC, type AuthenticatedRequest } from './auth.decorators.js';

/** Every endpoint needs a valid bearer token unless it is marked `@Public()`; anything else answers 401. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly auth: AuthService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<Request & AuthenticatedRequest>();
    const token = bearerToken(request) ?? (this.reflector.getAllAndOverride<boolean>(ACCEPTS_QUERY_TOKEN, targets) ? queryToken(request) : null);
    if (!token) throw new DomainError(DomainErrorCode.Unauthenticated, 'Sign in: the request has no bearer token');
    request.principal = await this.auth.authenticate(token);
    const expiresAt = decodeJwt(token).claims.exp;
    if (typeof expiresAt === 'number') request.tokenExpiresAt = expiresAt;
    return true;
  }
}

function bearerToken(request: Request): string | null {
  const match = /^Bearer ([^\s]+)$/i.exec(request.headers.authorization ?? '');
  return match ? match[1] : null;
}

function queryToken(request: Request): string | null {
  const value = request.query.access_token;
  return typeof value === 'string' && value !== '' ? value : null;
}
