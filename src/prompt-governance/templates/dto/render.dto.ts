import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';

import { IsStringRecord } from '../../shared/string-record.validator.js';
import { VARIABLE_NAME } from '../prompt-content.js';
import type { RenderedContent } from '../prompt-content.js';
import { PromptChatMessageResponseDto } from './version.response.dto.js';

export class RenderPromptRequestDto {
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' }, example: { client_name: 'Kim', document: '...' } })
  @IsOptional()
  @IsStringRecord(100, 200_000, VARIABLE_NAME)
  variables?: Record<string, string>;
}

export class RenderedPromptResponseDto {
  @ApiProperty({ type: String, nullable: true, description: 'The filled text template (null for a chat version)' })
  text: string | null;

  @ApiProperty({ type: [PromptChatMessageResponseDto], nullable: true, description: 'The filled messages (null for a text version)' })
  messages: PromptChatMessageResponseDto[] | null;

  static from(rendered: RenderedContent): RenderedPromptResponseDto {
    return Object.assign(new RenderedPromptResponseDto(), rendered);
  }
}
