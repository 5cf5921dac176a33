import { ApiProperty } from '@nestjs/swagger';

import { RUN_STATUSES, type RunStatus } from '../../../../libs/contracts/src/index.js';
import { PageResponseDto } from '../../../common/pagination/page.js';
import { formatMetricValues, NON_FINITE_METRIC_VALUES, type MetricValueJson } from '../metrics/metric-value.js';
import type { Run, RunArtifact } from '../run.js';

export const METRIC_VALUE_SCHEMA = { oneOf: [{ type: 'number' }, { type: 'string', enum: [...NON_FINITE_METRIC_VALUES] }] };

export class TrackedRunArtifactResponseDto {
  @ApiProperty({ example: 'model.onnx' })
  name: string;

  @ApiProperty({ example: 's3://ml-artifacts/kospi-momentum/lr-sweep-07/model.onnx' })
  uri: string;

  @ApiProperty({ example: 'model' })
  type: string;

  @ApiProperty({ type: Number, nullable: true, example: 1048576 })
  sizeBytes: number | null;

  @ApiProperty({ type: String, nullable: true })
  checksum: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: Date;

  static from(artifact: RunArtifact): TrackedRunArtifactResponseDto {
    return Object.assign(new TrackedRunArtifactResponseDto(), artifact);
  }
}

export class TrackedRunResponseDto {
  @ApiProperty({ example: '665f1c2b9d1e8a00123456aa' })
  id: string;

  @ApiProperty({ example: '665f1c2b9d1e8a0012345678' })
  experimentId: string;

  @ApiProperty({ example: 'lr-sweep-07' })
  name: string;

  @ApiProperty({ enum: RUN_STATUSES })
  status: RunStatus;

  @ApiProperty({ type: String, format: 'date-time' })
  startTime: Date;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  endTime: Date | null;

  @ApiProperty({ type: String, nullable: true })
  artifactUri: string | null;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, example: { lr: '0.01' } })
  params: Record<string, string>;

  @ApiProperty({
    type: 'object',
    additionalProperties: METRIC_VALUE_SCHEMA,
    example: { sharpe: 1.42, loss: 'NaN' },
    description: 'Latest value of each metric (highest step, then latest timestamp); NaN and ±Infinity as the strings "NaN", "Infinity", "-Infinity"',
  })
  latestMetrics: Record<string, MetricValueJson>;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, example: { team: 'alpha' } })
  tags: Record<string, string>;

  @ApiProperty({ type: [TrackedRunArtifactResponseDto] })
  artifacts: TrackedRunArtifactResponseDto[];

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: Date;

  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt: Date;

  static from(run: Run): TrackedRunResponseDto {
    return Object.assign(new TrackedRunResponseDto(), {
      ...run,
      latestMetrics: formatMetricValues(run.latestMetrics),
      artifacts: run.artifacts.map(TrackedRunArtifactResponseDto.from),
    });
  }
}

export class TrackedRunPageResponseDto extends PageResponseDto(TrackedRunResponseDto) {}
