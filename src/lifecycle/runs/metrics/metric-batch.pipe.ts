import { Injectable, type PipeTransform } from '@nestjs/common';

import { parseMetricBatch } from './metric-batch.js';
import type { MetricPoint } from './metric-point.js';

/** Validates a metric batch at the edge (see parseMetricBatch for why it is not class-validator). */
@Injectable()
export class MetricBatchPipe implements PipeTransform<unknown, MetricPoint[]> {
  transform(body: unknown): MetricPoint[] {
    return parseMetricBatch(body, new Date());
  }
}
