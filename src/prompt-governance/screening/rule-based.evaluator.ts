import { Injectable } from '@nestjs/common';

import { HallucinationDetector } from './detectors/hallucination.detector.js';
import { InjectionDetector } from './detectors/injection.detector.js';
import { PiiDetector } from './detectors/pii.detector.js';
import { PolicyDetector } from './detectors/policy.detector.js';
import { ToxicityDetector } from './detectors/toxicity.detector.js';
import type { EvaluationInput, EvaluationResult, Finding, PromptEvaluator, TextPart } from './finding.js';
import { boundFindingText, listFindings } from './finding-bounds.js';
import { deriveGrade } from './risk-grade.js';
import { RULE_SET_DIGEST, RULE_SET_VERSION } from './rules/rule-set.js';

export const RULE_BASED_EVALUATOR = 'rule-based';

/**
 * The default evaluator: deterministic (the same input and rule set always give the same result),
 * offline and fast. The grounding context is scanned for toxicity, PII and injection, but not for
 * hallucination signals, since it is source material rather than instructions.
 */
@Injectable()
export class RuleBasedPromptEvaluator implements PromptEvaluator {
  private readonly toxicity = new ToxicityDetector();
  private readonly hallucination = new HallucinationDetector();
  private readonly pii = new PiiDetector();
  private readonly injection = new InjectionDetector();
  private readonly policy = new PolicyDetector();

  evaluate(input: EvaluationInput): EvaluationResult {
    const scanned: TextPart[] = input.context ? [...input.parts, { name: 'context', text: input.context }] : input.parts;
    const toxicity = this.toxicity.detect(scanned);
    const hallucination = this.hallucination.detect(input.parts, input.variables, Boolean(input.context));
    const pii = this.pii.detect(scanned);
    const promptPii = pii.filter((f) => f.part !== 'context');
    const findings: Finding[] = [
      ...toxicity.findings,
      ...hallucination.findings,
      ...pii,
      ...this.injection.detect(scanned),
      ...this.policy.detect(input.policies, input.parts, promptPii),
    ].map(boundFindingText);
    const scores = { toxicity: toxicity.score, hallucination: hallucination.score };
    // The grade weighs every finding; only the listing is bounded.
    const { grade, reasons } = deriveGrade(findings, scores, input.declaredRiskLevel);
    return {
      evaluator: RULE_BASED_EVALUATOR,
      ruleSetVersion: RULE_SET_VERSION,
      ruleSetDigest: RULE_SET_DIGEST,
      grade,
      reasons,
      scores,
      toxicityByCategory: toxicity.byCategory,
      ...listFindings(findings),
    };
  }
}
