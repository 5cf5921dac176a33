import { ApiProperty } from '@nestjs/swagger';

import type { ChainBreak, ChainVerification, CheckpointReport } from '../chain-verifier.js';

export class AuditChainBreakResponseDto implements ChainBreak {
  @ApiProperty({ type: 'integer', description: 'Position of the first entry that breaks the chain' })
  seq: number;

  @ApiProperty({ type: String, nullable: true, description: 'Its id, when the entry exists' })
  entryId: string | null;

  @ApiProperty({ example: 'entry 12 was altered: its content no longer matches its hash' })
  reason: string;
}

export class AuditCheckpointReportResponseDto implements CheckpointReport {
  @ApiProperty({ description: 'False when no checkpoint key is configured' })
  enabled: boolean;

  @ApiProperty({ type: 'integer', description: 'Signed checkpoints the chain was compared with' })
  checked: number;

  @ApiProperty({ type: 'integer', description: 'Stored checkpoints whose signature does not verify' })
  invalid: number;

  @ApiProperty({ type: 'integer', nullable: true })
  latestSeq: number | null;
}

export class AuditVerificationResponseDto implements ChainVerification {
  @ApiProperty()
  intact: boolean;

  @ApiProperty({ type: 'integer' })
  entriesChecked: number;

  @ApiProperty({ type: 'integer', description: 'Position the chain head records' })
  headSeq: number;

  @ApiProperty({ type: 'integer', description: 'Entries written by an interrupted append that verification linked in' })
  healed: number;

  @ApiProperty({ type: 'integer', description: 'Audit drafts that interrupted changes had left pending on their documents, appended before verifying' })
  draftsAppended: number;

  @ApiProperty({ type: AuditChainBreakResponseDto, nullable: true })
  firstBreak: AuditChainBreakResponseDto | null;

  @ApiProperty({ type: AuditCheckpointReportResponseDto })
  checkpoints: AuditCheckpointReportResponseDto;

  static from(result: ChainVerification): AuditVerificationResponseDto {
    return Object.assign(new AuditVerificationResponseDto(), result);
  }
}
