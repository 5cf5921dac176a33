import { ActorResponseDto } from '../../../common/auth/actor.response.dto.js';
import { ApiProperty, OmitType } from '@nestjs/swagger';

import { ApiModel, DATE_TIME, type Json } from '../../../common/openapi/api-model.js';
import { AnsweredType } from '../../../common/openapi/answered-type.js';
import { PageResponseDto } from '../../../common/pagination/page.js';
import type { PromptLabel, PromptTemplate } from '../prompt-template.js';
import { CreatePromptTemplateRequestDto } from './create-template.request.dto.js';

export class PromptLabelResponseDto extends ApiModel<Json<PromptLabel>>({
  name: { type: String, example: 'production' },
  version: { type: Number, example: 3 },
  versionId: { type: String },
  movedBy: { type: ActorResponseDto },
  movedAt: DATE_TIME,
}) {}

/** A template as its author gave it, every default filled in, with what the platform keeps of it. */
export class PromptTemplateResponseDto extends AnsweredType(OmitType(CreatePromptTemplateRequestDto, ['firstVersion'] as const)) {
  @ApiProperty({ example: '665f1c2b9d1e8a0012345678' })
  id: string;

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
