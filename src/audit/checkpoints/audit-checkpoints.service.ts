import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';

import { ConflictError } from '../../common/errors/domain.errors.js';
import type { Page, PageRequest } from '../../common/pagination/page.js';
import { AuditService } from '../audit.service.js';
import type { AuditCheckpoint } from './audit-checkpoint.js';
import { AuditCheckpointsRepository } from './audit-checkpoints.repository.js';
import { CheckpointSigner } from './checkpoint-signer.js';

/**
 * A database administrator could rewrite the whole chain and recompute every hash; a signed checkpoint of the
 * head, made with a key the database does not hold, catches that. Checkpoints are made on an interval by the
 * worker (AuditCheckpointScheduler) and on request by an admin, stored, written to the log as a JSON line,
 * and served for export, so copies exist outside the database.
 */
@Injectable()
export class AuditCheckpointsService implements OnApplicationBootstrap {
  private readonly logger = new Logger(AuditCheckpointsService.name);

  constructor(
    private readonly audit: AuditService,
    private readonly checkpoints: AuditCheckpointsRepository,
    private readonly signer: CheckpointSigner,
  ) {}

  get enabled(): boolean {
    return this.signer.enabled;
  }

  onApplicationBootstrap(): void {
    if (!this.signer.enabled) {
      this.logger.warn('AUDIT_CHECKPOINT_KEY is not set: the audit chain head is not checkpointed, so a rewritten and recomputed chain would not be detected');
    }
  }

  /** Signs the current head unless it is already checkpointed; null when the chain is empty. */
  async checkpoint(): Promise<AuditCheckpoint | null> {
    if (!this.signer.enabled) throw new ConflictError('Checkpoints are disabled: AUDIT_CHECKPOINT_KEY is not configured');
    const head = await this.audit.settledHead(1000);
    if (head.seq === 0) return null;
    const latest = await this.checkpoints.latest();
    const jwk = await this.signer.jwk();
    if (latest && latest.seq === head.seq && latest.keyId === jwk!.kid) return latest;
    const at = new Date();
    const { jws, keyId } = await this.signer.sign({ seq: head.seq, hash: head.lastHash, at: at.toISOString() });
    const checkpoint: AuditCheckpoint = { seq: head.seq, hash: head.lastHash, at, keyId, jws };
    if (await this.checkpoints.add(checkpoint)) {
      this.logger.log({ msg: 'audit checkpoint', seq: checkpoint.seq, hash: checkpoint.hash, keyId, checkpoint: jws });
    }
    return checkpoint;
  }

  list(page: PageRequest): Promise<Page<AuditCheckpoint>> {
    return this.checkpoints.list(page);
  }

  all(): AsyncGenerator<AuditCheckpoint> {
    return this.checkpoints.all();
  }
}
