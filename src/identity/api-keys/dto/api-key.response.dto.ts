import { ApiProperty } from '@nestjs/swagger';

import { ACTOR_FIELDS, ActorResponseDto } from '../../../common/auth/actor.response.dto.js';
import { ROLES } from '../../../common/auth/principal.js';
import { ApiModel, DATE_TIME, NULLABLE_DATE_TIME, type Json } from '../../../common/openapi/api-model.js';
import { PageResponseDto } from '../../../common/pagination/page.js';
import type { ApiKey, ApiKeyOwner } from '../api-key.js';

export class ApiKeyOwnerResponseDto extends ApiModel<ApiKeyOwner>({ ...ACTOR_FIELDS, kind: { enum: ['person', 'service'] } }) {}

export class ApiKeyResponseDto extends ApiModel<Json<ApiKey>>({
  id: { type: String, pattern: '^[0-9a-f]{24}$' },
  name: { type: String },
  prefix: { type: String, example: 'mlp_3Hq9xVb2', description: 'The first characters of the key, to recognise it; the rest is never stored' },
  owner: { type: ApiKeyOwnerResponseDto },
  roles: { enum: ROLES, isArray: true },
  trainerQueues: { type: [String] },
  expiresAt: NULLABLE_DATE_TIME,
  createdBy: { type: ActorResponseDto },
  createdAt: DATE_TIME,
  revokedAt: NULLABLE_DATE_TIME,
  revokedBy: { type: ActorResponseDto, nullable: true },
  lastUsedAt: { ...NULLABLE_DATE_TIME, description: 'Recorded to the minute' },
}) {
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
