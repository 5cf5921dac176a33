import { RUN_STATUSES, type RunView } from '../../../../libs/contracts/src/index.js';
import { ApiModel, DATE_TIME, NULLABLE_DATE_TIME } from '../../../common/openapi/api-model.js';
import { PageResponseDto } from '../../../common/pagination/page.js';
import { formatMetricValues, NON_FINITE_METRIC_VALUES } from '../metrics/metric-value.js';
import type { Run, RunArtifact } from '../run.js';

export const METRIC_VALUE_SCHEMA = { oneOf: [{ type: 'number' }, { type: 'string', enum: [...NON_FINITE_METRIC_VALUES] }] };
const STRING_MAP = { type: 'object', additionalProperties: { type: 'string' } } as const;

export class TrackedRunArtifactResponseDto extends ApiModel<RunView['artifacts'][number]>({
  name: { type: String, example: 'model.onnx' },
  uri: { type: String, example: 's3://ml-artifacts/kospi-momentum/lr-sweep-07/model.onnx' },
  type: { type: String, example: 'model' },
  sizeBytes: { type: Number, nullable: true, example: 1048576 },
  checksum: { type: String, nullable: true },
  createdAt: DATE_TIME,
}) {
  static from(artifact: RunArtifact): TrackedRunArtifactResponseDto {
    return Object.assign(new TrackedRunArtifactResponseDto(), artifact);
  }
}

export class TrackedRunResponseDto extends ApiModel<RunView>({
  id: { type: String, example: '665f1c2b9d1e8a00123456aa' },
  experimentId: { type: String, example: '665f1c2b9d1e8a0012345678' },
  name: { type: String, example: 'lr-sweep-07' },
  status: { enum: RUN_STATUSES },
  startTime: DATE_TIME,
  endTime: NULLABLE_DATE_TIME,
  artifactUri: { type: String, nullable: true },
  params: { ...STRING_MAP, example: { lr: '0.01' } },
  latestMetrics: {
    type: 'object',
    additionalProperties: METRIC_VALUE_SCHEMA,
    example: { sharpe: 1.42, loss: 'NaN' },
    description: 'Latest value of each metric (highest step, then latest timestamp); NaN and ±Infinity as the strings "NaN", "Infinity", "-Infinity"',
  },
  tags: { ...STRING_MAP, example: { team: 'alpha' } },
  artifacts: { type: [TrackedRunArtifactResponseDto] },
  createdAt: DATE_TIME,
  updatedAt: DATE_TIME,
}) {
  static from(run: Run): TrackedRunResponseDto {
    return Object.assign(new TrackedRunResponseDto(), {
      ...run,
      latestMetrics: formatMetricValues(run.latestMetrics),
      artifacts: run.artifacts.map(TrackedRunArtifactResponseDto.from),
    });
  }
}

export class TrackedRunPageResponseDto extends PageResponseDto(TrackedRunResponseDto) {}
