import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsInt, IsMongoId, IsString, Matches, Max, Min } from 'class-validator';

import { NAME_PATTERN, NAME_RULE } from '../../../common/validation/patterns.js';
import { ReturnPointDto } from '../../scenarios/dto/scenario-parts.dto.js';
import { IsMetricMap, IsReturnSeries } from '../../validation/evaluation-validators.js';
import { NestedObject, Omittable } from '../../validation/field-presence.js';

/** A model version (modelName + version) or a lifecycle run (lifecycleRunId), with its backtest. */
export class CandidateDto {
  @ApiPropertyOptional({ example: 'kospi-momentum', description: 'With version: a registered model version, which receives the verdict' })
  @IsString()
  @Matches(NAME_PATTERN, { message: `modelName must be ${NAME_RULE}` })
  @Omittable()
  modelName?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 1_000_000_000, example: 7 })
  @IsInt()
  @Min(1)
  @Max(1_000_000_000)
  @Omittable()
  version?: number;

  @ApiPropertyOptional({ example: '665f1c2b9d1e8a0012345678', pattern: '^[0-9a-fA-F]{24}$', description: 'A lifecycle run, instead of a model version' })
  @IsMongoId({ message: 'lifecycleRunId must be a 24-character hexadecimal id' })
  @Omittable()
  lifecycleRunId?: string;

  @ApiPropertyOptional({ example: 'momentum v7, 2015-2024 backtest' })
  @IsString()
  @Matches(NAME_PATTERN, { message: `label must be ${NAME_RULE}` })
  @Omittable()
  label?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'number' }, example: { sharpe: 1.3, turnover: 4.2 }, description: 'Backtest metrics; with returns, only metrics the harness does not compute' })
  @IsMetricMap(false)
  @Omittable()
  metrics?: Record<string, number>;

  @ApiPropertyOptional({ type: [ReturnPointDto], description: 'Periodic simple returns, from which the harness computes the metrics' })
  @IsReturnSeries()
  @Omittable()
  returns?: ReturnPointDto[];
}

export class CreateRunRequestDto {
  @ApiProperty({ example: '665f1c2b9d1e8a0012345678', pattern: '^[0-9a-fA-F]{24}$' })
  @IsMongoId({ message: 'scenarioId must be a 24-character hexadecimal id' })
  scenarioId: string;

  @ApiProperty({ type: CandidateDto })
  @NestedObject(() => CandidateDto)
  @IsDefined()
  candidate: CandidateDto;
}
