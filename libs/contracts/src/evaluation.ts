/** Evaluation vocabulary shared by the API, the worker and other services. */
export const EVALUATION_RUN_STATUSES = ['QUEUED', 'RUNNING', 'COMPLETED', 'FAILED'] as const;
export type EvaluationRunStatus = (typeof EVALUATION_RUN_STATUSES)[number];

export const COMPLIANCE_STATUSES = ['PASSED', 'PASSED_WITH_WARNINGS', 'FAILED'] as const;
export type ComplianceStatus = (typeof COMPLIANCE_STATUSES)[number];

export const CHECK_OUTCOMES = ['PASS', 'WARN', 'FAIL'] as const;
export type CheckOutcome = (typeof CHECK_OUTCOMES)[number];

/** What a breached check does to the verdict. */
export const CHECK_SEVERITIES = ['FAIL', 'WARN'] as const;
export type CheckSeverity = (typeof CHECK_SEVERITIES)[number];

export const RETURN_FREQUENCIES = ['DAILY', 'WEEKLY', 'MONTHLY'] as const;
export type ReturnFrequency = (typeof RETURN_FREQUENCIES)[number];

export const EXPLAINABILITY_TYPES = ['SHAP_VALUES', 'FEATURE_IMPORTANCE', 'PARTIAL_DEPENDENCE'] as const;
export type ExplainabilityType = (typeof EXPLAINABILITY_TYPES)[number];

/**
 * Wire shapes (JSON) of evaluation answers that other services read; `D` is how an instant is held, an
 * ISO 8601 string on the wire (the API's response DTOs implement them with `Date`).
 */

/** The state of an evaluation run, which a client polls until it is COMPLETED or FAILED. */
export interface EvaluationRunView<D = string> {
  id: string;
  scenarioId: string;
  scenarioName: string;
  /** The exact scenario revision the run is judged against. */
  scenarioRevision: number;
  status: EvaluationRunStatus;
  trigger: string;
  attempts: number;
  failure: string | null;
  complianceStatus: ComplianceStatus | null;
  verdictRecordedAt: D | null;
  computeMs: number | null;
  createdAt: D;
  startedAt: D | null;
  completedAt: D | null;
  updatedAt: D;
}

/** The answer to a new run: where to poll it. */
export interface EvaluationRunAcceptedView<D = string> {
  id: string;
  status: EvaluationRunStatus;
  location: string;
  run: EvaluationRunView<D>;
}
