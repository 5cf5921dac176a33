import { RISK_GRADES, type DeclaredRiskLevel, type FindingSeverity, type RiskGrade } from '../../../libs/contracts/src/index.js';
import type { EvaluationScores, Finding } from './finding.js';
import { GRADE_THRESHOLDS } from './rules/rule-set.js';

const GRADE_OF_SEVERITY: Partial<Record<FindingSeverity, RiskGrade>> = { critical: 'CRITICAL', high: 'HIGH', medium: 'MEDIUM' };
const MAX_REASONS = 20;

/**
 * The grade is the highest level any reason reaches: a finding's severity (critical, high, medium), a score
 * at or above its threshold, or the level the author declared. The reasons returned are those at that level.
 */
export function deriveGrade(findings: Finding[], scores: EvaluationScores, declared?: DeclaredRiskLevel): { grade: RiskGrade; reasons: string[] } {
  const reasons: Record<RiskGrade, string[]> = { LOW: [], MEDIUM: [], HIGH: [], CRITICAL: [] };
  // Only the first MAX_REASONS of a level are ever shown, so the rest are counted rather than written out.
  const unlisted: Record<RiskGrade, number> = { LOW: 0, MEDIUM: 0, HIGH: 0, CRITICAL: 0 };
  for (const f of findings) {
    const grade = GRADE_OF_SEVERITY[f.severity];
    if (!grade) continue;
    if (reasons[grade].length < MAX_REASONS) reasons[grade].push(`${f.rule} (${f.severity}) in ${f.part} at ${f.start}-${f.end}: ${f.reason}`);
    else unlisted[grade]++;
  }
  const { toxicity, hallucination } = GRADE_THRESHOLDS;
  for (const grade of ['CRITICAL', 'HIGH', 'MEDIUM'] as const) {
    if (scores.toxicity >= toxicity[grade]) {
      reasons[grade].push(`toxicity score ${scores.toxicity} is at least ${toxicity[grade]}`);
      break;
    }
  }
  for (const grade of ['HIGH', 'MEDIUM'] as const) {
    if (scores.hallucination >= hallucination[grade]) {
      reasons[grade].push(`hallucination score ${scores.hallucination} is at least ${hallucination[grade]}`);
      break;
    }
  }
  if (declared && declared !== 'LOW') reasons[declared].push(`the author declared the risk level ${declared}`);
  const grade = [...RISK_GRADES].reverse().find((g) => reasons[g].length > 0) ?? 'LOW';
  if (grade === 'LOW') return { grade, reasons: ['no finding above low severity and every score below its MEDIUM threshold'] };
  const list = reasons[grade];
  const more = unlisted[grade] + Math.max(0, list.length - MAX_REASONS);
  return { grade, reasons: more > 0 ? [...list.slice(0, MAX_REASONS), `and ${more} more`] : list };
}
