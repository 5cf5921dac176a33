import { registerAs } from '@nestjs/config';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

import { validEnvironment } from '../../common/config/environment.js';

class RunsEnvironment {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100_000, { message: 'RUN_MAX_METRIC_KEYS must be between 1 and 100000' })
  RUN_MAX_METRIC_KEYS?: number;
}

export interface RunsConfig {
  /** Distinct metric keys one run may hold; a batch that would exceed it is refused before anything is written. */
  maxMetricKeys: number;
}

export type RunsConfigNamespace = { runs: RunsConfig };

export const runsConfig = registerAs('runs', (): RunsConfig => {
  validEnvironment('runs', RunsEnvironment, process.env);
  return { maxMetricKeys: Number(process.env.RUN_MAX_METRIC_KEYS ?? 1000) };
});
