/** Lifecycle vocabulary shared by the API, the worker and other services. */
export const RUN_STATUSES = ['RUNNING', 'FINISHED', 'FAILED', 'KILLED'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const MODEL_STAGES = ['NONE', 'STAGING', 'PRODUCTION', 'ARCHIVED'] as const;
export type ModelStage = (typeof MODEL_STAGES)[number];

export const DRIFT_SEVERITIES = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
export type DriftSeverity = (typeof DRIFT_SEVERITIES)[number];

export const DRIFT_STATUSES = ['OPEN', 'ACKNOWLEDGED', 'RESOLVED'] as const;
export type DriftStatus = (typeof DRIFT_STATUSES)[number];

export const DRIFT_STATISTICS = ['PSI', 'KS', 'JS_DIVERGENCE', 'WASSERSTEIN', 'CUSTOM'] as const;
export type DriftStatistic = (typeof DRIFT_STATISTICS)[number];

