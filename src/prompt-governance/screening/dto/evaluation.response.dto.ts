import { ApiProperty } from '@nestjs/swagger';

import { FINDING_CATEGORIES, FINDING_SEVERITIES, RISK_GRADES, type FindingCategory, type FindingSeverity, type RiskGrade } from '../../../../libs/contracts/src/index.js';
import type { Finding } from '../finding.js';
import { MAX_EXCERPT_CHARS, MAX_LISTED_FINDINGS, MAX_LISTED_PER_RULE } from '../finding-bounds.js';
import type { JudgeOpinion } from '../judge/prompt-judge.js';
import type { EvaluationOutcome } from '../prompt-screening.service.js';

export class PromptFindingResponseDto implements Finding {
  @ApiProperty({ example: 'pii.credit-card' })
  rule: string;

  @ApiProperty({ enum: FINDING_CATEGORIES })
  category: FindingCategory;

  @ApiProperty({ enum: FINDING_SEVERITIES })
  severity: FindingSeverity;

  @ApiProperty({ example: 'messages[1]', description: '`text`, `messages[i]` or `context`: the text the offsets point into' })
  part: string;

  @ApiProperty({ type: 'integer', description: 'Start offset (UTF-16 code units, inclusive)' })
  start: number;

  @ApiProperty({ type: 'integer', description: 'End offset (exclusive)' })
  end: number;

  @ApiProperty({ example: '41** **** **** **11', maxLength: MAX_EXCERPT_CHARS, description: `The matched text (personal data and secrets masked); cut at ${MAX_EXCERPT_CHARS} characters, ending with …` })
  excerpt: string;

  @ApiProperty({ example: 'credit card number (Luhn-valid)' })
  reason: string;
}

export class PromptScoresResponseDto {
  @ApiProperty({ minimum: 0, maximum: 1 })
  toxicity: number;

  @ApiProperty({ minimum: 0, maximum: 1 })
  hallucination: number;
}

export class PromptJudgeOpinionResponseDto implements JudgeOpinion {
  @ApiProperty()
  judge: string;

  @ApiProperty()
  model: string;

  @ApiProperty({ enum: RISK_GRADES })
  grade: RiskGrade;

  @ApiProperty({ type: [String] })
  reasons: string[];
}

export class PromptEvaluationResponseDto {
  @ApiProperty({ example: 'rule-based' })
  evaluator: string;

  @ApiProperty({ example: '2025.1', description: 'Version of the rule set that produced this result' })
  ruleSetVersion: string;

  @ApiProperty({ description: 'SHA-256 of the rule set: equal digests mean identical rules' })
  ruleSetDigest: string;

  @ApiProperty({ enum: RISK_GRADES })
  grade: RiskGrade;

  @ApiProperty({ type: [String], description: 'The reasons that set the grade' })
  reasons: string[];

  @ApiProperty({ type: PromptScoresResponseDto })
  scores: PromptScoresResponseDto;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, example: { profanity: 0, insult: 0.4, hate: 0, threat: 0, sexual: 0, 'self-harm': 0 } })
  toxicityByCategory: Record<string, number>;

  @ApiProperty({
    type: [PromptFindingResponseDto],
    maxItems: MAX_LISTED_FINDINGS,
    description: `The findings listed: at most ${MAX_LISTED_FINDINGS}, at most ${MAX_LISTED_PER_RULE} of one rule, the most severe chosen first, in the order they were found. The grade weighs every finding.`,
  })
  findings: PromptFindingResponseDto[];

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Findings found but not listed' })
  findingsOmitted: number;

  @ApiProperty({
    type: 'object',
    properties: Object.fromEntries(FINDING_CATEGORIES.map((c) => [c, { type: 'integer', minimum: 0 }])),
    example: { toxicity: 0, hallucination: 1, pii: 240, injection: 0, policy: 240 },
    description: 'Every finding by category, listed or not',
  })
  findingTotals: Record<FindingCategory, number>;

  @ApiProperty({ type: PromptJudgeOpinionResponseDto, nullable: true, description: 'The model-based judge’s opinion; null while the judge is disabled' })
  secondOpinion: PromptJudgeOpinionResponseDto | null;

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
