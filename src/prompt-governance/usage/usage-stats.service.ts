import { Injectable } from '@nestjs/common';

import { InvalidInputError, NotFoundError } from '../../common/errors/domain.errors.js';
import { PromptTemplatesRepository } from '../templates/prompt-templates.repository.js';
import { UsageLogRepository } from './usage-log.repository.js';
import { nearestRank, toStatsRow, type UsageGroup, type UsageStatsRow } from './usage-stats.js';

export const MAX_STATS_DAYS = 92;
export const DEFAULT_STATS_DAYS = 30;
export const MAX_STATS_GROUPS = 2000;
const PERCENTILE_CONCURRENCY = 8;
const DAY_MS = 86_400_000;

export interface UsageStats {
  from: string;
  to: string;
  items: UsageStatsRow[];
}

/**
 * Per version and UTC day: one aggregation for the totals, then p50 and p95 latency by the nearest-rank
 * method, each read as one value at its rank through an index on latency. This is portable to any
 * MongoDB (no $percentile, which needs 7.0) and bounded: the day range is at most 92 days and the number
 * of groups at most 2,000, and each percentile reads a single document.
 */
@Injectable()
export class UsageStatsService {
  constructor(
    private readonly templates: PromptTemplatesRepository,
    private readonly log: UsageLogRepository,
  ) {}

  async stats(templateId: string, range: { from?: string; to?: string; version?: number }, today = new Date()): Promise<UsageStats> {
    if (!(await this.templates.findById(templateId))) throw new NotFoundError('Prompt template', templateId);
    const to = range.to ?? today.toISOString().slice(0, 10);
    const from = range.from ?? new Date(Date.parse(to) - (DEFAULT_STATS_DAYS - 1) * DAY_MS).toISOString().slice(0, 10);
    const days = (Date.parse(to) - Date.parse(from)) / DAY_MS + 1;
    if (days < 1) throw new InvalidInputError(`from (${from}) must not be after to (${to})`, [{ field: 'from', message: 'from must not be after to' }]);
    if (days > MAX_STATS_DAYS) throw new InvalidInputError(`The range covers ${days} days; ask for at most ${MAX_STATS_DAYS}`, [{ field: 'from', message: `the range may cover at most ${MAX_STATS_DAYS} days` }]);
    const groups = await this.log.groups(templateId, from, to, range.version, MAX_STATS_GROUPS + 1);
    if (groups.length > MAX_STATS_GROUPS) {
      throw new InvalidInputError(`More than ${MAX_STATS_GROUPS} version-days match; narrow the range or give a version`, [{ field: 'version', message: 'narrow the range or give a version' }]);
    }
    const items: UsageStatsRow[] = [];
    for (let i = 0; i < groups.length; i += PERCENTILE_CONCURRENCY) {
      items.push(...(await Promise.all(groups.slice(i, i + PERCENTILE_CONCURRENCY).map((g) => this.withPercentiles(templateId, g)))));
    }
    return { from, to, items };
  }

  private async withPercentiles(templateId: string, group: UsageGroup): Promise<UsageStatsRow> {
    const [p50, p95] = await Promise.all([
      this.log.latencyAtRank(templateId, group.day, group.version, nearestRank(50, group.count)),
      this.log.latencyAtRank(templateId, group.day, group.version, nearestRank(95, group.count)),
    ]);
    return toStatsRow(group, p50, p95);
  }
}
