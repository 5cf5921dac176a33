import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';

import { personId, SERVICE_ONLY_ROLES, type Principal, type Role } from '../../common/auth/principal.js';
import { ServiceUnavailableError, UnauthenticatedError } from '../../common/errors/domain.errors.js';
import type { IdentityConfigNamespace, OidcConfig } from '../identity.config.js';

/** Asymmetric algorithms only: a token signed with a shared secret (HS256) or none is never accepted. */
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];
const DISCOVERY_RETRY_MS = 5000;

type KeySet = ReturnType<typeof createRemoteJWKSet>;

/**
 * Verifies OIDC access tokens (JWT) of the company's identity provider: the signature against the keys of
 * the issuer's JWKS (found through its discovery document, cached, and fetched again when a token names an
 * unknown `kid`, so key rotation needs no restart), then `iss`, `aud`, `exp` and `nbf` with a small skew.
 * An unreachable provider is a 503, not a 401: the token may well be valid.
 */
@Injectable()
export class OidcVerifier {
  private readonly logger = new Logger(OidcVerifier.name);
  private readonly config: OidcConfig | null;
  private keys: KeySet | null = null;
  private discovering: Promise<KeySet> | null = null;
  private lastDiscoveryFailure = 0;

  constructor(@Inject(ConfigService) config: ConfigService<IdentityConfigNamespace, true>) {
    this.config = config.getOrThrow('identity', { infer: true }).oidc;
  }

  get enabled(): boolean {
    return this.config !== null;
  }

  async verify(token: string): Promise<Principal> {
    const config = this.config;
    if (!config) throw new UnauthenticatedError('This deployment has no identity provider configured (OIDC_ISSUER); authenticate with an API key');
    const keys = await this.keySet(config);
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer: config.issuer,
        audience: config.audience,
        algorithms: ALGORITHMS,
        clockTolerance: config.clockToleranceSeconds,
        requiredClaims: ['sub', 'exp'],
      }));
    } catch (error) {
      throw this.translate(error);
    }
    return this.principalOf(payload, config);
  }

  private principalOf(payload: JWTPayload, config: OidcConfig): Principal {
    const subject = payload.sub!;
    const name = stringClaim(payload, config.nameClaim) ?? stringClaim(payload, 'preferred_username') ?? stringClaim(payload, 'email') ?? subject;
    const granted = claimValues(payload, config.rolesClaim).flatMap((value) => config.roleMap[value] ?? []);
    // People never hold a service role, whatever the provider's groups say.
    const roles = [...new Set<Role>(granted)].filter((role) => !SERVICE_ONLY_ROLES.includes(role));
    return { id: personId(subject), name: name.slice(0, 200), kind: 'person', roles, credential: 'oidc' };
  }

  private translate(error: unknown): Error {
    if (error instanceof errors.JWKSTimeout || isNetworkError(error) || isKeySetFetchError(error)) {
      this.logger.warn(`Identity provider keys could not be fetched: ${(error as Error).message}`);
      return new ServiceUnavailableError('The identity provider could not be reached to check the token; retry shortly');
    }
    if (error instanceof errors.JWTExpired) return new UnauthenticatedError('The access token has expired; obtain a new one');
    if (error instanceof errors.JWTClaimValidationFailed) return new UnauthenticatedError(`The access token is not valid here: its ${error.claim} claim is not accepted (${error.reason})`);
    if (error instanceof errors.JWKSNoMatchingKey) return new UnauthenticatedError('The access token is signed with a key the identity provider does not publish');
    if (error instanceof errors.JOSEError) return new UnauthenticatedError(`The access token is not valid: ${error.message}`);
    return error as Error;
  }

  /** The key set of the issuer, from its discovery document; a failed discovery is retried after a pause. */
  private keySet(config: OidcConfig): Promise<KeySet> {
    if (this.keys) return Promise.resolve(this.keys);
    if (Date.now() - this.lastDiscoveryFailure < DISCOVERY_RETRY_MS && !this.discovering) {
      return Promise.reject(new ServiceUnavailableError('The identity provider could not be reached to check the token; retry shortly'));
    }
    this.discovering ??= this.discover(config).finally(() => {
      this.discovering = null;
    });
    return this.discovering;
  }

  private async discover(config: OidcConfig): Promise<KeySet> {
    const url = `${config.issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(config.httpTimeoutMs), redirect: 'error' });
      if (!response.ok) throw new Error(`${url} answered ${response.status}`);
      const document = (await response.json()) as { issuer?: unknown; jwks_uri?: unknown };
      if (document.issuer !== config.issuer) throw new Error(`the discovery document names issuer ${String(document.issuer)}, not ${config.issuer}`);
      if (typeof document.jwks_uri !== 'string') throw new Error('the discovery document has no jwks_uri');
      this.keys = createRemoteJWKSet(new URL(document.jwks_uri), { cooldownDuration: config.jwksCooldownMs, timeoutDuration: config.httpTimeoutMs });
      return this.keys;
    } catch (error) {
      this.lastDiscoveryFailure = Date.now();
      this.logger.warn(`OIDC discovery at ${url} failed: ${(error as Error).message}`);
      throw new ServiceUnavailableError('The identity provider could not be reached to check the token; retry shortly');
    }
  }
}

function claimAt(payload: JWTPayload, path: string): unknown {
  if (path in payload) return payload[path];
  return path.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), payload);
}

function stringClaim(payload: JWTPayload, path: string): string | null {
  const value = claimAt(payload, path);
  return typeof value === 'string' && value.length > 0 ? value : null;
}

/** Roles or groups as a list of strings, whether the provider sends an array or a space-separated string. */
function claimValues(payload: JWTPayload, path: string): string[] {
  const value = claimAt(payload, path);
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  if (typeof value === 'string') return value.split(/[\s,]+/).filter(Boolean);
  return [];
}

/** jose's generic error for a JWKS endpoint that answered, but not with a key set. */
function isKeySetFetchError(error: unknown): boolean {
  return error instanceof errors.JOSEError && error.code === 'ERR_JOSE_GENERIC' && /JSON Web Key Set/i.test(error.message);
}

function isNetworkError(error: unknown): boolean {
  return error instanceof TypeError && /fetch failed|network|ECONNREFUSED/i.test(`${error.message} ${String((error as { cause?: unknown }).cause ?? '')}`);
}
