import { ApiProperty } from '@nestjs/swagger';
import { Omittable } from '../../shared/field-presence.js';
import { StringMap } from '../../../common/validation/string-map.validator.js';
import { MAX_RENDERED_CHARS, VARIABLE_NAME, VARIABLE_RULE, type RenderedContent } from '../prompt-content.js';
import { PromptChatMessageResponseDto } from './version.response.dto.js';

export class RenderPromptRequestDto {
  @StringMap(
    { minEntries: 0, maxEntries: 100, maxValueLength: 200_000, keys: { pattern: VARIABLE_NAME, rule: VARIABLE_RULE } },
    { optional: Omittable(), example: { client_name: 'Kim', document: '...' }, description: `Values of the variables; the rendered prompt may hold at most ${MAX_RENDERED_CHARS} characters` },
  )
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
