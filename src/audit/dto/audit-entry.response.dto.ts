import { ActorResponseDto } from '../../common/auth/actor.response.dto.js';
import { ApiModel, DATE_TIME, type Json } from '../../common/openapi/api-model.js';
import { PageResponseDto } from '../../common/pagination/page.js';
import { AUDIT_OUTCOMES, type AuditEntry, type AuditResource } from '../audit-entry.js';

/** Any JSON value, null included. */
const ANY_JSON = { oneOf: [{ type: 'object' }, { type: 'array', items: {} }, { type: 'string' }, { type: 'number' }, { type: 'boolean' }], nullable: true as const };

export class AuditResourceResponseDto extends ApiModel<AuditResource>({
  type: { type: String, example: 'model' },
  id: { type: String, example: 'credit-risk' },
}) {}

export class AuditEntryResponseDto extends ApiModel<Json<AuditEntry>>({
  id: { type: String, pattern: '^[0-9a-f]{24}$' },
  seq: { type: 'integer', example: 42, description: 'Position in the chain, from 1, without gaps' },
  format: { enum: [1, 2], description: '1: a prompt governance entry from before the platform audit, hashed as it was then; 2: every other entry' },
  prevHash: { type: String, description: 'Hash of the previous entry (64 zeros for the first)' },
  hash: { type: String, description: 'SHA-256 of the canonical JSON of this entry without its hash (see docs/audit.md)' },
  at: DATE_TIME,
  actor: { type: ActorResponseDto },
  action: { type: String, example: 'model.version.stage-changed' },
  resource: { type: AuditResourceResponseDto },
  context: { type: 'object', nullable: true, additionalProperties: true, example: { version: 3 }, description: 'Which part of the resource' },
  outcome: { enum: AUDIT_OUTCOMES, description: 'REFUSED records an attempt at a governed action that was not allowed' },
  before: { ...ANY_JSON, description: 'State before the change (any JSON value)' },
  after: { ...ANY_JSON, description: 'State after the change (any JSON value)' },
  comment: { type: String, nullable: true },
}) {
  static from(entry: AuditEntry): AuditEntryResponseDto {
    const { id, seq, format, prevHash, hash, at, actor, action, resource, context, outcome, before, after, comment } = entry;
    return Object.assign(new AuditEntryResponseDto(), { id, seq, format, prevHash, hash, at: at.toISOString(), actor, action, resource, context, outcome, before, after, comment });
  }
}

export class AuditEntryPageResponseDto extends PageResponseDto(AuditEntryResponseDto) {}
