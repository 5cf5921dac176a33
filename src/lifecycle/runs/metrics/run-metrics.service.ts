import { Injectable } from '@nestjs/common';

import type { PageRequest } from '../../../common/database/mongo.repository.js';
import { NotFoundError } from '../../../common/errors/domain.errors.js';
import type { Page } from '../../../common/pagination/page.js';
import { assertRunning } from '../run-status.js';
import { RunsRepository } from '../runs.repository.js';
import { latestPerKey } from './latest-metric.js';
import type { MetricPoint } from './metric-point.js';
import { RunMetricsRepository } from './run-metrics.repository.js';

@Injectable()
export class RunMetricsService {
  constructor(
    private readonly metrics: RunMetricsRepository,
    private readonly runs: RunsRepository,
  ) {}

  /**
   * Appends a validated batch to the history in one bulk insert, then raises the run's latest values in
   * one conditional bulk update. A batch accepted while the run was RUNNING is written entirely even if
   * the run ends meanwhile. Logging is not idempotent: a retried batch appends its points again.
   */
  async log(runId: string, points: readonly MetricPoint[]): Promise<number> {
    const status = await this.runs.findStatus(runId);
    if (status === null) throw new NotFoundError('Run', runId);
    assertRunning({ name: runId, status }, 'metrics');
    await this.metrics.insertMany(runId, points);
    await this.runs.raiseLatestMetrics(runId, latestPerKey(points));
    return points.length;
  }

  async history(runId: string, key: string, page: PageRequest): Promise<Page<MetricPoint>> {
    if ((await this.runs.findStatus(runId)) === null) throw new NotFoundError('Run', runId);
    return this.metrics.history(runId, key, page);
  }
}
