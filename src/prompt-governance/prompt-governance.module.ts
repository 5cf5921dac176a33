import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { MongooseModule } from '@nestjs/mongoose';

import { ApprovalsController } from './approvals/approvals.controller.js';
import { ApprovalsService } from './approvals/approvals.service.js';
import { AuditChainDocument, AuditChainSchema, AuditEntryDocument, AuditEntrySchema } from './audit/audit-entry.schema.js';
import { AuditLogRepository } from './audit/audit-log.repository.js';
import { AuditOutboxHealer } from './audit/audit-outbox.healer.js';
import { AUDIT_OUTBOXES } from './audit/audit-outbox.js';
import { AuditController } from './audit/audit.controller.js';
import { AuditService } from './audit/audit.service.js';
import { EvaluationController } from './evaluation/evaluation.controller.js';
import { PROMPT_EVALUATOR } from './evaluation/finding.js';
import { promptJudgeProvider } from './evaluation/judge/prompt-judge.provider.js';
import { PromptEvaluationService } from './evaluation/prompt-evaluation.service.js';
import { RuleBasedPromptEvaluator } from './evaluation/rule-based.evaluator.js';
import { LabelsController } from './labels/labels.controller.js';
import { LabelsService } from './labels/labels.service.js';
import { promptGovernanceConfig } from './prompt-governance.config.js';
import { PromptTemplateDocument, PromptTemplateSchema } from './templates/prompt-template.schema.js';
import { PromptTemplatesRepository } from './templates/prompt-templates.repository.js';
import { PromptTemplatesService } from './templates/prompt-templates.service.js';
import { PromptVersionDocument, PromptVersionSchema } from './templates/prompt-version.schema.js';
import { PromptVersionsRepository } from './templates/prompt-versions.repository.js';
import { PromptVersionsService } from './templates/prompt-versions.service.js';
import { TemplatesController } from './templates/templates.controller.js';
import { VersionsController } from './templates/versions.controller.js';
import { UsageEntryDocument, UsageEntrySchema } from './usage/usage-entry.schema.js';
import { UsageLogRepository } from './usage/usage-log.repository.js';
import { UsageStatsService } from './usage/usage-stats.service.js';
import { UsageController } from './usage/usage.controller.js';
import { UsageService } from './usage/usage.service.js';

/**
 * Prompt governance under /api/v1/prompt-governance: templates and versions, evaluation, approvals,
 * labels, the audit log and usage logging. Controllers are registered in this order, and the order
 * matters: VersionsController's `templates/:id/:version` must come after every route with a fixed
 * segment in the same place (`:id/audit`, `:id/diff`, `:id/versions`, `:id/labels/...`, `:id/usage/stats`).
 */
@Module({
  imports: [
    ConfigModule.forFeature(promptGovernanceConfig),
    MongooseModule.forFeature([
      { name: AuditChainDocument.name, schema: AuditChainSchema },
      { name: AuditEntryDocument.name, schema: AuditEntrySchema },
      { name: PromptTemplateDocument.name, schema: PromptTemplateSchema },
      { name: PromptVersionDocument.name, schema: PromptVersionSchema },
      { name: UsageEntryDocument.name, schema: UsageEntrySchema },
    ]),
  ],
  controllers: [ApprovalsController, AuditController, EvaluationController, LabelsController, TemplatesController, UsageController, VersionsController],
  providers: [
    ApprovalsService,
    AuditLogRepository,
    AuditOutboxHealer,
    AuditService,
    LabelsService,
    PromptEvaluationService,
    PromptTemplatesRepository,
    PromptTemplatesService,
    PromptVersionsRepository,
    PromptVersionsService,
    UsageLogRepository,
    UsageService,
    UsageStatsService,
    promptJudgeProvider,
    { provide: AUDIT_OUTBOXES, useFactory: (templates: PromptTemplatesRepository, versions: PromptVersionsRepository) => [templates, versions], inject: [PromptTemplatesRepository, PromptVersionsRepository] },
    { provide: PROMPT_EVALUATOR, useClass: RuleBasedPromptEvaluator },
  ],
  exports: [PromptEvaluationService],
})
export class PromptGovernanceModule {}
