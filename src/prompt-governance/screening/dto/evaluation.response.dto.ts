import { FINDING_CATEGORIES, FINDING_SEVERITIES, RISK_GRADES } from '../../../../libs/contracts/src/index.js';
import { ApiModel } from '../../../common/openapi/api-model.js';
import type { EvaluationScores, Finding } from '../finding.js';
import { MAX_EXCERPT_CHARS, MAX_LISTED_FINDINGS, MAX_LISTED_PER_RULE } from '../finding-bounds.js';
import type { JudgeOpinion } from '../judge/prompt-judge.js';
import type { EvaluationOutcome } from '../prompt-screening.service.js';

export class PromptFindingResponseDto extends ApiModel<Finding>({
  rule: { type: String, example: 'pii.credit-card' },
  category: { enum: FINDING_CATEGORIES },
  severity: { enum: FINDING_SEVERITIES },
  part: { type: String, example: 'messages[1]', description: '`text`, `messages[i]` or `context`: the text the offsets point into' },
  start: { type: 'integer', description: 'Start offset (UTF-16 code units, inclusive)' },
  end: { type: 'integer', description: 'End offset (exclusive)' },
  excerpt: { type: String, example: '41** **** **** **11', maxLength: MAX_EXCERPT_CHARS, description: `The matched text (personal data and secrets masked); cut at ${MAX_EXCERPT_CHARS} characters, ending with …` },
  reason: { type: String, example: 'credit card number (Luhn-valid)' },
}) {}

export class PromptScoresResponseDto extends ApiModel<EvaluationScores>({
  toxicity: { type: Number, minimum: 0, maximum: 1 },
  hallucination: { type: Number, minimum: 0, maximum: 1 },
}) {}

export class PromptJudgeOpinionResponseDto extends ApiModel<JudgeOpinion>({
  judge: { type: String },
  model: { type: String },
  grade: { enum: RISK_GRADES },
  reasons: { type: [String] },
}) {}

export class PromptEvaluationResponseDto extends ApiModel<EvaluationOutcome>({
  evaluator: { type: String, example: 'rule-based' },
  ruleSetVersion: { type: String, example: '2025.1', description: 'Version of the rule set that produced this result' },
  ruleSetDigest: { type: String, description: 'SHA-256 of the rule set: equal digests mean identical rules' },
  grade: { enum: RISK_GRADES },
  reasons: { type: [String], description: 'The reasons that set the grade' },
  scores: { type: PromptScoresResponseDto },
  toxicityByCategory: { type: 'object', additionalProperties: { type: 'number' }, example: { profanity: 0, insult: 0.4, hate: 0, threat: 0, sexual: 0, 'self-harm': 0 } },
  findings: {
    type: [PromptFindingResponseDto],
    maxItems: MAX_LISTED_FINDINGS,
    description: `The findings listed: at most ${MAX_LISTED_FINDINGS}, at most ${MAX_LISTED_PER_RULE} of one rule, the most severe chosen first, in the order they were found. The grade weighs every finding.`,
  },
  findingsOmitted: { type: 'integer', minimum: 0, description: 'Findings found but not listed' },
  findingTotals: {
    type: 'object',
    properties: Object.fromEntries(FINDING_CATEGORIES.map((c) => [c, { type: 'integer', minimum: 0 }])),
    example: { toxicity: 0, hallucination: 1, pii: 240, injection: 0, policy: 240 },
    description: 'Every finding by category, listed or not',
  },
  secondOpinion: { type: PromptJudgeOpinionResponseDto, nullable: true, description: 'The model-based judge’s opinion; null while the judge is disabled' },
}) {
  static from(outcome: EvaluationOutcome): PromptEvaluationResponseDto {
    return Object.assign(new PromptEvaluationResponseDto(), {
      evaluator: outcome.evaluator,
      ruleSetVersion: outcome.ruleSetVersion,
      ruleSetDigest: outcome.ruleSetDigest,
      grade: outcome.grade,
      reasons: outcome.reasons,
      scores: outcome.scores,
      toxicityByCategory: outcome.toxicityByCategory,
      findings: outcome.findings,
      findingsOmitted: outcome.findingsOmitted,
      findingTotals: outcome.findingTotals,
      secondOpinion: outcome.secondOpinion ?? null,
    });
  }
}
