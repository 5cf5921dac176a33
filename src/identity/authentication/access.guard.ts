import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';

import { AuditService } from '../../audit/index.js';
import type { AuthenticatedRequest } from '../../common/auth/current-principal.decorator.js';
import { actorOf, READER_ROLES, type Principal, type Role } from '../../common/auth/principal.js';
import { PUBLIC_METADATA, ROLES_METADATA } from '../../common/auth/roles.decorator.js';
import { ForbiddenError } from '../../common/errors/domain.errors.js';
import { Authenticator } from './authenticator.js';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The one guard of the API, deny by default: every operation is refused unless it is `@Public()` or names
 * its roles with `@Roles(...)`, and the caller is authenticated (OIDC access token, API key, or a retraining
 * job token) and holds one of them. The principal it resolves is the only "who" a request has. A refused
 * write is recorded in the audit log.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
    private readonly audit: AuditService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_METADATA, targets)) return true;
    const request = context.switchToHttp().getRequest<Request & AuthenticatedRequest>();
    const principal = await this.authenticator.authenticate(request.headers.authorization);
    request.principal = principal;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_METADATA, targets);
    if (!roles) throw new ForbiddenError('This operation declares no roles, so it is refused to everyone');
    if (!permits(principal, roles)) {
      const needed = roles.includes('viewer') ? `one of ${READER_ROLES.join(', ')}` : roles.join(' or ');
      if (!READ_METHODS.has(request.method)) await this.recordRefusal(principal, request, needed);
      throw new ForbiddenError(`This operation needs the ${needed} role; ${principal.name} holds ${principal.roles.join(', ') || 'no role'}`, { requiredRoles: roles });
    }
    return true;
  }

  private recordRefusal(principal: Principal, request: Request, needed: string): Promise<void> {
    const route = (request.route as { path?: string } | undefined)?.path ?? request.path;
    return this.audit.recordQuietly({
      actor: actorOf(principal),
      action: 'access.refused',
      outcome: 'REFUSED',
      resource: { type: 'operation', id: `${request.method} ${route}` },
      before: null,
      after: null,
      comment: `needs the ${needed} role; holds ${principal.roles.join(', ') || 'no role'}`,
    });
  }
}

/** `viewer` on an operation admits every role that reads; a trainer reads only what its job needs. */
export function permits(principal: Pick<Principal, 'roles'>, required: readonly Role[]): boolean {
  return principal.roles.some((role) => required.includes(role) || (required.includes('viewer') && READER_ROLES.includes(role)));
}
