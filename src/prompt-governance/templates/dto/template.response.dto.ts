import { ActorResponseDto } from '../../../common/auth/actor.response.dto.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

import { DECLARED_RISK_LEVELS, PROMPT_POLICY_IDS, type DeclaredRiskLevel, type PromptPolicyId } from '../../../../libs/contracts/src/index.js';
import { PageResponseDto } from '../../../common/pagination/page.js';
import type { PolicyRef } from '../../screening/finding.js';
import type { PromptLabel, PromptTemplate } from '../prompt-template.js';

export class PromptPolicyResponseDto implements PolicyRef {
  @ApiProperty({ enum: PROMPT_POLICY_IDS })
  id: PromptPolicyId;

  @ApiPropertyOptional()
  maxChars?: number;

  @ApiPropertyOptional()
  disclaimer?: string;
}

export class PromptLabelResponseDto implements PromptLabel {
  @ApiProperty({ example: 'production' })
  name: string;

  @ApiProperty({ example: 3 })
  version: number;

  @ApiProperty()
  versionId: string;

  @ApiProperty({ type: ActorResponseDto })
  movedBy: ActorResponseDto;

  @ApiProperty({ type: String, format: 'date-time' })
  movedAt: Date;
}

export class PromptTemplateResponseDto {
  @ApiProperty({ example: '665f1c2b9d1e8a0012345678' })
  id: string;

  @ApiProperty({ example: 'fund-factsheet-summary' })
  name: string;

  @ApiProperty()
  description: string;

  @ApiProperty({ example: 'wealth-genai' })
  owner: string;

  @ApiProperty({ type: [String] })
  tags: string[];

  @ApiProperty({ enum: DECLARED_RISK_LEVELS })
  declaredRiskLevel: DeclaredRiskLevel;

  @ApiProperty({ type: [PromptPolicyResponseDto] })
  policies: PromptPolicyResponseDto[];

  @ApiProperty()
  logRawVariables: boolean;

  @ApiProperty({ description: 'The highest version number handed out' })
  lastVersion: number;

  @ApiProperty({ type: [PromptLabelResponseDto] })
  labels: PromptLabelResponseDto[];

  @ApiProperty({ type: ActorResponseDto })
  createdBy: ActorResponseDto;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: Date;

  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt: Date;

  static from(template: PromptTemplate): PromptTemplateResponseDto {
    const { retiredVersions: _internal, ...visible } = template;
    return Object.assign(new PromptTemplateResponseDto(), visible);
  }
}

export class PromptTemplatePageResponseDto extends PageResponseDto(PromptTemplateResponseDto) {}
