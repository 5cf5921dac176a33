import { ApiProperty } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';

import { canonicalJson, sha256Hex } from '../../../common/hashing/canonical-json.js';
import { Int, Text } from '../../../common/validation/fields.js';
import { Omittable } from '../../shared/field-presence.js';
import { PromptLabelResponseDto } from '../../templates/dto/template.response.dto.js';
import { PromptVersionResponseDto } from '../../templates/dto/version.response.dto.js';
import type { ResolvedLabel } from '../labels.service.js';

export class MovePromptLabelRequestDto {
  @Int({ minimum: 1, maximum: 999_999_999, example: 3, description: 'An approved version of the template' })
  version: number;

  @Text({ maxLength: 2000, optional: Omittable() })
  comment?: string;
}

export class RemovePromptLabelQueryDto {
  @Text({ maxLength: 2000, description: 'Why the label is removed (recorded in the audit log)', optional: IsOptional() })
  comment?: string;
}

export class ResolvedPromptLabelResponseDto {
  @ApiProperty()
  templateId: string;

  @ApiProperty()
  templateName: string;

  @ApiProperty({ type: PromptLabelResponseDto })
  label: PromptLabelResponseDto;

  @ApiProperty({ type: PromptVersionResponseDto, description: 'The version the label points at' })
  version: PromptVersionResponseDto;

  static from(resolved: ResolvedLabel): ResolvedPromptLabelResponseDto {
    return Object.assign(new ResolvedPromptLabelResponseDto(), {
      templateId: resolved.template.id,
      templateName: resolved.template.name,
      label: resolved.label,
      version: PromptVersionResponseDto.from(resolved.version),
    });
  }

  /** A strong validator of the whole answer: it changes whenever anything in the answer changes. */
  static etag(response: ResolvedPromptLabelResponseDto): string {
    return `"${sha256Hex(canonicalJson(response)).slice(0, 32)}"`;
  }
}
