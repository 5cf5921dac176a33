import type { DeclaredRiskLevel, FindingCategory, FindingSeverity, PromptPolicyId, RiskGrade } from '../../../libs/contracts/src/index.js';

/** One piece of text under evaluation: the text template, one chat message, or the grounding context. */
export interface TextPart {
  /** `text`, `messages[2]` or `context`: where the offsets of a finding point. */
  name: string;
  text: string;
}

export interface PolicyRef {
  id: PromptPolicyId;
  /** For `max-length`: the largest number of characters the prompt may have. */
  maxChars?: number;
  /** For `financial-advice-disclaimer`: the exact disclaimer the prompt must contain instead of the default phrases. */
  disclaimer?: string;
}

/** Why a rule fired, where, and how much it matters: every finding explains itself. */
export interface Finding {
  rule: string;
  category: FindingCategory;
  severity: FindingSeverity;
  part: string;
  /** Offsets in the part's text, `[start, end)` in UTF-16 code units (JavaScript string indexes). */
  start: number;
  end: number;
  /** The matched text; personal data and secrets are masked. */
  excerpt: string;
  reason: string;
}

export interface EvaluationInput {
  parts: TextPart[];
  /** Names of the declared variables: a grounding variable (context, documents...) lowers the hallucination risk. */
  variables: string[];
  /** Grounding text supplied with the prompt; it is scanned for toxicity, PII and injection. */
  context?: string;
  policies: PolicyRef[];
  declaredRiskLevel?: DeclaredRiskLevel;
}

export interface EvaluationScores {
  toxicity: number;
  hallucination: number;
}

export interface EvaluationResult {
  evaluator: string;
  ruleSetVersion: string;
  /** SHA-256 of the rule set's lists, patterns and thresholds: changes whenever a rule changes. */
  ruleSetDigest: string;
  grade: RiskGrade;
  /** The reasons that set the grade (those at the grade's level). */
  reasons: string[];
  scores: EvaluationScores;
  toxicityByCategory: Record<string, number>;
  /** The findings listed, bounded in number (the most severe are chosen first; see finding-bounds.ts). */
  findings: Finding[];
  /** Findings found but not listed. */
  findingsOmitted: number;
  /** Every finding by category, listed or not. */
  findingTotals: Record<FindingCategory, number>;
}

/**
 * Turns a prompt into a graded, explained evaluation. The rule-based implementation is the default and
 * needs no network; a model-based judge can be consulted as a second opinion (see `PromptJudge`).
 */
export interface PromptEvaluator {
  evaluate(input: EvaluationInput): EvaluationResult;
}

export const PROMPT_EVALUATOR = Symbol('PROMPT_EVALUATOR');
