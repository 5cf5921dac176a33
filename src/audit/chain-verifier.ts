import { Injectable } from '@nestjs/common';

import { InconsistentInputError } from '../common/errors/domain.errors.js';
import { GENESIS_HASH, linkProblem } from './audit-entry.js';
import { AuditHealer } from './audit-healer.js';
import { AuditLogRepository, contentHashOf } from './audit-log.repository.js';
import { AuditCheckpointsService } from './checkpoints/audit-checkpoints.service.js';
import { CheckpointSigner } from './checkpoints/checkpoint-signer.js';

const MAX_HEALED = 1000;

export interface ChainBreak {
  seq: number;
  entryId: string | null;
  reason: string;
}

export interface CheckpointReport {
  /** False when no checkpoint key is configured. */
  enabled: boolean;
  /** Signed checkpoints (stored, and the one given with the request) that the chain was compared with. */
  checked: number;
  /** Stored checkpoints that do not carry a valid signature of this platform's key. */
  invalid: number;
  latestSeq: number | null;
}

export interface ChainVerification {
  intact: boolean;
  entriesChecked: number;
  headSeq: number;
  /** Entries the head had not caught up with (an appender stopped between its two writes), now linked in. */
  healed: number;
  /** Audit drafts that interrupted changes had left pending on their documents, appended before verifying. */
  draftsAppended: number;
  firstBreak: ChainBreak | null;
  checkpoints: CheckpointReport;
}

/**
 * Verifies the whole chain: first appends what interrupted changes left pending and links in stray
 * entries, then recomputes every hash and link in order, and compares the chain with every signed
 * checkpoint (those stored, and one the caller kept elsewhere): a chain rewritten and recomputed from the
 * start still disagrees with a checkpoint it cannot re-sign.
 */
@Injectable()
export class ChainVerifier {
  constructor(
    private readonly log: AuditLogRepository,
    private readonly healer: AuditHealer,
    private readonly checkpoints: AuditCheckpointsService,
    private readonly signer: CheckpointSigner,
  ) {}

  async verify(externalCheckpoint?: string): Promise<ChainVerification> {
    const signed = await this.signedCheckpoints(externalCheckpoint);
    const draftsAppended = await this.healer.heal();
    const healed = await this.log.catchUpAll(MAX_HEALED);
    const head = await this.log.readHead();
    const report: CheckpointReport = { enabled: this.signer.enabled, checked: signed.expected.size, invalid: signed.invalid, latestSeq: signed.latestSeq };
    const result = (checked: number, firstBreak: ChainBreak | null): ChainVerification => ({
      intact: firstBreak === null,
      entriesChecked: checked,
      headSeq: head.seq,
      healed,
      draftsAppended,
      firstBreak,
      checkpoints: report,
    });

    let expectedSeq = 1;
    let prevHash = GENESIS_HASH;
    let checked = 0;
    for await (const entry of this.log.stream()) {
      checked++;
      const problem = linkProblem(entry, contentHashOf(entry), expectedSeq, prevHash);
      if (problem) {
        const seq = Math.min(entry.seq, expectedSeq);
        return result(checked, { seq, entryId: seq === entry.seq ? entry.id : null, reason: problem });
      }
      const checkpoint = signed.expected.get(entry.seq);
      if (checkpoint && checkpoint.hash !== entry.hash) {
        return result(checked, { seq: entry.seq, entryId: entry.id, reason: `entry ${entry.seq} differs from the checkpoint signed at ${checkpoint.at}: the chain was rewritten` });
      }
      prevHash = entry.hash;
      expectedSeq++;
    }
    const last = expectedSeq - 1;
    const beyond = [...signed.expected.entries()].find(([seq]) => seq > last);
    if (beyond) {
      return result(checked, { seq: last + 1, entryId: null, reason: `the chain ends at entry ${last}, but a checkpoint signed at ${beyond[1].at} records entry ${beyond[0]}: entries were removed` });
    }
    if (head.seq > last) {
      return result(checked, { seq: last + 1, entryId: null, reason: `entries ${last + 1} to ${head.seq} are missing: the head records ${head.seq} entries` });
    }
    if (head.seq === last && head.lastHash !== prevHash) {
      return result(checked, { seq: last, entryId: null, reason: `the head's hash does not match entry ${last}` });
    }
    if (signed.invalid > 0) {
      return result(checked, { seq: last, entryId: null, reason: `${signed.invalid} stored checkpoint(s) do not carry a valid signature of this platform's key: they were altered or forged` });
    }
    return result(checked, null);
  }

  /** Position → signed hash, from the stored checkpoints of the current key and the one given. */
  private async signedCheckpoints(external?: string): Promise<{ expected: Map<number, { hash: string; at: string }>; invalid: number; latestSeq: number | null }> {
    const expected = new Map<number, { hash: string; at: string }>();
    let invalid = 0;
    if (!this.signer.enabled) {
      if (external) throw new InconsistentInputError('Checkpoints cannot be checked: AUDIT_CHECKPOINT_KEY is not configured', [{ field: 'checkpoint', message: 'checkpoints are disabled' }]);
      return { expected, invalid, latestSeq: null };
    }
    const jwk = await this.signer.jwk();
    for await (const stored of this.checkpoints.all()) {
      if (stored.keyId !== jwk!.kid) continue;
      const claims = await this.signer.open(stored.jws);
      if (!claims || claims.seq !== stored.seq || claims.hash !== stored.hash) invalid++;
      else expected.set(claims.seq, { hash: claims.hash, at: claims.at });
    }
    if (external) {
      const claims = await this.signer.open(external);
      if (!claims) {
        throw new InconsistentInputError('The checkpoint does not carry a valid signature of this platform’s checkpoint key', [
          { field: 'checkpoint', message: 'checkpoint must be a compact JWS made by GET /api/v1/audit/checkpoints' },
        ]);
      }
      expected.set(claims.seq, { hash: claims.hash, at: claims.at });
    }
    const latestSeq = expected.size > 0 ? Math.max(...expected.keys()) : null;
    return { expected, invalid, latestSeq };
  }
}
