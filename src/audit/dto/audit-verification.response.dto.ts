import { ApiModel } from '../../common/openapi/api-model.js';
import type { ChainBreak, ChainVerification, CheckpointReport } from '../chain-verifier.js';

export class AuditChainBreakResponseDto extends ApiModel<ChainBreak>({
  seq: { type: 'integer', description: 'Position of the first entry that breaks the chain' },
  entryId: { type: String, nullable: true, description: 'Its id, when the entry exists' },
  reason: { type: String, example: 'entry 12 was altered: its content no longer matches its hash' },
}) {}

export class AuditCheckpointReportResponseDto extends ApiModel<CheckpointReport>({
  enabled: { type: Boolean, description: 'False when no checkpoint key is configured' },
  checked: { type: 'integer', description: 'Signed checkpoints the chain was compared with' },
  invalid: { type: 'integer', description: 'Stored checkpoints whose signature does not verify' },
  latestSeq: { type: 'integer', nullable: true },
}) {}

export class AuditVerificationResponseDto extends ApiModel<ChainVerification>({
  intact: { type: Boolean },
  entriesChecked: { type: 'integer' },
  headSeq: { type: 'integer', description: 'Position the chain head records' },
  healed: { type: 'integer', description: 'Entries written by an interrupted append that verification linked in' },
  draftsAppended: { type: 'integer', description: 'Audit drafts that interrupted changes had left pending on their documents, appended before verifying' },
  firstBreak: { type: AuditChainBreakResponseDto, nullable: true },
  checkpoints: { type: AuditCheckpointReportResponseDto },
}) {
  static from(result: ChainVerification): AuditVerificationResponseDto {
    return Object.assign(new AuditVerificationResponseDto(), result);
  }
}
