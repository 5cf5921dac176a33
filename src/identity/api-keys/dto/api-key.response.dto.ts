import { ApiProperty } from '@nestjs/swagger';

import { ActorResponseDto } from '../../../common/auth/actor.response.dto.js';
import { ROLES, type PrincipalKind, type Role } from '../../../common/auth/principal.js';
import { PageResponseDto } from '../../../common/pagination/page.js';
import type { ApiKey, ApiKeyOwner } from '../api-key.js';

export class ApiKeyOwnerResponseDto extends ActorResponseDto implements ApiKeyOwner {
  @ApiProperty({ enum: ['person', 'service'] })
  kind: PrincipalKind;
}

export class ApiKeyResponseDto {
  @ApiProperty({ pattern: '^[0-9a-f]{24}$' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ example: 'mlp_3Hq9xVb2', description: 'The first characters of the key, to recognise it; the rest is never stored' })
  prefix: string;

  @ApiProperty({ type: ApiKeyOwnerResponseDto })
  owner: ApiKeyOwnerResponseDto;

  @ApiProperty({ enum: ROLES, isArray: true })
  roles: Role[];

  @ApiProperty({ type: [String] })
  trainerQueues: string[];

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  expiresAt: string | null;

  @ApiProperty({ type: ActorResponseDto })
  createdBy: ActorResponseDto;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  revokedAt: string | null;

  @ApiProperty({ type: ActorResponseDto, nullable: true })
  revokedBy: ActorResponseDto | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Recorded to the minute' })
  lastUsedAt: string | null;

  static from(key: ApiKey): ApiKeyResponseDto {
    return Object.assign(new ApiKeyResponseDto(), {
      ...key,
      expiresAt: key.expiresAt?.toISOString() ?? null,
      createdAt: key.createdAt.toISOString(),
      revokedAt: key.revokedAt?.toISOString() ?? null,
      lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    });
  }
}

export class CreatedApiKeyResponseDto extends ApiKeyResponseDto {
  @ApiProperty({ example: 'mlp_3Hq9xVb2…', description: 'The key itself: shown this once, store it now. Send it as Authorization: Bearer <key>.' })
  secret: string;
}

export class ApiKeyPageResponseDto extends PageResponseDto(ApiKeyResponseDto) {}
