import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

import { canonicalJson, sha256Hex } from '../../shared/canonical-json.js';
import { LabelResponseDto } from '../../templates/dto/template.response.dto.js';
import { VersionResponseDto } from '../../templates/dto/version.response.dto.js';
import type { ResolvedLabel } from '../labels.service.js';

export class MoveLabelRequestDto {
  @ApiProperty({ example: 3, description: 'An approved version of the template' })
  @IsInt()
  @Min(1)
  @Max(999_999_999)
  version: number;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

export class RemoveLabelQueryDto {
  @ApiPropertyOptional({ maxLength: 2000, description: 'Why the label is removed (recorded in the audit log)' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

export class ResolvedLabelResponseDto {
  @ApiProperty()
  templateId: string;

  @ApiProperty()
  templateName: string;

  @ApiProperty({ type: LabelResponseDto })
  label: LabelResponseDto;

  @ApiProperty({ type: VersionResponseDto, description: 'The version the label points at' })
  version: VersionResponseDto;

  static from(resolved: ResolvedLabel): ResolvedLabelResponseDto {
    return Object.assign(new ResolvedLabelResponseDto(), {
      templateId: resolved.template.id,
      templateName: resolved.template.name,
      label: resolved.label,
      version: VersionResponseDto.from(resolved.version),
    });
  }

  /** A strong validator of the whole answer: it changes whenever anything in the answer changes. */
  static etag(response: ResolvedLabelResponseDto): string {
    return `"${sha256Hex(canonicalJson(response)).slice(0, 32)}"`;
  }
}
