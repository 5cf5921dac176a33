import { ApiProperty } from '@nestjs/swagger';

import { ActorResponseDto } from '../../common/auth/actor.response.dto.js';
import { PageResponseDto } from '../../common/pagination/page.js';
import { AUDIT_OUTCOMES, type AuditEntry, type AuditOutcome } from '../audit-entry.js';

/** Any JSON value, null included. */
const ANY_JSON = { oneOf: [{ type: 'object' }, { type: 'array', items: {} }, { type: 'string' }, { type: 'number' }, { type: 'boolean' }], nullable: true };

export class AuditResourceResponseDto {
  @ApiProperty({ example: 'model' })
  type: string;

  @ApiProperty({ example: 'credit-risk' })
  id: string;
}

export class AuditEntryResponseDto implements Omit<AuditEntry, 'at'> {
  @ApiProperty({ pattern: '^[0-9a-f]{24}$' })
  id: string;

  @ApiProperty({ type: 'integer', example: 42, description: 'Position in the chain, from 1, without gaps' })
  seq: number;

  @ApiProperty({ enum: [1, 2], description: '1: a prompt governance entry from before the platform audit, hashed as it was then; 2: every other entry' })
  format: 1 | 2;

  @ApiProperty({ description: 'Hash of the previous entry (64 zeros for the first)' })
  prevHash: string;

  @ApiProperty({ description: 'SHA-256 of the canonical JSON of this entry without its hash (see docs/audit.md)' })
  hash: string;

  @ApiProperty({ type: String, format: 'date-time' })
  at: string;

  @ApiProperty({ type: ActorResponseDto })
  actor: ActorResponseDto;

  @ApiProperty({ example: 'model.version.stage-changed' })
  action: string;

  @ApiProperty({ type: AuditResourceResponseDto })
  resource: AuditResourceResponseDto;

  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true, example: { version: 3 }, description: 'Which part of the resource' })
  context: Record<string, string | number | boolean | null> | null;

  @ApiProperty({ enum: AUDIT_OUTCOMES, description: 'REFUSED records an attempt at a governed action that was not allowed' })
  outcome: AuditOutcome;

  @ApiProperty({ ...ANY_JSON, description: 'State before the change (any JSON value)' })
  before: unknown;

  @ApiProperty({ ...ANY_JSON, description: 'State after the change (any JSON value)' })
  after: unknown;

  @ApiProperty({ type: String, nullable: true })
  comment: string | null;

  static from(entry: AuditEntry): AuditEntryResponseDto {
    const { id, seq, format, prevHash, hash, at, actor, action, resource, context, outcome, before, after, comment } = entry;
    return Object.assign(new AuditEntryResponseDto(), { id, seq, format, prevHash, hash, at: at.toISOString(), actor, action, resource, context, outcome, before, after, comment });
  }
}

export class AuditEntryPageResponseDto extends PageResponseDto(AuditEntryResponseDto) {}
