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
