import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

import { PageQueryDto } from '../../common/pagination/page-query.dto.js';
import { IsDateTime } from '../../common/validation/date-time.js';
import { AUDIT_OUTCOMES, type AuditOutcome } from '../audit-entry.js';

const TOKEN = /^[A-Za-z0-9._:@/-]{1,300}$/;
const TOKEN_RULE = 'letters, digits and . _ : @ / -, at most 300 characters';
const CHECKPOINT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** Filters of the platform audit: by actor, action, resource, outcome and time. */
export class AuditFilterQueryDto {
  @ApiPropertyOptional({ pattern: TOKEN.source, description: 'Stable id of the actor (user:…, service:…, system:…)', example: 'user:alice' })
  @IsOptional() @IsString() @Matches(TOKEN, { message: `actorId must be ${TOKEN_RULE}` })
  actorId?: string;

  @ApiPropertyOptional({ pattern: TOKEN.source, example: 'model.version.stage-changed' })
  @IsOptional() @IsString() @Matches(TOKEN, { message: `action must be ${TOKEN_RULE}` })
  action?: string;

  @ApiPropertyOptional({ pattern: TOKEN.source, example: 'model' })
  @IsOptional() @IsString() @Matches(TOKEN, { message: `resourceType must be ${TOKEN_RULE}` })
  resourceType?: string;

  @ApiPropertyOptional({ maxLength: 300, example: 'credit-risk' })
  @IsOptional() @IsString() @MaxLength(300)
  resourceId?: string;

  @ApiPropertyOptional({ enum: AUDIT_OUTCOMES })
  @IsOptional() @IsIn(AUDIT_OUTCOMES)
  outcome?: AuditOutcome;

  @ApiPropertyOptional({ format: 'date-time', description: 'Entries at or after this time' })
  @IsOptional() @IsDateTime()
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Entries before this time' })
  @IsOptional() @IsDateTime()
  to?: string;
}

/** The filters with a page. */
export class ListAuditQueryDto extends IntersectionType(PageQueryDto, AuditFilterQueryDto) {}

export class VerifyAuditQueryDto {
  @ApiPropertyOptional({ pattern: CHECKPOINT.source, maxLength: 4000, description: 'A checkpoint (compact JWS) kept outside the database, to compare the chain with' })
  @IsOptional() @IsString() @MaxLength(4000) @Matches(CHECKPOINT, { message: 'checkpoint must be a compact JWS: three base64url parts joined by dots' })
  checkpoint?: string;
}
