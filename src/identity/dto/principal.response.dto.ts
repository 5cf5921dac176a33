import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

import { ActorResponseDto } from '../../common/auth/actor.response.dto.js';
import { ROLES, type CredentialKind, type Principal, type PrincipalKind, type Role } from '../../common/auth/principal.js';

export class PrincipalResponseDto extends ActorResponseDto {
  @ApiProperty({ enum: ['person', 'service'] })
  kind: PrincipalKind;

  @ApiProperty({ enum: ROLES, isArray: true })
  roles: Role[];

  @ApiProperty({ enum: ['oidc', 'api-key', 'job-token'], description: 'How the caller authenticated' })
  credential: CredentialKind;

  @ApiPropertyOptional({ description: 'The API key used, when the credential is one' })
  keyId?: string;

  @ApiPropertyOptional({ description: 'A job token acts for this retraining job only' })
  jobId?: string;

  static from(principal: Principal): PrincipalResponseDto {
    const { id, name, kind, roles, credential, keyId, jobId } = principal;
    return Object.assign(new PrincipalResponseDto(), { id, name, kind, roles, credential, ...(keyId && { keyId }), ...(jobId && { jobId }) });
  }
}
