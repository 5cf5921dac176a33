import { ActorResponseDto } from '../../../common/auth/actor.response.dto.js';
import { ApiProperty } from '@nestjs/swagger';

import { DECLARED_RISK_LEVELS, type DeclaredRiskLevel } from '../../../../libs/contracts/src/index.js';
import { PageResponseDto } from '../../../common/pagination/page.js';
import type { PromptLabel, PromptTemplate } from '../prompt-template.js';
import { PromptPolicyDto } from './prompt-content.request.dto.js';

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

  @ApiProperty({ type: [PromptPolicyDto] })
  policies: PromptPolicyDto[];

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
