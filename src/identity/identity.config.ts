import { registerAs } from '@nestjs/config';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUrl, Matches, Max, MaxLength, Min } from 'class-validator';

import { ROLES, type Role } from '../common/auth/principal.js';
import { assertNoProblems, readEnvironment } from '../common/config/environment.js';

export const API_KEY_PATTERN = /^mlp_[A-Za-z0-9_-]{32,200}$/;
const CLAIM_PATH = /^[A-Za-z0-9_:.\-/]{1,200}$/;

/** Variables of authentication; every one is in the README's identity table. */
class IdentityEnvironment {
  @IsOptional() @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: 'OIDC_ISSUER must be the http(s) URL of the identity provider' })
  OIDC_ISSUER?: string;

  @IsOptional() @IsString() @MaxLength(500)
  OIDC_AUDIENCE?: string;

  @IsOptional() @Matches(CLAIM_PATH, { message: 'OIDC_ROLES_CLAIM must be a claim name or a dotted path such as realm_access.roles' })
  OIDC_ROLES_CLAIM?: string;

  @IsOptional() @Matches(CLAIM_PATH, { message: 'OIDC_NAME_CLAIM must be a claim name' })
  OIDC_NAME_CLAIM?: string;

  @IsOptional() @IsString()
  OIDC_ROLE_MAP?: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(300, { message: 'OIDC_CLOCK_TOLERANCE_SECONDS must be between 0 and 300' })
  OIDC_CLOCK_TOLERANCE_SECONDS?: number;

  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(3_600_000, { message: 'OIDC_JWKS_COOLDOWN_MS must be between 0 and 3600000' })
  OIDC_JWKS_COOLDOWN_MS?: number;

  @IsOptional() @Type(() => Number) @IsInt() @Min(100) @Max(60_000, { message: 'OIDC_HTTP_TIMEOUT_MS must be between 100 and 60000' })
  OIDC_HTTP_TIMEOUT_MS?: number;

  @IsOptional() @Matches(API_KEY_PATTERN, { message: 'BOOTSTRAP_ADMIN_KEY must be mlp_ followed by 32 to 200 letters, digits, _ or -' })
  BOOTSTRAP_ADMIN_KEY?: string;
}

export interface OidcConfig {
  issuer: string;
  audience: string;
  /** Dotted path of the claim that holds roles or groups (`roles`, `groups`, `realm_access.roles`). */
  rolesClaim: string;
  nameClaim: string;
  /** Claim value → platform roles. Values equal to a platform role name map to it unless mapped otherwise. */
  roleMap: Record<string, Role[]>;
  clockToleranceSeconds: number;
  jwksCooldownMs: number;
  httpTimeoutMs: number;
}

export interface IdentityConfig {
  /** Null when no identity provider is configured: only API keys authenticate. */
  oidc: OidcConfig | null;
  bootstrapAdminKey: string | null;
}

export type IdentityConfigNamespace = { identity: IdentityConfig };

export function loadIdentityConfig(raw: Record<string, string | undefined>): IdentityConfig {
  const { problems } = readEnvironment(IdentityEnvironment, raw);
  const roleMap = parseRoleMap(raw.OIDC_ROLE_MAP, problems);
  if (raw.OIDC_ISSUER && !raw.OIDC_AUDIENCE) problems.push('OIDC_AUDIENCE is required when OIDC_ISSUER is set: the audience the access tokens are issued for');
  if (!raw.OIDC_ISSUER && raw.OIDC_AUDIENCE) problems.push('OIDC_ISSUER is required when OIDC_AUDIENCE is set');
  assertNoProblems('identity', problems);
  return {
    oidc: raw.OIDC_ISSUER
      ? {
          issuer: raw.OIDC_ISSUER,
          audience: raw.OIDC_AUDIENCE!,
          rolesClaim: raw.OIDC_ROLES_CLAIM ?? 'roles',
          nameClaim: raw.OIDC_NAME_CLAIM ?? 'name',
          roleMap,
          clockToleranceSeconds: Number(raw.OIDC_CLOCK_TOLERANCE_SECONDS ?? 30),
          jwksCooldownMs: Number(raw.OIDC_JWKS_COOLDOWN_MS ?? 30_000),
          httpTimeoutMs: Number(raw.OIDC_HTTP_TIMEOUT_MS ?? 5000),
        }
      : null,
    bootstrapAdminKey: raw.BOOTSTRAP_ADMIN_KEY ?? null,
  };
}

function parseRoleMap(text: string | undefined, problems: string[]): Record<string, Role[]> {
  const identity = Object.fromEntries(ROLES.map((role) => [role, [role]]));
  if (text === undefined) return identity;
  const message = `OIDC_ROLE_MAP must be a JSON object of claim value to a role or a list of roles (${ROLES.join(', ')})`;
  let given: unknown;
  try {
    given = JSON.parse(text);
  } catch {
    problems.push(message);
    return identity;
  }
  if (typeof given !== 'object' || given === null || Array.isArray(given)) {
    problems.push(message);
    return identity;
  }
  const map: Record<string, Role[]> = { ...identity };
  for (const [value, mapped] of Object.entries(given)) {
    const roles = Array.isArray(mapped) ? mapped : [mapped];
    const unknown = roles.filter((role) => !(ROLES as readonly unknown[]).includes(role));
    if (unknown.length > 0) problems.push(`OIDC_ROLE_MAP: '${value}' maps to unknown role(s) ${unknown.join(', ')}; roles are ${ROLES.join(', ')}`);
    else map[value] = roles as Role[];
  }
  return map;
}

export const identityConfig = registerAs('identity', (): IdentityConfig => loadIdentityConfig(process.env));
