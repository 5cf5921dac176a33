import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension } from '@nestjs/swagger';

import { ApiProblems } from '../openapi/api-problems.decorator.js';
import type { Role } from './principal.js';

export const ROLES_METADATA = 'mlops:roles';
export const PUBLIC_METADATA = 'mlops:public';
/** The OpenAPI extension that names the roles of an operation, so clients and tests can read the matrix. */
export const ROLES_EXTENSION = 'x-required-roles';
export const BEARER_SCHEME = 'bearer';

/**
 * Who may call an operation: a principal holding any one of these roles. `viewer` admits every role that
 * reads (viewer, editor, approver, admin). An operation without this decorator (or `@Public()`) is refused
 * to everyone: access is denied by default.
 */
export function Roles(...roles: [Role, ...Role[]]): MethodDecorator & ClassDecorator {
  return applyDecorators(SetMetadata(ROLES_METADATA, roles), ApiBearerAuth(BEARER_SCHEME), ApiExtension(ROLES_EXTENSION, roles), ApiProblems(401, 403, 429));
}

/** Reachable without credentials: only the health probes. */
export function Public(): MethodDecorator & ClassDecorator {
  return applyDecorators(SetMetadata(PUBLIC_METADATA, true), ApiExtension(ROLES_EXTENSION, []));
}
