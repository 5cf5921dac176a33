import { ApiProperty } from '@nestjs/swagger';

import { PageResponseDto } from '../../../common/pagination/page.js';
import { AUDIT_ACTIONS, type AuditAction, type AuditEntry } from '../audit-entry.js';
import type { ChainBreak, ChainVerification } from '../audit-log.repository.js';

export class PromptAuditEntryResponseDto {
  @ApiProperty()
  id: string;

  @ApiProperty({ example: 42, description: 'Position in the chain, from 1, without gaps' })
  seq: number;

  @ApiProperty({ description: 'Hash of the previous entry (64 zeros for the first)' })
  prevHash: string;

  @ApiProperty({ description: 'SHA-256 of the canonical JSON of this entry without its hash' })
  hash: string;

  @ApiProperty({ type: String, format: 'date-time' })
  at: Date;

  @ApiProperty()
  actor: string;

  @ApiProperty({ enum: AUDIT_ACTIONS })
  action: AuditAction;

  @ApiProperty()
  templateId: string;

  @ApiProperty({ type: Number, nullable: true })
  version: number | null;

  @ApiProperty({ type: String, nullable: true })
  label: string | null;

  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true, description: 'State before the change' })
  before: unknown;

  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true, description: 'State after the change' })
  after: unknown;

  @ApiProperty({ type: String, nullable: true })
  comment: string | null;

  static from(entry: AuditEntry): PromptAuditEntryResponseDto {
    return Object.assign(new PromptAuditEntryResponseDto(), entry);
  }
}

export class PromptAuditEntryPageResponseDto extends PageResponseDto(PromptAuditEntryResponseDto) {}

export class PromptAuditChainBreakResponseDto implements ChainBreak {
  @ApiProperty({ description: 'Position of the first entry that breaks the chain' })
  seq: number;

  @ApiProperty({ type: String, nullable: true, description: 'Its id, when the entry exists' })
  entryId: string | null;

  @ApiProperty({ example: 'entry 12 was altered: its content no longer matches its hash' })
  reason: string;
}

export class PromptAuditVerificationResponseDto implements ChainVerification {
  @ApiProperty()
  intact: boolean;

  @ApiProperty()
  entriesChecked: number;

  @ApiProperty({ description: 'Position the chain head records' })
  headSeq: number;

  @ApiProperty({ description: 'Entries written by an interrupted append that verification linked in' })
  healed: number;

  @ApiProperty({ description: 'Audit drafts that interrupted changes had left pending on their documents, appended before verifying' })
  draftsAppended: number;

  @ApiProperty({ type: PromptAuditChainBreakResponseDto, nullable: true })
  firstBreak: PromptAuditChainBreakResponseDto | null;

  static from(result: ChainVerification & { draftsAppended: number }): PromptAuditVerificationResponseDto {
    return Object.assign(new PromptAuditVerificationResponseDto(), result);
  }
}
