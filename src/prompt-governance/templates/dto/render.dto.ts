import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Omittable } from '../../shared/field-presence.js';
import { IsStringRecord } from '../../shared/string-record.validator.js';
import { MAX_RENDERED_CHARS, VARIABLE_NAME, VARIABLE_RULE, type RenderedContent } from '../prompt-content.js';
import { PromptChatMessageResponseDto } from './version.response.dto.js';

export class RenderPromptRequestDto {
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string', maxLength: 200_000 },
    maxProperties: 100,
    example: { client_name: 'Kim', document: '...' },
    description: `Values of the variables; the rendered prompt may hold at most ${MAX_RENDERED_CHARS} characters`,
  })
  @IsStringRecord(100, 200_000, VARIABLE_NAME, VARIABLE_RULE)
  @Omittable()
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
