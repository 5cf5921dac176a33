import type { FindingSeverity } from '../../../../libs/contracts/src/index.js';
import type { Finding, TextPart } from '../finding.js';
import { GROUNDED_WEIGHT_FACTOR, GROUNDING_VARIABLE, HALLUCINATION_RULES, type HallucinationRule } from '../rules/hallucination.rules.js';
import { foldedPart, matchFolded } from '../text/folded-text.js';

export interface HallucinationReport {
  findings: Finding[];
  /** 1 - Π(1 - weight) over every signal, in [0, 1]. */
  score: number;
  grounded: boolean;
  /** What grounds the prompt: the grounding variables and whether context was given. */
  groundedBy: string[];
}

/** Scores how much a prompt invites invented facts, and explains each signal. */
export class HallucinationDetector {
  constructor(private readonly rules: readonly HallucinationRule[] = HALLUCINATION_RULES) {}

  detect(parts: TextPart[], variables: string[], hasContext: boolean): HallucinationReport {
    const groundedBy = [...variables.filter((v) => GROUNDING_VARIABLE.test(v)), ...(hasContext ? ['context'] : [])];
    const grounded = groundedBy.length > 0;
    const signals: { finding: Finding; weight: number }[] = [];
    for (const part of parts) {
      const folded = foldedPart(part);
      for (const rule of this.rules) {
        for (const { start, end } of matchFolded(folded, rule.pattern)) {
          const weight = rule.kind === 'invites' && grounded ? rule.weight * GROUNDED_WEIGHT_FACTOR : rule.weight;
          const reason =
            rule.kind === 'invites' ? `${rule.reason} ${grounded ? `(grounded by ${groundedBy.join(', ')})` : 'without a grounding variable or context'}` : rule.reason;
          const finding: Finding = { rule: rule.id, category: 'hallucination', severity: severityOf(weight), part: part.name, start, end, excerpt: part.text.slice(start, end), reason };
          signals.push({ finding, weight });
        }
      }
    }
    const kept = withoutContained(signals);
    const score = 1 - kept.reduce((keep, s) => keep * (1 - s.weight), 1);
    const findings = kept.map((s) => s.finding).sort((a, b) => a.part.localeCompare(b.part) || a.start - b.start);
    return { findings, score: Math.round(score * 1000) / 1000, grounded, groundedBy };
  }
}

/**
 * A weaker signal inside a stronger one ("guaranteed" in "guaranteed return") is the same signal. One sweep
 * per part in order of start, keeping for each weight the furthest end reached so far: rules have few
 * distinct weights, so this stays linear however many signals the text holds.
 */
function withoutContained<T extends { finding: Finding; weight: number }>(signals: T[]): T[] {
  const contained = new Set<T>();
  const byPart = new Map<string, T[]>();
  for (const s of signals) {
    const inPart = byPart.get(s.finding.part);
    if (inPart) inPart.push(s);
    else byPart.set(s.finding.part, [s]);
  }
  for (const inPart of byPart.values()) {
    const ordered = [...inPart].sort((a, b) => a.finding.start - b.finding.start);
    const furthestEnd = new Map<number, number>();
    for (let i = 0; i < ordered.length; ) {
      const start = ordered[i].finding.start;
      let j = i;
      for (; j < ordered.length && ordered[j].finding.start === start; j++) {
        const { weight, finding } = ordered[j];
        furthestEnd.set(weight, Math.max(furthestEnd.get(weight) ?? -1, finding.end));
      }
      for (let k = i; k < j; k++) {
        const a = ordered[k];
        for (const [weight, end] of furthestEnd) {
          if (weight > a.weight && end >= a.finding.end) {
            contained.add(a);
            break;
          }
        }
      }
      i = j;
    }
  }
  return signals.filter((s) => !contained.has(s));
}

function severityOf(weight: number): FindingSeverity {
  if (weight >= 0.5) return 'high';
  if (weight >= 0.25) return 'medium';
  if (weight >= 0.1) return 'low';
  return 'info';
}
