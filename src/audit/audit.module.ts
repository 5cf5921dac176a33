import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { DiscoveryModule } from '@nestjs/core';
import { MongooseModule } from '@nestjs/mongoose';

import { SchedulingModule } from '../common/scheduling/scheduling.module.js';
import { AuditChainDocument, AuditChainSchema, AuditEntryDocument, AuditEntrySchema } from './audit-entry.schema.js';
import { AuditHealer } from './audit-healer.js';
import { AuditLogRepository } from './audit-log.repository.js';
import { auditConfig } from './audit.config.js';
import { AuditController } from './audit.controller.js';
import { AuditService } from './audit.service.js';
import { ChainVerifier } from './chain-verifier.js';
import { AuditCheckpointDocument, AuditCheckpointSchema } from './checkpoints/audit-checkpoint.schema.js';
import { AuditCheckpointsRepository } from './checkpoints/audit-checkpoints.repository.js';
import { AuditCheckpointsService } from './checkpoints/audit-checkpoints.service.js';
import { CheckpointSigner } from './checkpoints/checkpoint-signer.js';
import { PromptAuditMigration } from './legacy/prompt-audit-migration.js';
import { PromptAuditLogDocument, PromptAuditLogSchema, PromptAuditProjectionRepository } from './legacy/prompt-audit-projection.repository.js';

/**
 * The platform audit under /api/v1/audit: one hash chain for every module's governed changes, below the
 * domains (it knows none of them). Domains record through `AuditService`; their audited repositories extend
 * `AuditedRepository`, which the healer finds by itself.
 */
@Module({
  imports: [
    ConfigModule.forFeature(auditConfig),
    DiscoveryModule,
    MongooseModule.forFeature([
      { name: AuditChainDocument.name, schema: AuditChainSchema },
      { name: AuditCheckpointDocument.name, schema: AuditCheckpointSchema },
      { name: AuditEntryDocument.name, schema: AuditEntrySchema },
      { name: PromptAuditLogDocument.name, schema: PromptAuditLogSchema },
    ]),
    SchedulingModule,
  ],
  controllers: [AuditController],
  providers: [
    AuditCheckpointsRepository,
    AuditCheckpointsService,
    AuditHealer,
    AuditLogRepository,
    AuditService,
    ChainVerifier,
    CheckpointSigner,
    PromptAuditMigration,
    PromptAuditProjectionRepository,
  ],
  exports: [AuditCheckpointsService, AuditService, ChainVerifier],
})
export class AuditModule {}
