import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Matches, MaxLength, Min } from 'class-validator';

import { NAME_PATTERN, NAME_RULE } from '../../../common/validation/patterns.js';
import { URI_PATTERN } from './run-limits.js';

export const ARTIFACT_TYPE_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,49}$/;
export const CHECKSUM_PATTERN = /^[a-z0-9-]{2,20}:[A-Fa-f0-9]{8,128}$/;

export class AddTrackedRunArtifactRequestDto {
  @ApiProperty({ example: 'model.onnx', pattern: NAME_PATTERN.source, description: `Unique within the run; ${NAME_RULE}` })
  @IsString()
  @Matches(NAME_PATTERN, { message: `name must be ${NAME_RULE}` })
  name: string;

  @ApiProperty({ example: 's3://ml-artifacts/kospi-momentum/lr-sweep-07/model.onnx', maxLength: 2000, pattern: URI_PATTERN.source })
  @IsString()
  @MaxLength(2000)
  @Matches(URI_PATTERN, { message: 'uri must be a URI with a scheme, such as s3://bucket/path' })
  uri: string;

  @ApiProperty({ example: 'model', pattern: ARTIFACT_TYPE_PATTERN.source, description: 'What the artifact is: model, dataset, report, plot, ...' })
  @IsString()
  @Matches(ARTIFACT_TYPE_PATTERN, { message: 'type must be 1-50 letters, digits, _ or -, starting with a letter' })
  type: string;

  @ApiPropertyOptional({ type: 'integer', example: 1048576, minimum: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  sizeBytes?: number;

  @ApiPropertyOptional({ example: 'sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', pattern: CHECKSUM_PATTERN.source, description: 'algorithm:hex digest' })
  @IsOptional()
  @IsString()
  @Matches(CHECKSUM_PATTERN, { message: 'checksum must be algorithm:hexdigest, such as sha256:9f86d0...' })
  checksum?: string;
}
