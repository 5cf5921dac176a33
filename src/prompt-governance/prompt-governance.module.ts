import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { MongooseModule } from '@nestjs/mongoose';

import { AuditModule } from '../audit/index.js';
import { ApprovalsController } from './approvals/approvals.controller.js';
import { ApprovalsService } from './approvals/approvals.service.js';
import { AuditController } from './audit/audit.controller.js';
import { ScreeningController } from './screening/screening.controller.js';
import { PROMPT_EVALUATOR } from './screening/finding.js';
import { promptJudgeProvider } from './screening/judge/prompt-judge.provider.js';
import { PromptScreeningService } from './screening/prompt-screening.service.js';
import { RuleBasedPromptEvaluator } from './screening/rule-based.evaluator.js';
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
 * labels, the prompt part of the platform audit and usage logging. Controllers are registered in this order,
 * and the order matters: VersionsController's `templates/:id/:version` must come after every route with a
 * fixed segment in the same place (`:id/audit`, `:id/diff`, `:id/versions`, `:id/labels/...`,
 * `:id/usage/stats`). Another method on one of those (PATCH `:id/diff`) is answered 405 by the platform;
 * any other segment that is not digits reaches the version routes, whose VersionParam answers it 404, as a
 * `:version(\d+)` route would.
 */
@Module({
  imports: [
    AuditModule,
    ConfigModule.forFeature(promptGovernanceConfig),
    MongooseModule.forFeature([
      { name: PromptTemplateDocument.name, schema: PromptTemplateSchema },
      { name: PromptVersionDocument.name, schema: PromptVersionSchema },
      { name: UsageEntryDocument.name, schema: UsageEntrySchema },
    ]),
  ],
  controllers: [ApprovalsController, AuditController, ScreeningController, LabelsController, TemplatesController, UsageController, VersionsController],
  providers: [
    ApprovalsService,
    LabelsService,
    PromptScreeningService,
    PromptTemplatesRepository,
    PromptTemplatesService,
    PromptVersionsRepository,
    PromptVersionsService,
    UsageLogRepository,
    UsageService,
    UsageStatsService,
    promptJudgeProvider,
    { provide: PROMPT_EVALUATOR, useClass: RuleBasedPromptEvaluator },
  ],
  exports: [PromptScreeningService],
})
export class PromptGovernanceModule {}
