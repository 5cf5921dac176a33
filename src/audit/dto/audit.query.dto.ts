import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

import { PageQueryDto } from '../../common/pagination/page-query.dto.js';
import { AUDIT_OUTCOMES, type AuditOutcome } from '../audit-entry.js';

const TOKEN = /^[A-Za-z0-9._:@/-]{1,300}$/;
const TOKEN_RULE = 'letters, digits and . _ : @ / -, at most 300 characters';

/** Filters of the platform audit (by actor, action, resource, outcome and time) with a page. */
export class ListAuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Stable id of the actor (user:…, service:…, system:…)', example: 'user:alice' })
  @IsOptional() @IsString() @Matches(TOKEN, { message: `actorId must be ${TOKEN_RULE}` })
  actorId?: string;

  @ApiPropertyOptional({ example: 'model.version.stage-changed' })
  @IsOptional() @IsString() @Matches(TOKEN, { message: `action must be ${TOKEN_RULE}` })
  action?: string;

  @ApiPropertyOptional({ example: 'model' })
  @IsOptional() @IsString() @Matches(TOKEN, { message: `resourceType must be ${TOKEN_RULE}` })
  resourceType?: string;

  @ApiPropertyOptional({ example: 'credit-risk' })
  @IsOptional() @IsString() @MaxLength(300)
  resourceId?: string;

  @ApiPropertyOptional({ enum: AUDIT_OUTCOMES })
  @IsOptional() @IsIn(AUDIT_OUTCOMES)
  outcome?: AuditOutcome;

  @ApiPropertyOptional({ format: 'date-time', description: 'Entries at or after this time' })
  @IsOptional() @IsISO8601({ strict: true }, { message: 'from must be an ISO-8601 date-time' })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Entries before this time' })
  @IsOptional() @IsISO8601({ strict: true }, { message: 'to must be an ISO-8601 date-time' })
  to?: string;
}

export class VerifyAuditQueryDto {
  @ApiPropertyOptional({ description: 'A checkpoint (compact JWS) kept outside the database, to compare the chain with' })
  @IsOptional() @IsString() @MaxLength(4000)
  checkpoint?: string;
}
