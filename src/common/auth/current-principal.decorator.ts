import { createParamDecorator, type ExecutionContext } from '@nestjs/common';

import { actorOf, type ActorRef, type Principal } from './principal.js';

export interface AuthenticatedRequest {
  principal?: Principal;
}

/** The authenticated caller, as the access guard resolved it: the only source of "who acts" in a request. */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new Error('CurrentPrincipal used on a route the access guard did not authenticate');
  return principal;
});

/** Who acts, as the audit log and stored records name them: the principal's stable id and display name. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): ActorRef => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new Error('CurrentActor used on a route the access guard did not authenticate');
  return actorOf(principal);
});
