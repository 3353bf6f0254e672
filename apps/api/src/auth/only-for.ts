import { applyDecorators, Injectable, SetMetadata, UseGuards, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@app/auth';
import { DomainError, DomainErrorCode } from '@app/domain';
import type { AuthenticatedRequest } from './auth.decorators.js';

const ROLE_RULE = Symbol('ROLE_RULE');

interface RoleRule {
  roles: readonly Role[];
  /** How anyone else is refused: the route does not exist for them (404), or they may not do it (403). */
  refusal: DomainErrorCode.NotFound | DomainErrorCode.Forbidden;
}

/** Lets only the roles of the route's rule in. */
@Injectable()
export class RoleGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const rule = this.reflector.getAllAndOverride<RoleRule | undefined>(ROLE_RULE, [context.getHandler(), context.getClass()]);
    const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
    if (rule && principal && rule.roles.includes(principal.role)) return true;
    if (rule?.refusal === DomainErrorCode.Forbidden) throw new DomainError(DomainErrorCode.Forbidden, 'Your role may not do this');
    throw new DomainError(DomainErrorCode.NotFound, 'No such resource');
  }
}

const roleRule = (rule: RoleRule) => applyDecorators(SetMetadata(ROLE_RULE, rule), UseGuards(RoleGuard));

/** Lets only these roles in; to anyone else the route does not exist (404), so nothing leaks. */
export const OnlyFor = (...roles: readonly Role[]) => roleRule({ roles, refusal: DomainErrorCode.NotFound });

/** Lets only these roles act; anyone else, who may see what the act is about, is refused with 403. */
export const ActsOnlyFor = (...roles: readonly Role[]) => roleRule({ roles, refusal: DomainErrorCode.Forbidden });
