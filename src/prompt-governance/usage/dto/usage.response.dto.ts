import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';

import { USAGE_FLAGS, type PromptUsageBatchView, type UsageFlag } from '../../../../libs/contracts/src/index.js';
import { FieldErrorDto } from '../../../common/errors/problem-details.js';
import { PageResponseDto } from '../../../common/pagination/page.js';
import type { UsageEntry, UsageEntryResult, UsageEntryStatus } from '../usage-entry.js';
import type { BatchOutcome } from '../usage.service.js';
import type { UsageStats } from '../usage-stats.service.js';
import type { UsageStatsRow } from '../usage-stats.js';
import { PromptUsageReportRequestDto } from './usage-report.request.dto.js';

export class PromptUsageEntryResultResponseDto implements UsageEntryResult {
  @ApiProperty({ description: 'Position in the request' })
  index: number;

  @ApiProperty({ type: String, nullable: true, description: 'The client id (null when it was not readable)' })
  id: string | null;

  @ApiProperty({ enum: ['recorded', 'duplicate', 'invalid'], description: 'duplicate: already recorded by an earlier request with the same id' })
  status: UsageEntryStatus;

  @ApiPropertyOptional({ enum: USAGE_FLAGS, isArray: true })
  flags?: UsageFlag[];

  @ApiPropertyOptional({ type: [FieldErrorDto] })
  errors?: FieldErrorDto[];
}

export class PromptUsageBatchResponseDto implements BatchOutcome, PromptUsageBatchView {
  @ApiProperty()
  recorded: number;

  @ApiProperty()
  duplicates: number;

  @ApiProperty()
  invalid: number;

  @ApiProperty({ type: [PromptUsageEntryResultResponseDto], description: 'One result per entry, in request order' })
  results: PromptUsageEntryResultResponseDto[];
}

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

export class PromptUsageLatencyResponseDto {
  @ApiProperty({ description: 'Median, nearest-rank' })
  p50: number;

  @ApiProperty({ description: '95th percentile, nearest-rank' })
  p95: number;

  @ApiProperty()
  avg: number;

  @ApiProperty()
  max: number;
}

export class PromptUsageStatsRowResponseDto implements UsageStatsRow {
  @ApiProperty()
  version: number;

  @ApiProperty({ example: '2025-05-01', description: 'UTC day of the execution timestamps' })
  day: string;

  @ApiProperty()
  count: number;

  @ApiProperty()
  errorCount: number;

  @ApiProperty({ description: 'errorCount / count' })
  errorRate: number;

  @ApiProperty()
  flaggedCount: number;

  @ApiProperty({ description: 'flaggedCount / count' })
  flaggedRate: number;

  @ApiProperty({ description: 'Entries recorded while the version was not approved' })
  unapprovedCount: number;

  @ApiProperty({ type: PromptUsageLatencyResponseDto })
  latencyMs: PromptUsageLatencyResponseDto;

  @ApiProperty()
  tokensIn: number;

  @ApiProperty()
  tokensOut: number;

  @ApiProperty()
  cost: number;
}

export class PromptUsageStatsResponseDto implements UsageStats {
  @ApiProperty({ example: '2025-04-02' })
  from: string;

  @ApiProperty({ example: '2025-05-01' })
  to: string;

  @ApiProperty({ type: [PromptUsageStatsRowResponseDto], description: 'Ordered by version, then day; days without usage are absent' })
  items: PromptUsageStatsRowResponseDto[];
}
