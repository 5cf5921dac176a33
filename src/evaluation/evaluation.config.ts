import { registerAs } from '@nestjs/config';
import { Type } from 'class-transformer';
import { IsInt, IsNumber, IsOptional, Max, Min } from 'class-validator';

import { validEnvironment } from '../common/config/environment.js';

/** Environment variables of the evaluation harness; each is listed in the README with its default. */
class EvaluationEnvironment {
  @IsOptional() @Type(() => Number) @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(-0.05) @Max(0.5)
  EVALUATION_RISK_FREE_RATE?: number;

  @IsOptional() @Type(() => Number) @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0.0001) @Max(0.2)
  EVALUATION_SIGNIFICANCE_LEVEL?: number;

  @IsOptional() @Type(() => Number) @IsInt() @Min(10) @Max(200000)
  EVALUATION_MAX_SERIES_POINTS?: number;

  @IsOptional() @Type(() => Number) @IsInt() @Min(100) @Max(60000)
  EVALUATION_ENQUEUE_TIMEOUT_MS?: number;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(86400)
  EVALUATION_REQUEUE_AFTER_SECONDS?: number;

  @IsOptional() @Type(() => Number) @IsInt() @Min(60) @Max(86400)
  EVALUATION_STUCK_AFTER_SECONDS?: number;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(3600)
  EVALUATION_SWEEP_INTERVAL_SECONDS?: number;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(20)
  EVALUATION_JOB_ATTEMPTS?: number;
}

export interface EvaluationConfig {
  /** Annual risk-free rate for Sharpe, Sortino and alpha when a scenario does not set its own. */
  riskFreeRate: number;
  /** Level below which the Sharpe-difference p-value counts as significant. */
  significanceLevel: number;
  /** Most points a return series may have (candidate, baseline or benchmark). */
  maxSeriesPoints: number;
  /** How long a POST waits for Redis to accept the job before answering anyway (the sweep enqueues later). */
  enqueueTimeoutMs: number;
  /** A run still QUEUED after this long is enqueued again. */
  requeueAfterSeconds: number;
  /** A run still RUNNING after this long is enqueued again (a duplicate of a live job is ignored by BullMQ). */
  stuckAfterSeconds: number;
  sweepIntervalSeconds: number;
  jobAttempts: number;
}

export type EvaluationConfigNamespace = { evaluation: EvaluationConfig };

/** Read and validated when the module boots: a wrong value stops the process with every problem named. */
export const evaluationConfig = registerAs('evaluation', (): EvaluationConfig => {
  const env = validEnvironment('evaluation', EvaluationEnvironment, process.env);
  return {
    riskFreeRate: env.EVALUATION_RISK_FREE_RATE ?? 0,
    significanceLevel: env.EVALUATION_SIGNIFICANCE_LEVEL ?? 0.05,
    maxSeriesPoints: env.EVALUATION_MAX_SERIES_POINTS ?? 100_000,
    enqueueTimeoutMs: env.EVALUATION_ENQUEUE_TIMEOUT_MS ?? 2000,
    requeueAfterSeconds: env.EVALUATION_REQUEUE_AFTER_SECONDS ?? 60,
    stuckAfterSeconds: env.EVALUATION_STUCK_AFTER_SECONDS ?? 900,
    sweepIntervalSeconds: env.EVALUATION_SWEEP_INTERVAL_SECONDS ?? 30,
    jobAttempts: env.EVALUATION_JOB_ATTEMPTS ?? 5,
  };
});
