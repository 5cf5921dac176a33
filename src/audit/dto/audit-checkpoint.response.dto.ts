import { ApiModel, DATE_TIME, type Json } from '../../common/openapi/api-model.js';
import { PageResponseDto } from '../../common/pagination/page.js';
import type { AuditCheckpoint } from '../checkpoints/audit-checkpoint.js';

export class AuditCheckpointResponseDto extends ApiModel<Json<AuditCheckpoint>>({
  seq: { type: 'integer', description: 'Position of the chain head that was signed' },
  hash: { type: String, description: 'Hash of that entry' },
  at: DATE_TIME,
  keyId: { type: String, description: 'Thumbprint of the signing key (see /audit/checkpoints/public-key)' },
  jws: { type: String, description: 'Compact JWS (EdDSA) over { seq, hash, at }: keep it outside the database, and pass it to /audit/verify?checkpoint=' },
}) {
  static from(checkpoint: AuditCheckpoint): AuditCheckpointResponseDto {
    return Object.assign(new AuditCheckpointResponseDto(), { ...checkpoint, at: checkpoint.at.toISOString() });
  }
}

export class AuditCheckpointPageResponseDto extends PageResponseDto(AuditCheckpointResponseDto) {}

/** The public half of the checkpoint key, as a JSON Web Key. */
export class AuditPublicKeyResponseDto extends ApiModel<Record<'kty' | 'crv' | 'x' | 'kid' | 'alg' | 'use', string>>({
  kty: { type: String, example: 'OKP' },
  crv: { type: String, example: 'Ed25519' },
  x: { type: String },
  kid: { type: String },
  alg: { type: String, example: 'EdDSA' },
  use: { type: String, example: 'sig' },
}) {}
