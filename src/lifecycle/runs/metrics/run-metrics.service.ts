import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';

import { ConflictError, NotFoundError } from '../../../common/errors/domain.errors.js';
import type { Page, PageRequest } from '../../../common/pagination/page.js';
import { assertRunning } from '../run-status.js';
import type { RunsConfigNamespace } from '../runs.config.js';
import { RunsService } from '../runs.service.js';
import { latestPerKey } from './latest-metric.js';
import type { MetricPoint } from './metric-point.js';
import { RunMetricsRepository } from './run-metrics.repository.js';

@Injectable()
export class RunMetricsService {
  private readonly maxKeys: number;

  constructor(
    private readonly metrics: RunMetricsRepository,
    private readonly runs: RunsService,
    config: ConfigService<RunsConfigNamespace, true>,
  ) {
    this.maxKeys = config.getOrThrow('runs', { infer: true }).maxMetricKeys;
  }

  /**
   * Appends a validated batch to the history in one bulk insert, then raises the run's latest values in
   * one conditional bulk update. A batch accepted while the run was RUNNING is written entirely even if
   * the run ends meanwhile. Logging is not idempotent: a retried batch appends its points again.
   */
  async log(runId: string, points: readonly MetricPoint[]): Promise<number> {
    const status = await this.runs.findStatus(runId);
    if (status === null) throw new NotFoundError('Run', runId);
    assertRunning({ name: runId, status }, 'metrics');
    const keys = [...new Set(points.map((p) => p.key))];
    const held = await this.runs.admitMetricKeys(runId, keys, this.maxKeys);
    if (held !== null) {
      throw new ConflictError(`Run '${runId}' holds ${held} distinct metric keys; this batch would take it past the limit of ${this.maxKeys} (RUN_MAX_METRIC_KEYS). Nothing was written.`, {
        limit: this.maxKeys,
        held,
      });
    }
    await this.metrics.insertMany(runId, points);
    await this.runs.raiseLatestMetrics(runId, latestPerKey(points));
    return points.length;
  }

  async history(runId: string, key: string, page: PageRequest): Promise<Page<MetricPoint>> {
    if ((await this.runs.findStatus(runId)) === null) throw new NotFoundError('Run', runId);
    return this.metrics.history(runId, key, page);
  }
}
