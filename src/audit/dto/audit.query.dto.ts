import { IntersectionType } from '@nestjs/swagger';

import { PageQueryDto } from '../../common/pagination/page-query.dto.js';
import { DateTime, OneOf, Text } from '../../common/validation/fields.js';
import { AUDIT_OUTCOMES, type AuditOutcome } from '../audit-entry.js';

const TOKEN = /^[A-Za-z0-9._:@/-]{1,300}$/;
const TOKEN_RULE = 'letters, digits and . _ : @ / -, at most 300 characters';
const CHECKPOINT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** Filters of the platform audit: by actor, action, resource, outcome and time. */
export class AuditFilterQueryDto {
  @Text({ optional: true, pattern: TOKEN, message: `actorId must be ${TOKEN_RULE}`, description: 'Stable id of the actor (user:…, service:…, system:…)', example: 'user:alice' })
  actorId?: string;

  @Text({ optional: true, pattern: TOKEN, message: `action must be ${TOKEN_RULE}`, example: 'model.version.stage-changed' })
  action?: string;

  @Text({ optional: true, pattern: TOKEN, message: `resourceType must be ${TOKEN_RULE}`, example: 'model' })
  resourceType?: string;

  @Text({ optional: true, maxLength: 300, example: 'credit-risk' })
  resourceId?: string;

  @OneOf(AUDIT_OUTCOMES, { optional: true })
  outcome?: AuditOutcome;

  @DateTime({ optional: true, description: 'Entries at or after this time' })
  from?: string;

  @DateTime({ optional: true, description: 'Entries before this time' })
  to?: string;
}

/** The filters with a page. */
export class ListAuditQueryDto extends IntersectionType(PageQueryDto, AuditFilterQueryDto) {}

export class VerifyAuditQueryDto {
  @Text({
    optional: true,
    pattern: CHECKPOINT,
    maxLength: 4000,
    message: 'checkpoint must be a compact JWS: three base64url parts joined by dots',
    description: 'A checkpoint (compact JWS) kept outside the database, to compare the chain with',
  })
  checkpoint?: string;
}
