import { ActorResponseDto } from '../../../common/auth/actor.response.dto.js';
import { ApiProperty } from '@nestjs/swagger';

import { CHAT_ROLES, DECLARED_RISK_LEVELS, PROMPT_VERSION_STATUSES, type DeclaredRiskLevel, type PromptChatMessage, type PromptVersionStatus, type PromptVersionView } from '../../../../libs/contracts/src/index.js';
import { ApiModel, DATE_TIME, type Json } from '../../../common/openapi/api-model.js';
import { AnsweredType } from '../../../common/openapi/answered-type.js';
import { PageResponseDto } from '../../../common/pagination/page.js';
import { PromptEvaluationResponseDto } from '../../screening/dto/evaluation.response.dto.js';
import { EVALUATION_TRIGGERS, type EvaluationTrigger, type PromptVersion, type VersionTransition } from '../prompt-template.js';
import { PromptModelSettingsDto, PromptPolicyDto, PromptVariableDto, PromptVersionContentRequestDto } from './prompt-content.request.dto.js';
import { PromptTemplateResponseDto } from './template.response.dto.js';

export class PromptVariableResponseDto extends AnsweredType(PromptVariableDto) {}

export class PromptChatMessageResponseDto extends ApiModel<PromptChatMessage>({
  role: { enum: CHAT_ROLES },
  content: { type: String },
}) {}

export class PromptModelSettingsResponseDto extends AnsweredType(PromptModelSettingsDto) {}

export class StoredPromptEvaluationResponseDto extends PromptEvaluationResponseDto {
  @ApiProperty({ enum: EVALUATION_TRIGGERS, description: 'What ran it: creation, a draft edit or the submission' })
  trigger: EvaluationTrigger;

  @ApiProperty({ type: String, format: 'date-time' })
  evaluatedAt: Date;

  @ApiProperty({ type: [PromptPolicyDto], description: 'The policies it was run with' })
  policies: PromptPolicyDto[];

  @ApiProperty({ enum: DECLARED_RISK_LEVELS, description: 'The declared risk level it was run with' })
  declaredRiskLevel: DeclaredRiskLevel;
}

export class PromptTransitionResponseDto extends ApiModel<Json<VersionTransition>>({
  from: { enum: PROMPT_VERSION_STATUSES, nullable: true },
  to: { enum: PROMPT_VERSION_STATUSES },
  actor: { type: ActorResponseDto },
  at: DATE_TIME,
  comment: { type: String, nullable: true },
}) {}

/** A version: its content as the author gave it, every default filled in, with its review and history. */
export class PromptVersionResponseDto extends AnsweredType(PromptVersionContentRequestDto, {
  template: { nullable: true },
  messages: { type: PromptChatMessageResponseDto, nullable: true },
  variables: { type: PromptVariableResponseDto },
  modelSettings: { type: PromptModelSettingsResponseDto },
}) implements PromptVersionView<Date> {
  declare template: string | null;
  declare messages: PromptChatMessageResponseDto[] | null;
  declare variables: PromptVariableResponseDto[];
  declare modelSettings: PromptModelSettingsResponseDto;

  @ApiProperty()
  id: string;

  @ApiProperty()
  templateId: string;

  @ApiProperty({ example: 1 })
  version: number;

  @ApiProperty({ enum: PROMPT_VERSION_STATUSES })
  status: PromptVersionStatus;

  @ApiProperty({ type: ActorResponseDto })
  author: ActorResponseDto;

  @ApiProperty({ type: ActorResponseDto, nullable: true })
  submittedBy: ActorResponseDto | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  submittedAt: Date | null;

  @ApiProperty({ type: ActorResponseDto, nullable: true })
  reviewedBy: ActorResponseDto | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  reviewedAt: Date | null;

  @ApiProperty({ type: String, nullable: true })
  reviewComment: string | null;

  @ApiProperty({ description: 'The approver acknowledged a HIGH grade' })
  highRiskAcknowledged: boolean;

  @ApiProperty({ type: StoredPromptEvaluationResponseDto })
  evaluation: StoredPromptEvaluationResponseDto;

  @ApiProperty({ type: [PromptTransitionResponseDto] })
  history: PromptTransitionResponseDto[];

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: Date;

  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt: Date;

  static from(version: PromptVersion): PromptVersionResponseDto {
    return Object.assign(new PromptVersionResponseDto(), version);
  }
}

export class PromptVersionPageResponseDto extends PageResponseDto(PromptVersionResponseDto) {}

export class CreatedPromptTemplateResponseDto extends ApiModel<{ template: PromptTemplateResponseDto; version: PromptVersionResponseDto }>({
  template: { type: PromptTemplateResponseDto },
  version: { type: PromptVersionResponseDto, description: 'Version 1, a draft, with its evaluation' },
}) {}
