import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsMongoId, IsOptional, IsString, Matches, Max, Min, ValidateNested } from 'class-validator';

import { NAME_PATTERN, NAME_RULE } from '../../../common/validation/patterns.js';
import { ReturnPointDto } from '../../scenarios/dto/scenario-parts.dto.js';
import { IsMetricMap, IsReturnSeries } from '../../validation/evaluation-validators.js';

/** A model version (modelName + version) or a lifecycle run (lifecycleRunId), with its backtest. */
export class CandidateDto {
  @ApiPropertyOptional({ example: 'kospi-momentum', description: 'With version: a registered model version, which receives the verdict' })
  @IsOptional()
  @IsString()
  @Matches(NAME_PATTERN, { message: `modelName must be ${NAME_RULE}` })
  modelName?: string;

  @ApiPropertyOptional({ example: 7 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000_000)
  version?: number;

  @ApiPropertyOptional({ example: '665f1c2b9d1e8a0012345678', description: 'A lifecycle run, instead of a model version' })
  @IsOptional()
  @IsMongoId({ message: 'lifecycleRunId must be a 24-character hexadecimal id' })
  lifecycleRunId?: string;

  @ApiPropertyOptional({ example: 'momentum v7, 2015-2024 backtest' })
  @IsOptional()
  @IsString()
  @Matches(NAME_PATTERN, { message: `label must be ${NAME_RULE}` })
  label?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'number' }, example: { sharpe: 1.3, turnover: 4.2 }, description: 'Backtest metrics; with returns, only metrics the harness does not compute' })
  @IsOptional()
  @IsMetricMap(false)
  metrics?: Record<string, number>;

  @ApiPropertyOptional({ type: [ReturnPointDto], description: 'Periodic simple returns, from which the harness computes the metrics' })
  @IsOptional()
  @IsReturnSeries()
  returns?: ReturnPointDto[];
}

export class CreateRunRequestDto {
  @ApiProperty({ example: '665f1c2b9d1e8a0012345678' })
  @IsMongoId({ message: 'scenarioId must be a 24-character hexadecimal id' })
  scenarioId: string;

  @ApiProperty({ type: CandidateDto })
  @ValidateNested()
  @Type(() => CandidateDto)
  candidate: CandidateDto;
}
