import { Injectable } from '@nestjs/common';

import type { Principal } from '../../common/auth/principal.js';

/** Turns a bearer credential of one kind into its principal; null when the credential is not valid. */
export type CredentialResolver = (credential: string) => Promise<Principal | null>;

/**
 * Credentials other than OIDC tokens, told apart by their prefix (`mlp_` API keys, `mlpj_` retraining job
 * tokens). Modules above identity register theirs at start-up, so identity knows none of them.
 */
@Injectable()
export class CredentialResolvers {
  private readonly resolvers = new Map<string, CredentialResolver>();

  register(prefix: string, resolver: CredentialResolver): void {
    if (this.resolvers.has(prefix)) throw new Error(`A credential resolver for '${prefix}' is already registered`);
    this.resolvers.set(prefix, resolver);
  }

  /** The resolver whose prefix the credential starts with; the longest prefix wins. */
  find(credential: string): CredentialResolver | null {
    let best: [string, CredentialResolver] | null = null;
    for (const entry of this.resolvers) if (credential.startsWith(entry[0]) && (!best || entry[0].length > best[0].length)) best = entry;
    return best?.[1] ?? null;
  }
}
