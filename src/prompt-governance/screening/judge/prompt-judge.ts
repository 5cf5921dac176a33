import type { RiskGrade } from '../../../../libs/contracts/src/index.js';
import type { EvaluationInput, EvaluationResult } from '../finding.js';

/** A second opinion on a prompt, from a model-based judge. */
export interface JudgeOpinion {
  judge: string;
  model: string;
  grade: RiskGrade;
  reasons: string[];
}

/**
 * A model-based judge (an OpenAI-compatible endpoint) consulted after the rule-based evaluation. It never
 * replaces the rule-based result, which stays the default and needs no network.
 */
export interface PromptJudge {
  readonly enabled: boolean;
  review(input: EvaluationInput, ruleBased: EvaluationResult): Promise<JudgeOpinion | null>;
}

export const PROMPT_JUDGE = Symbol('PROMPT_JUDGE');

/** The judge in force unless PROMPT_JUDGE_ENABLED=true: it gives no opinion and makes no network call. */
export class DisabledPromptJudge implements PromptJudge {
  readonly enabled = false;

  review(): Promise<JudgeOpinion | null> {
    return Promise.resolve(null);
  }
}
