/** Prompt governance vocabulary shared by the API, the worker and other services. */
export const PROMPT_VERSION_STATUSES = ['DRAFT', 'IN_REVIEW', 'APPROVED', 'REJECTED', 'DEPRECATED'] as const;
export type PromptVersionStatus = (typeof PROMPT_VERSION_STATUSES)[number];

/** Ordered from least to most severe: the order is used to compare grades. */
export const RISK_GRADES = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
export type RiskGrade = (typeof RISK_GRADES)[number];

/** What an author may declare; CRITICAL is only ever derived, since a CRITICAL version can never be approved. */
export const DECLARED_RISK_LEVELS = ['LOW', 'MEDIUM', 'HIGH'] as const;
export type DeclaredRiskLevel = (typeof DECLARED_RISK_LEVELS)[number];

export const FINDING_SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type FindingSeverity = (typeof FINDING_SEVERITIES)[number];

export const FINDING_CATEGORIES = ['toxicity', 'hallucination', 'pii', 'injection', 'policy'] as const;
export type FindingCategory = (typeof FINDING_CATEGORIES)[number];

export const PROMPT_POLICY_IDS = ['financial-advice-disclaimer', 'no-pii', 'max-length'] as const;
export type PromptPolicyId = (typeof PROMPT_POLICY_IDS)[number];

export const CHAT_ROLES = ['system', 'user', 'assistant'] as const;
export type ChatRole = (typeof CHAT_ROLES)[number];

export const USAGE_OUTCOMES = ['success', 'error'] as const;
export type UsageOutcome = (typeof USAGE_OUTCOMES)[number];

/** Why a usage entry was flagged; an entry with any flag counts as flagged in the stats. */
export const USAGE_FLAGS = ['unapproved-version', 'toxic-output', 'pii-in-output'] as const;
export type UsageFlag = (typeof USAGE_FLAGS)[number];

/** Wire shapes (JSON) of prompt governance answers that other services read; `D` is how an instant is held, an ISO 8601 string on the wire. */

export interface PromptChatMessage {
  role: ChatRole;
  content: string;
}

/** The content of a prompt version, which a caller renders and runs. */
export interface PromptVersionView<D = string> {
  id: string;
  templateId: string;
  version: number;
  status: PromptVersionStatus;
  /** A text template, or null for a chat version. */
  template: string | null;
  /** Chat messages, or null for a text version. */
  messages: PromptChatMessage[] | null;
  variables: { name: string; required: boolean; description: string }[];
  modelSettings: { model: string; temperature: number | null; maxTokens: number | null };
  commitMessage: string;
  highRiskAcknowledged: boolean;
  createdAt: D;
  updatedAt: D;
}

/** What a usage batch recorded, entry by entry in request order. */
export interface PromptUsageBatchView {
  recorded: number;
  duplicates: number;
  invalid: number;
  results: { index: number; id: string | null; status: 'recorded' | 'duplicate' | 'invalid'; flags?: UsageFlag[]; errors?: { field: string; message: string }[] }[];
}
