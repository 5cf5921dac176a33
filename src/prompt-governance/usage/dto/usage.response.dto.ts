import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';

import { USAGE_FLAGS, type PromptUsageBatchView, type UsageFlag } from '../../../../libs/contracts/src/index.js';
import { FieldErrorDto } from '../../../common/errors/problem-details.js';
import { ApiModel } from '../../../common/openapi/api-model.js';
import { PageResponseDto } from '../../../common/pagination/page.js';
import type { UsageEntry, UsageEntryResult } from '../usage-entry.js';
import type { BatchOutcome } from '../usage.service.js';
import type { UsageStats } from '../usage-stats.service.js';
import type { UsageStatsRow } from '../usage-stats.js';
import { PromptUsageReportRequestDto } from './usage-report.request.dto.js';

export class PromptUsageEntryResultResponseDto extends ApiModel<UsageEntryResult>({
  index: { type: Number, description: 'Position in the request' },
  id: { type: String, nullable: true, description: 'The client id (null when it was not readable)' },
  status: { enum: ['recorded', 'duplicate', 'invalid'], description: 'duplicate: already recorded by an earlier request with the same id' },
  flags: { enum: USAGE_FLAGS, isArray: true, required: false },
  errors: { type: [FieldErrorDto], required: false },
}) {}

export class PromptUsageBatchResponseDto extends ApiModel<BatchOutcome>({
  recorded: { type: Number },
  duplicates: { type: Number },
  invalid: { type: Number },
  results: { type: [PromptUsageEntryResultResponseDto], description: 'One result per entry, in request order' },
}) implements PromptUsageBatchView {}

/** A recorded report: what the client reported, as it was validated, with what the platform made of it. */
export class PromptUsageEntryResponseDto extends PickType(PromptUsageReportRequestDto, ['caller', 'latencyMs', 'tokensIn', 'tokensOut', 'outcome'] as const) {
  @ApiProperty()
  id: string;

  @ApiProperty({ description: 'The client id' })
  entryId: string;

  @ApiProperty()
  templateId: string;

  @ApiProperty()
  version: number;

  @ApiProperty({ type: String, format: 'date-time' })
  timestamp: Date;

  @ApiProperty({ example: '2025-05-01' })
  day: string;

  @ApiProperty()
  cost: number;

  @ApiProperty({ type: String, nullable: true })
  errorCode: string | null;

  @ApiProperty({ type: String, nullable: true })
  variablesHash: string | null;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, nullable: true })
  variables: Record<string, string> | null;

  @ApiProperty({ type: String, nullable: true })
  output: string | null;

  @ApiProperty({ enum: USAGE_FLAGS, isArray: true })
  flags: UsageFlag[];

  @ApiProperty()
  flagged: boolean;

  @ApiProperty({ description: 'Whether the version was approved when the entry was recorded' })
  approved: boolean;

  @ApiProperty({ type: String, format: 'date-time' })
  receivedAt: Date;

  static from(entry: UsageEntry): PromptUsageEntryResponseDto {
    return Object.assign(new PromptUsageEntryResponseDto(), entry);
  }
}

export class PromptUsageEntryPageResponseDto extends PageResponseDto(PromptUsageEntryResponseDto) {}

export class PromptUsageLatencyResponseDto extends ApiModel<UsageStatsRow['latencyMs']>({
  p50: { type: Number, description: 'Median, nearest-rank' },
  p95: { type: Number, description: '95th percentile, nearest-rank' },
  avg: { type: Number },
  max: { type: Number },
}) {}

export class PromptUsageStatsRowResponseDto extends ApiModel<UsageStatsRow>({
  version: { type: Number },
  day: { type: String, example: '2025-05-01', description: 'UTC day of the execution timestamps' },
  count: { type: Number },
  errorCount: { type: Number },
  errorRate: { type: Number, description: 'errorCount / count' },
  flaggedCount: { type: Number },
  flaggedRate: { type: Number, description: 'flaggedCount / count' },
  unapprovedCount: { type: Number, description: 'Entries recorded while the version was not approved' },
  latencyMs: { type: PromptUsageLatencyResponseDto },
  tokensIn: { type: Number },
  tokensOut: { type: Number },
  cost: { type: Number },
}) {}

export class PromptUsageStatsResponseDto extends ApiModel<UsageStats>({
  from: { type: String, example: '2025-04-02' },
  to: { type: String, example: '2025-05-01' },
  items: { type: [PromptUsageStatsRowResponseDto], description: 'Ordered by version, then day; days without usage are absent' },
}) {}
