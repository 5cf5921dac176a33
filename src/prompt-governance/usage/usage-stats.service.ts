import { Injectable } from '@nestjs/common';

import { InconsistentInputError, InvalidInputError } from '../../common/errors/domain.errors.js';
import { PromptVersionsService } from '../templates/prompt-versions.service.js';
import { UsageLogRepository } from './usage-log.repository.js';
import { toStatsRow, type UsageStatsRow } from './usage-stats.js';

export const MAX_STATS_DAYS = 92;
export const DEFAULT_STATS_DAYS = 30;
export const MAX_STATS_GROUPS = 2000;
const DAY_MS = 86_400_000;

export interface UsageStats {
  from: string;
  to: string;
  items: UsageStatsRow[];
}

/**
 * Per version and UTC day: count, error rate, p50/p95 latency (nearest rank), tokens, cost and flagged
 * rate, from one aggregation. Bounded by the range (at most 92 days) and the number of version-days
 * (at most 2,000).
 */
@Injectable()
export class UsageStatsService {
  constructor(
    private readonly versions: PromptVersionsService,
    private readonly log: UsageLogRepository,
  ) {}

  async stats(templateId: string, range: { from?: string; to?: string; version?: number }, today = new Date()): Promise<UsageStats> {
    await this.versions.template(templateId);
    const to = range.to ?? today.toISOString().slice(0, 10);
    const from = range.from ?? new Date(Date.parse(to) - (DEFAULT_STATS_DAYS - 1) * DAY_MS).toISOString().slice(0, 10);
    for (const [field, day] of [['from', from], ['to', to]] as const) {
      // Date.parse rolls 2025-02-30 over to March; a real day survives the round trip unchanged.
      if (Number.isNaN(Date.parse(day)) || new Date(Date.parse(day)).toISOString().slice(0, 10) !== day) {
        throw new InvalidInputError(`${field} (${day}) is not a real day`, [{ field, message: `${field} must be a real day written YYYY-MM-DD` }]);
      }
    }
    const days = (Date.parse(to) - Date.parse(from)) / DAY_MS + 1;
    if (days < 1) throw new InconsistentInputError(`from (${from}) must not be after to (${to})`, [{ field: 'from', message: 'from must not be after to' }]);
    if (days > MAX_STATS_DAYS) throw new InconsistentInputError(`The range covers ${days} days; ask for at most ${MAX_STATS_DAYS}`, [{ field: 'from', message: `the range may cover at most ${MAX_STATS_DAYS} days` }]);
    const groups = await this.log.groups(templateId, from, to, range.version, MAX_STATS_GROUPS + 1);
    if (groups.length > MAX_STATS_GROUPS) {
      throw new InconsistentInputError(`More than ${MAX_STATS_GROUPS} version-days match; narrow the range or give a version`, [{ field: 'version', message: 'narrow the range or give a version' }]);
    }
    return { from, to, items: groups.map(toStatsRow) };
  }
}
