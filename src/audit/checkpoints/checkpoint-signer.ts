import { createPublicKey, type KeyObject } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { calculateJwkThumbprint, compactVerify, CompactSign, exportJWK, type JWK } from 'jose';

import type { AuditConfigNamespace } from '../audit.config.js';
import type { CheckpointClaims } from './audit-checkpoint.js';

const TYPE = 'audit-checkpoint+jws';

/** Signs and checks checkpoints with the Ed25519 key of AUDIT_CHECKPOINT_KEY (JWS, EdDSA, `kid` = JWK thumbprint). */
@Injectable()
export class CheckpointSigner {
  private readonly privateKey: KeyObject | null;
  private readonly publicKey: KeyObject | null;
  private publicJwk: Promise<JWK & { kid: string }> | null = null;

  constructor(config: ConfigService<AuditConfigNamespace, true>) {
    this.privateKey = config.getOrThrow('audit', { infer: true }).checkpointKey;
    this.publicKey = this.privateKey ? createPublicKey(this.privateKey) : null;
  }

  get enabled(): boolean {
    return this.privateKey !== null;
  }

  /** The public key to verify checkpoints with, as a JWK: publish it where the database administrators cannot change it. */
  jwk(): Promise<(JWK & { kid: string }) | null> {
    if (!this.publicKey) return Promise.resolve(null);
    this.publicJwk ??= exportJWK(this.publicKey).then(async (jwk) => ({ ...jwk, alg: 'EdDSA', use: 'sig', kid: await calculateJwkThumbprint(jwk) }));
    return this.publicJwk;
  }

  async sign(claims: CheckpointClaims): Promise<{ jws: string; keyId: string }> {
    const jwk = await this.jwk();
    if (!jwk || !this.privateKey) throw new Error('no checkpoint key is configured');
    const jws = await new CompactSign(new TextEncoder().encode(JSON.stringify(claims))).setProtectedHeader({ alg: 'EdDSA', kid: jwk.kid, typ: TYPE }).sign(this.privateKey);
    return { jws, keyId: jwk.kid };
  }

  /** The claims of a checkpoint signed by this platform's key, or null when the signature does not verify. */
  async open(jws: string): Promise<CheckpointClaims | null> {
    if (!this.publicKey) return null;
    try {
      const { payload, protectedHeader } = await compactVerify(jws, this.publicKey, { algorithms: ['EdDSA'] });
      if (protectedHeader.typ !== TYPE) return null;
      const claims = JSON.parse(new TextDecoder().decode(payload)) as Partial<CheckpointClaims>;
      if (!Number.isInteger(claims.seq) || typeof claims.hash !== 'string' || typeof claims.at !== 'string') return null;
      return claims as CheckpointClaims;
    } catch {
      return null;
    }
  }
}
