import { ApiProperty } from '@nestjs/swagger';

import { PageResponseDto } from '../../common/pagination/page.js';
import type { AuditCheckpoint } from '../checkpoints/audit-checkpoint.js';

export class AuditCheckpointResponseDto implements Omit<AuditCheckpoint, 'at'> {
  @ApiProperty({ type: 'integer', description: 'Position of the chain head that was signed' })
  seq: number;

  @ApiProperty({ description: 'Hash of that entry' })
  hash: string;

  @ApiProperty({ type: String, format: 'date-time' })
  at: string;

  @ApiProperty({ description: 'Thumbprint of the signing key (see /audit/checkpoints/public-key)' })
  keyId: string;

  @ApiProperty({ description: 'Compact JWS (EdDSA) over { seq, hash, at }: keep it outside the database, and pass it to /audit/verify?checkpoint=' })
  jws: string;

  static from(checkpoint: AuditCheckpoint): AuditCheckpointResponseDto {
    return Object.assign(new AuditCheckpointResponseDto(), { ...checkpoint, at: checkpoint.at.toISOString() });
  }
}

export class AuditCheckpointPageResponseDto extends PageResponseDto(AuditCheckpointResponseDto) {}

export class AuditPublicKeyResponseDto {
  @ApiProperty({ example: 'OKP' })
  kty: string;

  @ApiProperty({ example: 'Ed25519' })
  crv: string;

  @ApiProperty()
  x: string;

  @ApiProperty()
  kid: string;

  @ApiProperty({ example: 'EdDSA' })
  alg: string;

  @ApiProperty({ example: 'sig' })
  use: string;
}
