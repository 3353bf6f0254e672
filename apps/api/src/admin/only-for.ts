import { applyDecorators, Injectable, SetMetadata, UseGuards, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@app/auth';
import { DomainError, DomainErrorCode } from '@app/domain';
import type { AuthenticatedRequest } from '../auth/auth.decorators.js';

const ALLOWED_ROLES = Symbol('ALLOWED_ROLES');

/** Lets only these roles in; to anyone else the route does not exist (404), so nothing leaks. */
@Injectable()
export class RoleGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const allowed = this.reflector.getAllAndOverride<Role[]>(ALLOWED_ROLES, [context.getHandler(), context.getClass()]) ?? [];
    const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
    if (!principal || !allowed.includes(principal.role)) {
      throw new DomainError(DomainErrorCode.NotFound, 'No such resource');
    }
    return true;
  }
}

export const OnlyFor = (...roles: Role[]) => applyDecorators(SetMetadata(ALLOWED_ROLES, roles), UseGuards(RoleGuard));
