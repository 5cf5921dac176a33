import { Injectable } from '@nestjs/common';

import type { Principal } from '../../common/auth/principal.js';
import { UnauthenticatedError } from '../../common/errors/domain.errors.js';
import { CredentialResolvers } from './credential-resolvers.js';
import { OidcVerifier } from './oidc-verifier.js';

const MAX_CREDENTIAL_LENGTH = 8 * 1024;
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/**
 * Turns an Authorization header into the principal it proves: an API key or a job token by their prefix,
 * otherwise an OIDC access token. Used by the access guard and by pages mounted outside Nest's routing
 * (the queue dashboard).
 */
@Injectable()
export class Authenticator {
  constructor(
    private readonly resolvers: CredentialResolvers,
    private readonly oidc: OidcVerifier,
  ) {}

  async authenticate(header: string | undefined): Promise<Principal> {
    if (!header) throw new UnauthenticatedError('This API needs a credential: send Authorization: Bearer <OIDC access token or API key>', null);
    const match = /^Bearer +(\S+) *$/i.exec(header);
    if (!match) throw new UnauthenticatedError('The Authorization header must be "Bearer <credential>"', 'invalid_request');
    const credential = match[1];
    if (credential.length > MAX_CREDENTIAL_LENGTH) throw new UnauthenticatedError('The credential is too long to be valid');
    const resolver = this.resolvers.find(credential);
    if (resolver) {
      const principal = await resolver(credential);
      if (!principal) throw new UnauthenticatedError('The credential is not valid: unknown, revoked or expired');
      return principal;
    }
    if (JWT_SHAPE.test(credential)) return this.oidc.verify(credential);
    throw new UnauthenticatedError('The credential is neither an API key nor an OIDC access token');
  }
}
